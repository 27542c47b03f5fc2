#pragma once
// Dissolve: the polygons of parents (wards, local authorities) made from the polygons of their children
// (LSOAs), one engine for `nbhd aggregate --dissolve` and the viewer's Level control.
//
// Children that tile their parents (a coverage: edges shared exactly, no overlaps) are merged with GEOS
// coverage union, which only drops the shared edges and is several times faster than a general union. Its
// result is checked: when the children of a parent are not a clean coverage (overlaps, slivers that do not
// match, edges that cross) the result is invalid or its area differs from the sum of the children's areas,
// and that parent is unioned again with the general (overlay) union, counted in `fallbacks`. Parents are
// independent, so they run in parallel on the thread pool; the result depends only on the input.
#include <cstddef>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/geometry.hpp"

namespace nbhd {

struct DissolveOptions {
  unsigned threads = 0;  // 0 = pool_threads()
  // Relative difference of areas above which a coverage union is not trusted (children overlap or leave
  // gaps the coverage union closed or doubled).
  double area_tolerance = 1e-6;
  Progress progress;
};

struct DissolveResult {
  std::vector<std::string> parents;             // parent codes, in order of first appearance
  std::vector<MultiPolygon> geoms;              // per parent
  std::vector<std::vector<uint32_t>> children;  // per parent: indices of its children, ascending
  std::vector<uint32_t> no_parent;              // children whose parent code is "" (ascending)
  size_t fallbacks = 0;                         // parents unioned with the general union
  std::vector<std::string> fallback_parents;    // their codes (first few)
};

// `parent_of[i]` is the parent code of child i ("" = none). Throws nbhd::Error when the sizes differ,
// nbhd::Cancelled when progress asks to stop.
DissolveResult dissolve(const std::vector<MultiPolygon>& children, const std::vector<std::string>& parent_of,
                        const DissolveOptions& opt = {});

// "coverage union for 8,103 wards, the general union for 4 whose LSOAs are not a clean coverage (E05...)":
// what the CLI prints and the viewer shows.
std::string describe_dissolve(const DissolveResult& r, const std::string& parent_word);

}  // namespace nbhd
