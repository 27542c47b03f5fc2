#pragma once
// Everything the viewer loads (on the worker thread) and then only reads: the layer with its joined
// indicators, the join reports, GPU-ready meshes and the picking index. No UI, no GL.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/pick_index.hpp"
#include "app/viewer/search_index.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"
#include "geo/spatial/proximity.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/postcodes.hpp"
#include "geo/vector/basemap.hpp"
#include "geo/vector/ingest.hpp"
#include "render/triangulate/area_mesh.hpp"

namespace nbhd::view {

struct Sources {
  std::string boundaries;
  std::vector<std::string> indicators;  // TABLE[:KEY]
  std::vector<std::string> outlines;    // boundary-only layers (wards, local authorities)
  std::vector<std::string> assets;      // point files (community assets), merged as `nbhd assets` does
  std::string postcodes;                // postcode table (ONS Postcode Directory layout), "" = none
  std::string
      lookup;  // child -> parent code table (LSOA -> ward -> LA): its parent codes replace the layer's
  IngestOptions ingest;
  OnDuplicate on_duplicate = OnDuplicate::Error;  // codes repeated in a table (--on-duplicate)
  std::string basemap;  // a raster under the fills (--basemap, as nbhd render's), "" = none
};

struct OutlineData {
  std::string label;
  AreaLayer layer;
  AreaMesh mesh;
};

// What a parent level's data is made of (levels.hpp); empty (label "") for the loaded layer itself.
struct LevelMade {
  std::string label;                            // "Ward", "Local authority"
  std::string child_word;                       // "LSOAs": the loaded layer's areas, plural
  std::vector<std::vector<uint32_t>> children;  // per area: the loaded layer's areas it is made of
  std::vector<uint32_t> no_parent;              // the loaded layer's areas without a parent
  size_t no_parent_area = size_t(-1);  // the area that shows them ("No ward"), -1 when every area has one
  std::map<std::string, std::string> rules;  // column -> "household-weighted mean of LSOAs"
  std::string weight;                        // the weight column of weighted means, "" = none
  std::string dissolve_note;                 // "coverage union for 25 wards" (and the fallbacks)
  double build_s = 0;
};

struct ViewData {
  Sources sources;
  AreaLayer layer;
  std::vector<JoinReport> reports;
  AreaMesh mesh;
  PickIndex pick;  // over layer.geoms (so ViewData must not move once built: it lives in a unique_ptr)
  std::vector<OutlineData> outlines;
  std::vector<PointLayer> asset_layers;  // one per Sources::assets file: every field of every asset
  // The merged set and its trees, as `nbhd assets` builds them (shared by the levels made from this data).
  std::shared_ptr<const AssetIndex> asset_index;
  bool has_assets = false;
  std::vector<std::string> numeric_columns;  // mappable columns, in table order
  SearchIndex search;  // every level's codes and names (after outlines: it searches theirs too)
  // The postcode table, shared between loads of the same file (a national one takes seconds to read).
  std::shared_ptr<const PostcodeIndex> postcodes;
  PostcodeReadReport postcode_report;
  std::string group_column;  // text column used for "local" ranks (e.g. ltla24_code), "" = none
  // Sources::basemap warped once, on the loading thread, over the layer's extent (and a tenth more each
  // side) at most kBasemapPixels on its long side; empty when there is none or it could not be read, and
  // then basemap_error says why in one line (the data itself loads: a basemap is not worth refusing a map).
  std::optional<RgbaImage> basemap;
  std::string basemap_error;
  double load_s = 0;
  LevelMade level;  // a parent level only
};

// Text column of the layer naming each area's local authority (ltla24_code, lad19_code), "" = none.
std::string local_authority_column(const AreaLayer& layer);
// The viewer's basemap image is at most this many pixels on its long side (about 16 MB of RGBA): sharp at a
// borough's scale; zoomed further in than its metres per pixel, the basemap is magnified, not re-read.
inline constexpr int kBasemapPixels = 2048;

// Loads, joins, tessellates and indexes. Throws nbhd::Error (or Cancelled when progress says stop).
std::unique_ptr<ViewData> load_view_data(const Sources& s, const Progress& progress);

}  // namespace nbhd::view
