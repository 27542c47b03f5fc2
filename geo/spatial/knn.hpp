#pragma once
// Distance-based weights between area centroids: the k nearest neighbours, and a distance band.
//
// Centroids are the area-weighted centroids of each multipolygon (holes subtracted), as GeoDa uses. Ties in
// distance go to the lower area index, so the result never depends on thread count or build order.
// k-nearest weights are not symmetric (b may be among a's nearest without a being among b's); a distance
// band is. Speed: a uniform grid of about 2 points per cell; kNN and the band search only nearby cells,
// O(n k) for evenly spread points; in parallel over areas.
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/spatial/weights.hpp"

namespace nbhd {

Point centroid(const MultiPolygon& mp);
std::vector<Point> centroids(const std::vector<MultiPolygon>& areas);

// Throws nbhd::Error when k is not 1..n-1 ("k = 40000 is more than the 35671 other areas").
SpatialWeights knn_weights(const std::vector<Point>& pts, size_t k);

// Areas whose centroids are at most `distance` apart. Throws for a distance that is not above 0.
SpatialWeights distance_band_weights(const std::vector<Point>& pts, double distance);

// The smallest band that gives every area at least one neighbour (the largest nearest-neighbour
// distance): GeoDa's default threshold.
double min_band_without_islands(const std::vector<Point>& pts);

}  // namespace nbhd
