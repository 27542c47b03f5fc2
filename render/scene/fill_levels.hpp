#pragma once
// The fills' levels of detail, on the CPU (any thread): vertex clustering of an area mesh to a grid of
// `cell` metres, the triangles that survive grouped by 32 x 32 tiles of the layer's extent so a zoomed-in
// view draws only the tiles it sees. The scene uploads them (render/scene/scene.cpp); the viewer builds
// them in the background. Speed: two passes over the mesh per level (~1 s for 20 M triangles here).
#include <cstdint>
#include <vector>

#include "geo/model/geometry.hpp"
#include "render/triangulate/area_mesh.hpp"

namespace nbhd {

// Levels from the full mesh (0) up to 6.4 km cells (a national view at 1080 px is ~0.6 km/px); cells from
// 3.2 km up serve only the map cache's quick frames in motion.
extern const std::vector<float> kFillLevelCells;

// A level's triangles: mesh indices grouped by tile, tiles in order, triangles in mesh order within a tile;
// per tile its first index, index count and the box of its (snapped) vertices.
struct FillLevelData {
  float cell = 0;
  std::vector<uint32_t> idx;
  std::vector<int32_t> tile_first, tile_count;
  std::vector<BBox> tile_box;
};

// The box of the mesh's (origin-relative) vertices: the extent the tiles divide.
BBox mesh_extent(const AreaMesh& mesh);

// The level of `cell` metres (0: every triangle, only grouped by tile) over `ext`.
FillLevelData fill_level(const AreaMesh& mesh, float cell, const BBox& ext);

}  // namespace nbhd
