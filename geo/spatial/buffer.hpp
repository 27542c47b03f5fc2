#pragma once
// The ground within a distance of some areas: GEOS's buffer of their union, in the working CRS (metres).
// The viewer draws its boundary as the "D metres from the selection" ring around the selected areas.
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

// Union of `parts`, grown by `distance` metres (>= 0). Round joins; each quarter circle is drawn with
// `quadrant_segments` chords (32: a chord's midpoint lies within 0.12% of `distance` of the true arc).
// Throws nbhd::Error when GEOS fails or distance is negative or not finite.
MultiPolygon buffer_union(const std::vector<const MultiPolygon*>& parts, double distance,
                          int quadrant_segments = 32);

}  // namespace nbhd
