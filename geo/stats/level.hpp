#pragma once
// A parent level of a layer of small areas: the parents' polygons dissolved from their children
// (geo/spatial/dissolve) and the children's indicators aggregated per parent (geo/stats/aggregate), as an
// AreaLayer that maps, classifies and exports like the children. One engine for `nbhd aggregate --dissolve`
// and the viewer's Level control (LSOA / ward / local authority), so both give the same polygons and values.
//
// RULES. Each numeric column gets a rule (level_rule): the mean of the children by default; the mean weighted
// by a chosen weight column (households, population) when one is given; for a rank or decile column (by
// name), the share of children in the most deprived decile (decile 1, or rank <= the largest rank / 10),
// because the mean of ranks is not a rank. The weight column itself is summed. An aggregated column keeps the
// child column's name, so a map of "IMD_score" stays a map of "IMD_score" at every level; rule_text says how
// it was made, for the legend.
//
// OTHER FIELDS. A text field whose value is the same for all children of every parent (the parent's own name,
// the local authority of a ward) is carried to the parents; other text fields are dropped.
#include <cstddef>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/spatial/dissolve.hpp"
#include "geo/stats/aggregate.hpp"

namespace nbhd {

// The rule for one child column (see RULES above). Throws nbhd::Error for an unknown or text column.
AggregateStat level_rule(const Table& children, const std::string& column, const std::string& weight = "");

// "population-weighted mean of LSOAs", "share of LSOAs in the most deprived decile": `child_word` is the
// children's plural ("LSOAs"), `weight_word` the weight as a reader says it ("household").
std::string rule_text(const AggregateStat& s, const std::string& child_word, const std::string& weight_word);

struct LevelOptions {
  std::string parent_key;            // name of the parents' code field (e.g. "ward24_code")
  std::string parent_name;           // name of their name field ("" = none)
  std::string weight;                // weight column for weighted means ("" = plain means)
  std::vector<std::string> columns;  // numeric child columns to aggregate; empty = every numeric column
  std::vector<AggregateStat> stats;  // when not empty: these statistics instead of `columns` and the rules
  // When not empty, the children without a parent become one more area with this name and code
  // `no_parent_code`, whose values are missing, so they show (as No data) instead of vanishing.
  std::string no_parent_name;
  std::string no_parent_code = "none";
  DissolveOptions dissolve;  // its progress is the dissolve's share (most of the time)
};

struct LevelResult {
  AreaLayer layer;                     // the parents (plus the no-parent area when asked for)
  std::vector<AggregateStat> stats;    // per aggregated column, in layer column order
  DissolveResult dissolved;            // children per parent, children with no parent, fallbacks
  size_t no_parent_area = size_t(-1);  // index of the no-parent area in `layer`, or -1 when none
};

// `parent_of[i]` is child i's parent code ("" = none), `parent_names[i]` its name (may be empty, or the
// vector empty). Throws nbhd::Error for sizes that differ or unknown columns; Cancelled on request.
LevelResult build_level(const AreaLayer& children, const std::vector<std::string>& parent_of,
                        const std::vector<std::string>& parent_names, const LevelOptions& opt);

}  // namespace nbhd
