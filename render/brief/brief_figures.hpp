#pragma once
// The numbers of a brief, computed once over the whole layer with the CLI's engines and then read per area:
// rank_values/rank_within (nbhd rank), aggregate (nbhd aggregate: the comparators' means), flag_dual
// (nbhd flag), compare_periods (nbhd change), run_lisa (nbhd lisa), gap_indicators and assets_near
// (nbhd assets --per-area / --near).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/spatial/gaps.hpp"
#include "geo/spatial/proximity.hpp"
#include "geo/stats/change.hpp"
#include "geo/stats/flag.hpp"
#include "render/brief/brief.hpp"

namespace nbhd {

struct IndicatorFigures {
  std::string column, label, unit, source, year;
  Worse worse = Worse::High;
  const Column* values = nullptr;         // the layer's column (not owned)
  Ranking national, local;                // per area of the layer
  std::map<std::string, double> la_mean;  // by local-authority code
  double all_mean = 0;
};

// Per-1,000 gap indicators of one unit ("assets" or a category) with their comparators.
struct GapFigures {
  std::string unit;
  const Column* within = nullptr;    // <unit>_within_<D>m (count)
  const Column* per_1000 = nullptr;  // <unit>_within_<D>m_per_1000, null without a denominator
  std::map<std::string, double> la_mean;
  double all_mean = 0;
};

struct BriefFigures {
  std::vector<std::string> la_of;  // per area: its local-authority code ("" when unknown)
  std::string la_field, la_name_field;
  std::string all_label;  // "England" when every area with a value is English, else "All areas"
  std::vector<IndicatorFigures> indicators;
  std::optional<FlagResult> flag;
  std::optional<ChangeResult> change;
  std::map<std::string, size_t> change_row;  // code -> index into change->areas
  std::vector<int> lisa_cluster;             // per area, -1 = none; empty when not asked
  std::vector<int> lisa_significance;
  std::optional<GapReport> gaps;
  std::vector<GapFigures> gap_units;  // "assets", then each category
  std::optional<AssetIndex> asset_index;
  std::string la_name(const std::string& la_code) const;
  std::map<std::string, std::string> la_names;
};

// Throws nbhd::Error for unknown or non-numeric columns (naming the layer), a blank weight, bad flag input.
BriefFigures compute_brief_figures(const AreaLayer& layer, const BriefOptions& opt, const Progress& progress);

// Each indicator's mean over `areas` (a brief on several areas: its summary page), weighted as the
// comparators are (the aggregate engine, as nbhd aggregate with those areas as one parent). NaN where none
// of them has a value.
std::vector<double> set_means(const AreaLayer& layer, const BriefOptions& opt,
                              const std::vector<size_t>& areas);

// The England (or all-areas) comparator's label.
std::string comparator_label(const AreaLayer& layer, const Column& values);

}  // namespace nbhd
