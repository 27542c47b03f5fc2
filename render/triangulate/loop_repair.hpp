#pragma once
// What ear clipping does when a whole pass round a loop finds no ear: splits that keep the covered
// region (at a pinch, at a T-junction, along a diagonal), then cutting a local self-intersection,
// which only invalid input needs. Internal to render/triangulate; the order they run in and why is
// in render/README.md ("triangulate", step 5).
#include <cstdint>
#include <vector>

#include "render/triangulate/triangulate.hpp"
#include "render/triangulate/vertex_loop.hpp"

namespace nbhd::detail {

// Works on the node pool of one triangulate call. Every split relabels one part as a new loop (so
// ear tests ignore the other part) and pushes both parts onto `pending`, the loops still to clip.
class LoopRepair {
 public:
  LoopRepair(std::vector<Node>& n, std::vector<uint32_t>& pending, std::vector<uint32_t>& tmp,
             TriangulateStats& st)
      : n_(n), pending_(pending), tmp_(tmp), st_(st) {}

  // Splices allowed for this polygon (triangulate gives its vertex count): invalid input could
  // otherwise splice in circles.
  void set_splice_budget(uint32_t budget) { splice_budget_ = budget; }

  bool split_at_pinch(uint32_t start);
  bool split_at_t_junction(uint32_t start, uint32_t count);
  bool split_at_diagonal(uint32_t start, uint32_t count);
  // Invalid input only: finds edges (a, p) and (b, c) around p, b that cross and unlinks p and b.
  // Returns their outer neighbours a and c, which the caller settles.
  bool cut_crossing(uint32_t start, uint32_t count, uint32_t& a, uint32_t& c);

 private:
  std::vector<Node>& n_;
  std::vector<uint32_t>& pending_;
  std::vector<uint32_t>& tmp_;
  TriangulateStats& st_;
  uint32_t next_loop_ = 1;
  uint32_t splice_budget_ = 0;

  void relabel(uint32_t start, uint32_t loop);
  double loop_area2(uint32_t from, uint32_t to_excl) const;
  bool valid_diagonal(uint32_t a, uint32_t b) const;
  void push_split(uint32_t a, uint32_t b);
};

}  // namespace nbhd::detail
