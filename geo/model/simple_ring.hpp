#pragma once
// certainly_simple_ring: a fast, exact test that a polygon's one ring is simple, so that the ingest can
// skip GEOS's validity check for the areas that need no repair. Most small areas are one ring of a few
// dozen vertices, where GEOS's general machinery (a geometry copy, monotone chains, an STR tree) was 74% of
// the geometry workers' time on 184,833 output areas (about 1.5 us an area); this takes ~0.2 us.
//
// Contract: `r` is a ring as clean_rings leaves it (closed, no consecutive repeats), of finite coordinates.
// True only when the ring is certainly simple: at least 4 points, no two non-adjacent edges meeting at all,
// no two adjacent edges overlapping. A polygon of that one ring is then valid (OGC, as GEOS's isValid has
// it). Every orientation it relies on is certain under Shewchuk's error bound for orient2d; any doubt (a
// touch, a crossing, a collinear fold, a near-degenerate case) answers false and says nothing: the caller
// asks GEOS. Rings of more than kMaxSimpleRingPoints points answer false (GEOS is n log n).
// Speed: every pair of edges, their boxes first: O(n^2), about 1 ns a pair.
#include "geo/model/geometry.hpp"

namespace nbhd {

inline constexpr size_t kMaxSimpleRingPoints = 64;

bool certainly_simple_ring(const Ring& r);

}  // namespace nbhd
