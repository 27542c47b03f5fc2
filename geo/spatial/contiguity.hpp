#pragma once
// Contiguity weights from area boundaries. Queen: two areas are neighbours when a vertex of one lies within
// `snap` of a vertex of the other (they share a corner or more). Rook: when they share at least two such
// boundary points, i.e. a stretch of edge, not just a corner (spdep's poly2nb rule for queen = FALSE).
//
// The snap tolerance (default 1 mm, in the units of the working CRS: metres for EPSG:27700) joins boundaries
// that should meet but differ in the last digits after reprojection or repair; generalised ONS boundaries
// share their vertices exactly, so the default only absorbs rounding. Vertex matching, not edge
// intersection: a vertex lying on the middle of a neighbour's edge does not count, as in GeoDa and spdep.
//
// Speed: O(V log V) for V vertices (a sort of every vertex by x, then a sweep over the x-window of width
// snap). England and Wales's 35,672 LSOAs (about 2.5 million vertices) take well under a second.
#include "geo/model/geometry.hpp"
#include "geo/spatial/weights.hpp"

namespace nbhd {

enum class Contiguity { Queen, Rook };

struct ContiguityOptions {
  Contiguity rule = Contiguity::Queen;
  double snap = 0.001;  // >= 0; vertices closer than this are the same point
};

// Binary weights (every link 1), symmetric by construction. Throws nbhd::Error for a negative snap.
SpatialWeights contiguity_weights(const std::vector<MultiPolygon>& areas, const ContiguityOptions& opt = {});

}  // namespace nbhd
