#pragma once
// The Statistics window: local Moran (LISA) of an indicator, or Getis-Ord Gi*, computed off the UI thread
// with a progress bar and Cancel, by the function `nbhd lisa` runs (geo/stats/lisa_run.hpp), so the same
// column, weights, permutations and seed give the same I_i, p and cluster per area. The results become
// computed columns (owner "lisa": lisa_i, lisa_p, lisa_cluster, ...) mapped as GeoDa's cluster map, and a
// Moran scatter plot (standardised value against its spatial lag, slope = global I) is linked both ways
// with the map: dragging a rectangle over points highlights their areas (Highlight::Areas), and the
// selected areas' points are ringed. The window is closed until the Explore panel's button opens it.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/panel_leftbehind.hpp"
#include "app/viewer/screen_rect.hpp"
#include "geo/stats/lisa_run.hpp"

namespace nbhd::view {

class Viewer;
struct ViewData;

// A running computation's progress and stop switch, shared by the UI and the job's thread.
struct LisaJobControl {
  std::atomic<double> fraction{0};
  std::atomic<bool> stop{false};
  std::mutex m;
  std::string stage;  // under m
};

// What a finished (or failed, or cancelled) computation hands back.
struct LisaJob {
  LisaRunOptions opt;  // without the progress callback
  std::optional<LisaRun> run;
  std::string error;
  bool cancelled = false;
  double ms = 0;
};

class StatsPanel {
 public:
  StatsPanel() = default;
  StatsPanel(const StatsPanel&) = delete;
  StatsPanel& operator=(const StatsPanel&) = delete;
  ~StatsPanel() { cancel(); }  // then job_'s destructor waits for the job to stop
  // The Explore panel's button that opens and closes the window.
  void toggle_button(Viewer& v);
  // The window (when open): the LISA tab, and the left-behind and change tabs (panel_leftbehind.hpp).
  void draw(Viewer& v);
  // Before new data replaces the old: the running job is cancelled and waited for, results dropped.
  void unloading(Viewer& v);
  // Every frame: collects a finished job and applies its result.
  void update(Viewer& v);
  bool busy() const { return job_.valid(); }
  bool is_open() const { return open_; }
  void set_open(bool on) { open_ = on; }

  // The Run button: starts a computation of the panel's options on the loaded data (one at a time).
  void start(Viewer& v);
  // The Cancel button: the job stops at its next progress poll; the previous result stays.
  void cancel();
  // A scripted option, "NAME VALUE" (column, bivariate, permutations, seed, alpha, correction, statistic,
  // weights, open; and the left-behind and change tabs' options). Returns "" or what is wrong.
  std::string set_option(Viewer& v, const std::string& name, const std::string& value);

  // The scatter plot as drawn last frame (x1 > x0 only when drawn) and its value ranges.
  const ScreenRect& plot_rect() const { return plot_; }
  double plot_x(float px) const;
  float px_of(double x) const;
  float py_of(double y) const;
  // Highlights the areas whose point lies in [x0, x1] x [y0, y1] (standardised value, lag), as a drag does.
  void brush(Viewer& v, double x0, double y0, double x1, double y1);
  nlohmann::json dump(const Viewer& v) const;

  LeftBehindPanel left_behind;

 private:
  void apply(Viewer& v, LisaJob j);
  void draw_lisa(Viewer& v);
  void draw_scatter(Viewer& v);
  void map_result(Viewer& v);

  bool open_ = false;
  int select_tab_ = -1;  // a tab to bring to the front next frame (0 LISA, 1 left behind, 2 change)
  // Options (the panel's own; the column defaults to the mapped indicator)
  std::string column_, column2_;
  bool bivariate_ = false;
  bool gi_ = false;  // map Gi* hot and cold spots instead of LISA clusters
  int permutations_ = 999;
  int seed_ = 123456789;
  int alpha_k_ = 0;     // 0.05, 0.01, 0.001
  int correction_ = 0;  // none, bonferroni, fdr
  std::string weights_ = "queen";

  std::future<LisaJob> job_;
  std::shared_ptr<LisaJobControl> control_;
  std::optional<LisaJob> result_;  // the latest finished run (a cancelled or failed one leaves it)
  std::string message_;            // the last run's error or "cancelled"
  size_t runs_ = 0;                // finished runs applied
  // The UI while the last job ran: frames drawn and the longest gap between two (the frame budget check).
  size_t job_frames_ = 0;
  double job_max_frame_ms_ = 0;
  std::vector<double> job_gaps_ms_;  // every gap, for the 95th percentile
  std::chrono::steady_clock::time_point last_frame_;
  double scatter_ms_ = 0;  // CPU time of the last scatter plot's drawing (binning and draw-list calls)

  // Scatter points: analysed, tested areas (not islands, not missing): layer row, x = z, y = lag_z.
  std::vector<uint32_t> pt_area_;
  std::vector<float> pt_x_, pt_y_;
  std::vector<int32_t> point_of_area_;  // -1 = no point
  double x_lo_ = -1, x_hi_ = 1, y_lo_ = -1, y_hi_ = 1;
  ScreenRect plot_;
  ScreenRect window_;  // the window's rectangle last drawn (tests check it is opaque over the map)
  bool dragging_ = false;
  float drag_x0_ = 0, drag_y0_ = 0;
  std::vector<uint32_t> brushed_;          // areas of the last brush (while the map highlight is it)
  std::vector<uint16_t> bins_, lit_bins_;  // scratch per frame
};

}  // namespace nbhd::view
