#pragma once
// The frame bench behind `nbhd view --bench-frames N`: warm-up frames at the path's first view, not timed
// (upload, shader compilation, the first render), then N timed frames along a pan/zoom path, then frames
// resting at its last view until the display is the exact map (timed separately: the convergence).
#include <map>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd::view {

class Viewer;

class FrameBench {
 public:
  explicit FrameBench(int frames);
  bool on() const { return phase_ != Phase::Off; }
  // Before the frame: puts the camera where the path is (once data has loaded).
  void place_camera(Viewer& v);
  // After the frame has been drawn to completion, taking `ms` wall and `cpu_ms` process CPU time.
  // Returns true when the bench is over (the loop ends).
  bool frame_done(const Viewer& v, double ms, double cpu_ms);
  // Prints the figures; returns the exit status (2 when nothing was measured).
  int report(const Viewer& v) const;

 private:
  enum class Phase { Off, Warmup, Path, Settle } phase_;
  int frames_;
  std::vector<double> frame_ms_, frame_cpu_ms_;
  int done_ = 0, warmup_frames_ = 0, settle_frames_ = 0, exact_frames_ = 0;
  std::map<double, int> detail_frames_;  // frames along the path by the quick frame's cell size
  double warmup_ms_ = 0, settle_ms_ = 0;
  double first_exact_ms_ = -1;  // from the viewer's start to the end of its first exact frame of the data
  bool settled_ = false;
  BBox box_;
};

}  // namespace nbhd::view
