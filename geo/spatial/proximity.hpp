#pragma once
// Assets near neighbourhoods: the counts, distances and nearest assets behind "what is near this
// neighbourhood" and "where is social infrastructure missing".
//
// Semantics (the same as PostGIS ST_Intersects / ST_DWithin / ST_Distance on the working CRS, so the
// peers' answers are reproduced exactly):
//  * distance is the exact planar distance in metres from the asset to the area's polygon, 0 when the
//    asset is inside it;
//  * BOUNDARY RULE: an asset exactly on an area's edge or vertex is inside that area (distance 0). An
//    asset on an edge or vertex shared by two neighbouring areas is therefore counted inside BOTH;
//  * "within D" means distance <= D (closed), so it includes every asset inside;
//  * counts are never missing: an area with no asset gets 0. A nearest distance is missing only when
//    the category has no asset at all.
//
// Coverage (areas the assets never surveyed are No data, not 0) and the missing-infrastructure count are
// the gap engine's (geo/spatial/gaps.hpp), built on proximity_per_area.
//
// Engine: one read-only PointIndex over all assets plus one per category, shared by every thread; each
// worker thread has its own GEOS context and builds GEOS prepared geometries for the areas it handles
// (only for areas that have a candidate asset), which decide inside / within / distance exactly.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"
#include "geo/model/table.hpp"
#include "geo/spatial/point_index.hpp"

namespace nbhd {

// The assets of one or more point layers, merged, with their categories numbered. This is also what a
// map draws: pts[i] with a symbol for categories[category[i]].
struct AssetSet {
  std::vector<Point> pts;
  std::vector<uint32_t> category;       // per asset: index into categories
  std::vector<std::string> names;       // per asset, "" when unnamed
  std::vector<uint32_t> layer;          // per asset: index of its input layer
  std::vector<uint32_t> row;            // per asset: row in that layer (its attributes)
  std::vector<std::string> categories;  // sorted, unique
  std::vector<std::string> layer_sources;

  size_t size() const { return pts.size(); }
  // Number of assets per category (same order as categories).
  std::vector<size_t> category_counts() const;
};

// Label used for assets whose category is blank.
inline constexpr const char* kUncategorised = "uncategorised";

// Merges point layers into one set. `only` keeps just those categories; an unknown name there is an
// nbhd::Error listing the categories present (a typo must not silently give zero counts).
AssetSet merge_assets(const std::vector<PointLayer>& layers, const std::vector<std::string>& only = {});

// The read-only search structure: one tree over every asset and one per category.
class AssetIndex {
 public:
  explicit AssetIndex(AssetSet set);
  const AssetSet& set() const { return set_; }
  const PointIndex& all() const { return all_; }
  // The tree of one category, built on first use (thread-safe).
  const PointIndex& of(uint32_t category) const;

 private:
  AssetSet set_;
  PointIndex all_;
  mutable std::vector<PointIndex> by_category_;
  std::unique_ptr<std::once_flag[]> built_;
};

struct AreaProximity;

struct ProximityOptions {
  double within = 1000;       // D in metres (>= 0)
  bool inside = true;         // count assets inside each area
  bool within_counts = true;  // count assets within D of each area
  bool nearest = true;        // distance to the nearest asset
  bool per_category = true;   // also per category, not only over all assets
  std::vector<size_t> areas;  // which areas (indices into the layer); empty = all, in layer order
  // Per group (0 = all assets, 1 + c = category c): measure its nearest distance. Empty = every group; a
  // group left out keeps +inf (the gap engine measures only the chosen categories).
  std::vector<uint8_t> nearest_groups;
  // Inside counts of an earlier run over every area of the layer (rows in layer order, the same groups),
  // for a run that measures only nearest distances: a group with an asset inside an area is at distance 0
  // there without a search (the gap engine's second pass; with 1 M assets most searches end here).
  const AreaProximity* known_inside = nullptr;
  unsigned threads = 0;  // 0 = std::thread::hardware_concurrency()
};

// Results for every requested area. Group 0 is "all assets", group 1 + c is category c (groups == 1 when
// per_category is off). Arrays are row-major: value(row, group) = v[row * groups + group].
struct AreaProximity {
  std::vector<size_t> areas;  // area index of each row
  size_t groups = 1;
  double within = 0;
  std::vector<uint32_t> inside;    // empty when not computed
  std::vector<uint32_t> within_n;  // empty when not computed
  std::vector<double> nearest;     // empty when not computed; +inf when the group has no asset

  size_t at(size_t row, size_t group) const { return row * groups + group; }
};

// Computes the per-area figures, splitting areas over threads. Progress is reported from the calling
// thread only; a cancel stops every worker and throws nbhd::Cancelled.
AreaProximity proximity_per_area(const AreaLayer& areas, const AssetIndex& assets,
                                 const ProximityOptions& opt, const Progress& progress = {});

// The gap indicators as a table keyed by area code (first column named like the layer's key field), one
// row per area of `r`, so it joins, classifies and maps like any indicator. Columns, for "assets" (all)
// then each category in order:
//   <g>_inside, <g>_within_<D>m, <g>_nearest_m,
//   and, when a denominator column is given (aligned with the layer's areas),
//   <g>_inside_per_1000, <g>_within_<D>m_per_1000  (missing where the denominator is missing or <= 0).
Table gap_table(const AreaLayer& areas, const AssetSet& set, const AreaProximity& r,
                const Column* denominator = nullptr);

// One asset and its distance to a selection of areas.
struct NearbyAsset {
  uint32_t asset = UINT32_MAX;  // index into the AssetSet; UINT32_MAX = none
  double distance = 0;          // metres, 0 inside
};

struct NearResult {
  std::vector<size_t> areas;  // the selected areas
  double within = 0;
  std::vector<NearbyAsset> assets;   // every asset within D of the selection, by category, then distance
  std::vector<NearbyAsset> nearest;  // per category (AssetSet::categories order): nearest however far
};

// Assets near a selection of areas: distance to the selection is the smallest distance to any of its
// areas (0 inside any of them).
NearResult assets_near(const AreaLayer& areas, const std::vector<size_t>& selected, const AssetIndex& assets,
                       double within);

}  // namespace nbhd
