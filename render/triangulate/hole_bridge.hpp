#pragma once
// Hole bridging (Eberly, "Triangulation by Ear Clipping", 2002, section 5): joins every hole loop
// into the outer loop by a two-way bridge to a visible vertex, so that ear clipping sees one loop.
// Internal to render/triangulate; see render/README.md ("triangulate", step 2).
#include <cstdint>
#include <utility>
#include <vector>

#include "render/triangulate/triangulate.hpp"
#include "render/triangulate/vertex_loop.hpp"

namespace nbhd::detail {

// The vertex a hole's bridge starts from: the rightmost (greatest x, then least y) of the loop.
uint32_t bridge_start(const std::vector<Node>& n, uint32_t hole);

// Bridges each hole into the loop of `outer`. holes holds (x of bridge_start, bridge_start) per
// hole loop; it is sorted here, rightmost first. A hole that cannot be bridged (outside the shell:
// invalid input) is dropped: its nodes are marked dead. Counts bridges and holes_dropped in st.
// tmp is scratch.
void bridge_holes(std::vector<Node>& n, uint32_t outer, std::vector<std::pair<double, uint32_t>>& holes,
                  std::vector<uint32_t>& tmp, TriangulateStats& st);

}  // namespace nbhd::detail
