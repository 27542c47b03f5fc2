#pragma once
// Aggregation of small areas (children, e.g. LSOAs) to larger ones (parents, e.g. wards): first each child
// gets a parent (through a lookup table, or spatially: the child's point on surface inside a parent
// polygon), then statistics of child columns are computed per parent. The result is a Table keyed by the
// parent code that joins and maps like any indicator table.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/geometry.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

enum class AggStat { Count, Sum, Mean, WeightedMean, Min, Max, Median, Share };

struct AggregateStat {
  AggStat stat = AggStat::Mean;
  std::string column;     // child column (Count without a column counts children)
  std::string weight;     // WeightedMean: weight column (e.g. households)
  double lo = 0, hi = 0;  // Share: percentage of children whose value lies in [lo, hi]
  std::string output;     // output column name; "" = derived ("IMD_rank_mean", "IMD_decile_pct_1")
};

// Parses "count", "sum", "mean", "wmean" (or "weighted-mean"), "min", "max", "median", "share:V" or
// "share:LO:HI". Throws nbhd::Error listing the statistics otherwise.
AggregateStat parse_agg_stat(std::string_view spec, const std::string& column,
                             const std::string& weight = "");

// The output column name of a statistic ("IMD_rank_mean", "IMD_decile_pct_1", "IMD_decile_pct_1_3").
std::string agg_output_name(const AggregateStat& s);

// Which parent each child belongs to.
struct ParentAssignment {
  std::vector<std::string> parent_of;   // per child; "" = none
  std::vector<std::string> unassigned;  // codes of children with no parent
  std::string method;  // "lookup ward17_code in lsoa11_ward17.csv", "point on surface in wards.gpkg"
};

// Parent of each child code through a lookup table (child key column -> parent key column). Throws
// nbhd::Error for unknown columns and for a child mapped to two different parents.
ParentAssignment parents_from_lookup(const std::vector<std::string>& child_codes, const Table& lookup,
                                     std::string_view child_key, std::string_view parent_key);

// A point guaranteed inside each area (GEOS point on surface), for spatial assignment.
std::vector<Point> points_on_surface(const AreaLayer& layer, const Progress& progress = {});

// Parent of each child point: the parent polygon that contains it (first by parent order when polygons
// overlap). Points on a shared edge go to the first parent that touches them.
ParentAssignment parents_by_location(const std::vector<Point>& child_points,
                                     const std::vector<std::string>& child_codes, const AreaLayer& parents,
                                     const Progress& progress = {});

struct AggregateResult {
  Table table;          // parent key column, "n_children", then one column per statistic
  size_t children = 0;  // child rows
  size_t assigned = 0;  // child rows with a parent
  size_t parents = 0;   // rows of `table`
};

// `parent_of` is per row of `children`. Parents are listed in `parent_order` when given (parents with no
// child get n_children 0 and missing statistics), otherwise in code order. Missing child values are left
// out of every statistic; a parent whose children have no value gets a missing value. Throws nbhd::Error
// for unknown or non-numeric columns (naming the table) and negative weights.
AggregateResult aggregate(const Table& children, const std::vector<std::string>& parent_of,
                          const std::vector<AggregateStat>& stats, const std::string& parent_key,
                          const std::vector<std::string>* parent_order = nullptr);

}  // namespace nbhd
