#pragma once
// A neighbourhood brief: one A4 page per area (a PDF, optionally PNG pages), after a summary page of the set
// when there are several (brief_page.hpp), with the area's maps, its key
// figures against its local authority and England, its dual-disadvantage position, change, LISA cluster,
// the assets near it and the provenance of every input. `nbhd brief` and the viewer's Export panel both
// call write_brief. Every figure comes from the engines the CLI commands use (rank_values/rank_within,
// aggregate, flag_dual, compare_periods, run_lisa, gap_indicators, assets_near); a section whose inputs
// were not given is left out, and an indicator without a value for the area is a marked "no data" cell.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"
#include "geo/stats/rank.hpp"
#include "geo/tables/column_metadata.hpp"

namespace nbhd {

struct BriefColumn {
  std::string column;
  std::optional<Worse> worse;  // none: from the metadata's higher_is, else a high value is worse
};

struct BriefOptions {
  // Which areas: codes (one page each), or every area whose `within_field` (any text field when "") holds
  // `within`. Exactly one of the two.
  std::vector<std::string> areas;
  std::string within, within_field;

  std::vector<BriefColumn> columns;  // the key-figures table, in order; the first is mapped
  std::string weight;                // comparators are means weighted by this column ("" = plain means)
  std::string la_field;              // local-authority field ("" = detect: ltla*/lad* code)

  // Dual disadvantage (flag_dual): both columns or neither.
  std::optional<BriefColumn> flag_a, flag_b;
  double worst_share = 0.10;

  // Change between two periods joined to the same areas: rank and decile columns of each ("" = none).
  std::string change_rank_a, change_decile_a, change_rank_b, change_decile_b;
  std::string change_label_a = "previous", change_label_b = "latest";

  std::string lisa_column;  // LISA cluster of this column (queen contiguity, 999 permutations); "" = none

  // Assets (all categories), D, and the denominator of the per-1,000 gap indicators.
  std::vector<const PointLayer*> assets;  // not owned; merged as `nbhd assets` merges its files
  double within_m = 1000;
  std::string per;  // e.g. households_total; "" = no per-1,000 figures

  ColumnLabels labels;  // readable names, units, sources, vintages
  // Provenance: the files read (boundaries, tables, assets, metadata) and the command that asked for it.
  std::vector<std::filesystem::path> inputs;
  std::string command_line;
  std::string date;  // "" = today (UTC), as YYYY-MM-DD

  double png_dpi = 0;  // > 0: also PNG pages BRIEF-1.png ... beside the PDF, at this resolution
  bool overwrite = false;
  Progress progress;  // polled between stages and pages; asking to stop throws nbhd::Cancelled
};

inline constexpr double kMinBriefDpi = 30, kMaxBriefDpi = 600;
inline constexpr size_t kMaxBriefPages = 60;

struct BriefResult {
  std::vector<std::string> codes;  // the areas, one per page in order
  size_t pages = 0;
  std::vector<std::filesystem::path> files;  // the PDF, then any PNG pages
};

// Writes `out` (a .pdf) atomically, every PNG page too; nothing is left behind on an error or a cancel.
// Throws nbhd::Error (one line, saying what to give) for an unknown area code, a --within code with no
// areas, a DPI out of range, an unknown column, an output that cannot be written or exists without
// `overwrite`.
BriefResult write_brief(const AreaLayer& layer, const BriefOptions& opt, const std::filesystem::path& out);

// The areas a brief covers (checks the codes; resolves `within`), in layer order for `within`.
std::vector<size_t> brief_areas(const AreaLayer& layer, const BriefOptions& opt);

}  // namespace nbhd
