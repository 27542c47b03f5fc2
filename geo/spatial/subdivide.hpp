#pragma once
// Subdivision of one area into contiguous parts: the synthetic "output areas" the scale benchmarks use
// (bench/make_scale_data.sh), made from real LSOAs so their shapes, neighbours and sizes are realistic.
//
// Contract, for an area A (polygons in a metric CRS) asked for n parts:
// - every part is ONE polygon (connected; holes allowed), parts do not overlap, and their union is A: the
//   parts' areas sum to A's area up to floating-point rounding (tested at 1e-6 relative);
// - each connected component of A (an island of a multipolygon LSOA) is split on its own into
//   max(1, round(n * its share of A's area)) parts, so a part never spans two components;
// - no part is a sliver: a piece smaller than `min_part_fraction` of its component's mean part area is merged
//   into the neighbour it shares the longest edge with (so a component may end with fewer parts than asked).
//   Two exceptions, by design: a small island of a multipart area is a part of its own (it has no neighbour
//   to join), and a piece that touches the other parts only at points (joined, it would not be one polygon)
//   stays a part. On the 35,672 LSOA21 (bench/make_scale_data.sh): 184,833 parts, 299 below a tenth of
//   their LSOA's mean part, every one of them in one of the 338 multipart LSOAs;
// - the result depends only on A, n and `seed` (same parts on every run and any thread).
//
// How: seed points are the centres of a few Lloyd (k-means) rounds over points sampled uniformly inside
// the component, so cells are compact; GEOS's Voronoi diagram of the seeds is intersected with the
// component. A cell may cut a non-convex component into several pieces: each cell keeps its largest piece,
// and the other pieces (and slivers) are merged into the adjacent part with the longest shared edge.
#include <cstdint>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {

struct SubdivideOptions {
  unsigned parts = 5;              // asked for the whole area
  uint64_t seed = 1;               // sampling seed (use a per-area value for independent areas)
  double min_part_fraction = 0.1;  // pieces below this share of the mean part area are merged away
};

// The parts of `area`, in a deterministic order (by component, then by seed). Throws nbhd::Error when GEOS
// fails on the area.
std::vector<Polygon> subdivide(const GeosContext& c, const MultiPolygon& area, const SubdivideOptions& opt);

}  // namespace nbhd
