#pragma once
// Gap indicators: where social infrastructure is missing, per area, for chosen categories and groups of
// categories, with the coverage rule that keeps areas the asset data never surveyed as "No data". One engine
// for `nbhd assets --per-area` and the viewer's Gaps panel, so both give the same table area for area.
//
// COVERAGE. An asset file covers a place, not the country (the Greater Manchester file covers ten boroughs),
// and an area outside it would read "0 within D" when the truth is "not surveyed". The rule: areas are
// grouped by a local-authority field of the boundaries (ltla24_code, lad19_code ...: detected, or named), and
// a local authority is covered when its areas hold at least `min_assets` assets of any category (10 by
// default: asset files are compiled per authority, and a handful of points just over a border, like the one
// Blackburn with Darwen point in the GM file, do not mean the neighbour was surveyed). Every figure of an
// area in an uncovered authority is missing (No data). Boundaries without such a field are all covered (said
// in the report), and the rule can be switched off. The count uses every asset loaded, not only the chosen
// categories, so choosing categories never changes the coverage.
//
// MISSING INFRASTRUCTURE. Over the "units" (the chosen groups when a group table is given, else the chosen
// categories), missing_within_<D>m counts the units with no asset within D of the area, and
// missing_within_<D>m_list names them ("health; green space"; "none" when nothing is missing, blank for No
// data).
//
// COLUMNS, one row per area in layer order: the key, then for "assets" (every chosen category together),
// each group in table order and each chosen category (per_category): <u>_inside, <u>_within_<D>m,
// <u>_nearest_m, and with a denominator <u>_inside_per_1000, <u>_within_<D>m_per_1000 (blank where the
// denominator is blank or <= 0); then missing_within_<D>m and missing_within_<D>m_list. A group sums the
// assets of its categories (an asset in two groups' categories counts in each); its nearest is the nearest
// of any of them.
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/table.hpp"
#include "geo/spatial/asset_groups.hpp"
#include "geo/spatial/proximity.hpp"

namespace nbhd {

struct CoverageRule {
  bool on = true;
  std::string field;       // area field naming the local authority; "" = detect (ltla*/lad*/utla* code)
  size_t min_assets = 10;  // assets (any category) inside an authority's areas for it to count as covered
};

// Largest distance accepted (metres): beyond it "within D" says nothing about a neighbourhood.
inline constexpr double kMaxGapDistance = 50000;

struct GapOptions {
  double within = 1000;                 // D in metres, 0..kMaxGapDistance
  std::vector<std::string> categories;  // chosen categories; empty = every category of the assets
  CategoryGroups groups;                // columns per group too; empty = none
  bool per_category = true;             // columns per chosen category
  const Column* denominator = nullptr;  // per-1,000 figures; aligned with the layer's areas
  CoverageRule coverage;
  unsigned threads = 0;  // 0 = every pool thread
};

struct GapReport {
  Table table;  // one row per area in layer order: key, then the columns (gaps.hpp header)
  size_t areas = 0, covered = 0;
  std::string coverage_field;                      // the field used; "" when the rule was off or had no field
  std::vector<std::string> uncovered_with_assets;  // authorities holding some assets, too few to count
  size_t denominator_missing = 0;                  // covered areas whose denominator is blank or <= 0
  std::vector<std::string> units;                  // what the missing count counts (groups or categories)
  std::string missing_column, missing_list_column;
  std::vector<std::string> warnings;  // e.g. assets far from the boundaries (a CRS mistake)
};

// The columns' names: "<unit>_within_<D>m" etc. as gap_table names them.
std::string within_tag(double within);  // "_within_800m"
std::string missing_column_name(double within);

// Detects the local-authority field of a layer ("" when none).
std::string detect_coverage_field(const AreaLayer& areas);

// Checks D (nbhd::Error: "the distance D must be ... from 0 to 50000 metres, got X").
void check_gap_distance(double within);

// Computes every column for every area. Throws nbhd::Error for an unknown chosen category or group
// category (listed), a non-numeric denominator, a coverage field that does not exist; nbhd::Cancelled on
// cancel.
GapReport gap_indicators(const AreaLayer& areas, const AssetIndex& assets, const GapOptions& opt,
                         const Progress& progress = {});

}  // namespace nbhd
