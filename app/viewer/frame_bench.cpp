#include "app/viewer/frame_bench.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "app/viewer/viewer.hpp"
#include "render/scene/gl.hpp"

namespace nbhd::view {

FrameBench::FrameBench(int frames) : phase_(frames > 0 ? Phase::Warmup : Phase::Off), frames_(frames) {}

void FrameBench::place_camera(Viewer& v) {
  if (phase_ == Phase::Off || !v.data) return;
  if (box_.empty()) box_ = v.cam.visible();
  // A pan/zoom path: zoom from the whole map into a ~30 km window and back while circling.
  double t = phase_ == Phase::Warmup   ? 0.0
             : phase_ == Phase::Settle ? 1.0
                                       : double(done_) / std::max(frames_ - 1, 1);
  double zoom = std::pow(40.0, std::sin(t * 3.14159265));
  v.cam.fit(box_, 0);
  v.cam.mpp /= zoom;
  double r = box_.width() * 0.2 * std::sin(t * 3.14159265);
  v.cam.centre.x += r * std::cos(t * 12.566);
  v.cam.centre.y += r * std::sin(t * 12.566);
}

bool FrameBench::frame_done(const Viewer& v, double ms, double cpu_ms) {
  if (phase_ == Phase::Off || !v.data) return false;
  bool map_busy_now = v.map_cache_on && v.map_cache && v.map_cache->busy();
  // The first exact frame of the data as it will stay: with every level of detail in.
  if (first_exact_ms_ < 0 && v.map_frame.exact && !(v.scene && v.scene->levels_pending()))
    first_exact_ms_ =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - v.started).count();
  if (phase_ == Phase::Warmup) {
    warmup_ms_ += ms;
    // ImGui lays out over a few frames; the cache is warm once nothing is pending; the map is the one
    // being measured once every level of detail is in (until then it is not drawn).
    const bool levels = v.scene && v.scene->levels_pending();
    if (++warmup_frames_ >= 3 && ((!map_busy_now && !levels) || warmup_frames_ >= 100000))
      phase_ = Phase::Path;
  } else if (phase_ == Phase::Path) {
    frame_ms_.push_back(ms);
    frame_cpu_ms_.push_back(cpu_ms);
    exact_frames_ += v.map_frame.exact;
    ++detail_frames_[v.map_frame.detail];
    if (++done_ >= frames_) phase_ = Phase::Settle;
  } else {
    settle_ms_ += ms;
    ++settle_frames_;
    if (v.map_frame.exact) {
      settled_ = true;
      return true;
    }
    if (settle_frames_ >= 1000) return true;
  }
  return false;
}

int FrameBench::report(const Viewer& v) const {
  if (frame_ms_.empty()) {
    std::cerr << "nbhd view: nothing was loaded, no frames measured"
              << (v.load_error.empty() ? "" : ": " + v.load_error) << "\n";
    return 2;
  }
  std::vector<double> s = frame_ms_, c = frame_cpu_ms_;
  std::sort(s.begin(), s.end());
  std::sort(c.begin(), c.end());
  auto pct_of = [](const std::vector<double>& x, double p) {
    return x[std::min(x.size() - 1, size_t(p * double(x.size() - 1) + 0.5))];
  };
  auto pct = [&](double p) { return pct_of(s, p); };
  int fw, fh;
  glfwGetFramebufferSize(v.win, &fw, &fh);
  std::printf("warm-up: %d frames, %.1f ms, not timed (upload, shader compilation, first render)\n",
              warmup_frames_, warmup_ms_);
  // What a planner waits for: the whole map, exact, at the first view (the data fitted to the window).
  if (first_exact_ms_ >= 0)
    std::printf(
        "first exact frame: %.0f ms after the viewer started (data loaded in %.0f ms on the loader "
        "thread, shown in %.0f ms: scene upload, levels of detail, style)\n",
        first_exact_ms_, v.data->load_s * 1000, v.show_ms);
  std::printf("frames %zu at %dx%d (%zu areas, %s, map cache %s): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
              s.size(), fw, fh, v.data ? v.data->layer.size() : size_t(0),
              reinterpret_cast<const char*>(glGetString(GL_RENDERER)), v.map_cache_on ? "on" : "off",
              pct(0.5), pct(0.95), s.back());
  // CPU time of every thread of this process (llvmpipe's rasteriser threads included, Xvfb not): far less
  // sensitive than wall time to other processes on a shared machine.
  std::printf("CPU per frame (this process, all threads): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
              pct_of(c, 0.5), pct_of(c, 0.95), c.back());
  if (v.map_cache_on) {
    std::printf("while moving: %d of %zu frames exact; quick frames within %zu fill triangles, by cell size:",
                exact_frames_, s.size(), v.map_cache_opt.quick_triangles);
    for (const auto& [cell, n] : detail_frames_) std::printf(" %.0f px: %d", cell, n);
    std::printf("\n");
    if (settled_)
      std::printf(
          "after the path: the display was the exact map after %d frame(s), %.1f ms (%d ms of exact tiles "
          "a frame)\n",
          settle_frames_, settle_ms_, int(v.map_cache_opt.budget_ms));
    else
      std::printf("after the path: NOT exact after %d frames, %.1f ms\n", settle_frames_, settle_ms_);
  } else {
    std::printf("after the path: every frame is drawn exactly (no cache)\n");
  }
  return 0;
}

}  // namespace nbhd::view
