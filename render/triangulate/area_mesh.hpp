#pragma once
// GPU-ready geometry of an area layer, built once per layer: triangles for fills (each vertex tagged with
// its area so colours live in a separate per-area buffer) and border segments for outlines.
// Coordinates are floats relative to `origin`: BNG metres (~700 km) would lose ~6 cm in absolute floats,
// relative ones keep millimetres.
#include <cstdint>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/geometry.hpp"

namespace nbhd {

struct AreaMesh {
  Point origin;
  size_t areas = 0;
  std::vector<float> xy;                // 2 per vertex
  std::vector<uint32_t> vertex_area;    // area index per vertex
  std::vector<uint32_t> indices;        // 3 per triangle, into xy
  std::vector<float> segments;          // 4 per ring edge: x0, y0, x1, y1 (all rings, holes too)
  std::vector<uint32_t> segment_start;  // areas + 1 entries: area i's edges are [start[i], start[i+1])

  size_t vertices() const { return vertex_area.size(); }
  size_t triangles() const { return indices.size() / 3; }
  size_t segment_count() const { return segments.size() / 4; }
};

// Triangulates every polygon of every area (in parallel; `threads` 0 = one per core) and collects the
// ring edges. With fills == false only the segments are built (for boundary-only layers).
AreaMesh build_area_mesh(const std::vector<MultiPolygon>& geoms, Point origin, bool fills = true,
                         unsigned threads = 0, const Progress& progress = {});

// The centre of the bounding box of all geometries; a good origin.
Point centre_of(const std::vector<MultiPolygon>& geoms);

}  // namespace nbhd
