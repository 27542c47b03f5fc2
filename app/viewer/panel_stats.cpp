// The Statistics window (panel_stats.hpp). The computation is run_lisa, the function `nbhd lisa` runs;
// it runs on a thread of its own (std::async, as the Assets measurement) at a lower priority, on one thread
// fewer than the cores (background_priority.hpp), so the frame keeps a core while it runs.
#include "app/viewer/panel_stats.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/viewer/background_priority.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"

namespace nbhd::view {

namespace {

constexpr double kAlphas[] = {0.05, 0.01, 0.001};
constexpr const char* kAlphaNames[] = {"0.05", "0.01", "0.001"};
constexpr const char* kCorrections[] = {"none", "bonferroni", "fdr"};
constexpr float kBinPx = 2;  // scatter points are binned into cells this many pixels wide

// Runs on the job's thread: reads only the loaded data, which it holds until it ends (the next load
// cancels and waits for it, StatsPanel::unloading, so no result for old data arrives).
// `computed` is the job's own copy of the computed columns it reads (Viewer::derived lives on the UI thread
// and is replaced whole when, say, the gaps are measured again while this runs).
LisaJob compute(std::shared_ptr<const ViewData> d, LisaRunOptions opt, Table computed,
                std::shared_ptr<LisaJobControl> ctl) {
  lower_this_thread_priority();
  auto t0 = std::chrono::steady_clock::now();
  LisaJob j;
  opt.lisa.threads = job_threads();
  opt.lisa.progress = [ctl](double f, std::string_view stage) {
    ctl->fraction = f;
    {
      std::lock_guard<std::mutex> lock(ctl->m);
      if (ctl->stage != stage) ctl->stage = std::string(stage);
    }
    glfwPostEmptyEvent();  // wake an idle UI thread to move the bar
    return !ctl->stop.load();
  };
  try {
    j.run = run_lisa(d->layer, opt, {}, &computed);
  } catch (const Cancelled&) {
    j.cancelled = true;
  } catch (const std::exception& e) {
    j.error = e.what();
  }
  opt.lisa.progress = nullptr;
  j.opt = std::move(opt);
  j.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  glfwPostEmptyEvent();
  return j;
}

Column real_column(std::string name, std::vector<double> v, ColumnType type = ColumnType::Real) {
  Column c{std::move(name), type, {}, {}};
  c.num = std::move(v);
  return c;
}

// Per layer row from per analysed row (rows = the layer's rows in order, as run_lisa without a narrowing).
template <class T>
std::vector<double> per_area(const std::vector<T>& v, const std::vector<size_t>& rows, size_t n,
                             bool negative_missing) {
  std::vector<double> out(n, std::nan(""));
  for (size_t k = 0; k < rows.size(); ++k) {
    double x = double(v[k]);
    out[rows[k]] = negative_missing && x < 0 ? std::nan("") : x;
  }
  return out;
}

// The 95th percentile (nearest rank) of the gaps between frames; 0 when there are none.
double p95(std::vector<double> gaps) {
  if (gaps.empty()) return 0;
  const size_t k = std::min(gaps.size() - 1, size_t(std::ceil(0.95 * double(gaps.size()))) - 1);
  std::nth_element(gaps.begin(), gaps.begin() + std::ptrdiff_t(k), gaps.end());
  return gaps[k];
}

bool has_column(const Viewer& v, const std::string& c) {
  if (!v.data) return false;
  const auto cols = v.numeric_columns();
  return std::find(cols.begin(), cols.end(), c) != cols.end();
}

// A combo of every numeric column: loaded, and computed in the viewer (a gap indicator, say).
bool column_combo(const char* label, const Viewer& v, std::string* column) {
  bool changed = false;
  if (ImGui::BeginCombo(label, column->empty() ? "(choose)" : column->c_str())) {
    for (const auto& c : v.numeric_columns())
      if (ImGui::Selectable(c.c_str(), c == *column)) *column = c, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

void StatsPanel::toggle_button(Viewer& v) {
  (void)v;
  if (ImGui::Button(open_ ? "Close statistics" : "Statistics...")) open_ = !open_;
  note_item("stats.toggle");
}

void StatsPanel::unloading(Viewer& v) {
  cancel();
  if (job_.valid()) job_.wait();
  job_ = {};
  result_.reset();
  message_.clear();
  pt_area_.clear(), pt_x_.clear(), pt_y_.clear(), point_of_area_.clear();
  brushed_.clear();
  dragging_ = false;
  left_behind.unloading();
  (void)v;
}

void StatsPanel::cancel() {
  if (control_) control_->stop = true;
}

void StatsPanel::start(Viewer& v) {
  if (!v.data || job_.valid()) return;
  if (column_.empty() || !has_column(v, column_)) {
    message_ = "choose an indicator column";
    return;
  }
  if (bivariate_ && (column2_.empty() || !has_column(v, column2_))) {
    message_ = "choose the second column for the bivariate local Moran";
    return;
  }
  LisaRunOptions opt;
  opt.column = column_;
  opt.column2 = bivariate_ ? column2_ : "";
  opt.gi = gi_;
  try {
    opt.weights = parse_weights_spec(weights_);
  } catch (const std::exception& e) {
    message_ = e.what();
    return;
  }
  opt.lisa.permutations = size_t(std::max(permutations_, 0));
  opt.lisa.seed = uint64_t(std::max(seed_, 0));
  opt.lisa.alpha = kAlphas[alpha_k_];
  opt.lisa.correction = parse_correction(kCorrections[correction_]);
  try {
    check_lisa_options(opt.lisa);
  } catch (const std::exception& e) {
    message_ = e.what();
    return;
  }
  message_.clear();
  job_frames_ = 0;
  job_max_frame_ms_ = 0;
  job_gaps_ms_.clear();
  // Copies of the computed columns the run reads, taken now: the job never looks at Viewer::derived.
  Table computed;
  computed.set_rows(v.data->layer.size());
  for (const std::string* c : {&opt.column, &opt.column2})
    if (!c->empty() && !computed.find(*c))
      if (const Column* d = v.derived.find(*c)) computed.add(*d);
  control_ = std::make_shared<LisaJobControl>();
  job_ = std::async(std::launch::async, compute, v.data, std::move(opt), std::move(computed), control_);
  v.dirty = true;
}

void StatsPanel::update(Viewer& v) {
  if (!job_.valid()) return;
  auto now = std::chrono::steady_clock::now();
  if (job_frames_++ > 0) {
    const double gap = std::chrono::duration<double, std::milli>(now - last_frame_).count();
    job_max_frame_ms_ = std::max(job_max_frame_ms_, gap);
    job_gaps_ms_.push_back(gap);
  }
  last_frame_ = now;
  if (job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  LisaJob j = job_.get();
  job_ = {};
  control_.reset();
  v.dirty = true;
  if (j.cancelled) {
    message_ = "cancelled; the map shows the previous result";
    return;
  }
  if (!j.run) {
    message_ = j.error;
    return;
  }
  apply(v, std::move(j));
}

void StatsPanel::apply(Viewer& v, LisaJob j) {
  const size_t n = v.data->layer.size();
  const LisaRun& run = *j.run;
  const LisaResult& r = run.result;
  std::vector<Column> cols;
  cols.push_back(real_column("lisa_i", per_area(r.local_i, run.rows, n, false)));
  cols.push_back(real_column("lisa_p", per_area(r.p, run.rows, n, false)));
  cols.push_back(real_column("lisa_cluster", per_area(r.cluster, run.rows, n, true), ColumnType::Integer));
  cols.push_back(
      real_column("lisa_significance", per_area(r.significance, run.rows, n, true), ColumnType::Integer));
  cols.push_back(real_column("lisa_lag", per_area(r.lag, run.rows, n, false)));
  cols.push_back(real_column("lisa_z", per_area(r.z, run.rows, n, false)));
  cols.push_back(real_column("lisa_lag_z", per_area(r.lag_z, run.rows, n, false)));
  cols.push_back(
      real_column("lisa_neighbours", per_area(r.neighbours, run.rows, n, true), ColumnType::Integer));
  if (run.gi) {
    cols.push_back(real_column("gi_z", per_area(run.gi->z, run.rows, n, false)));
    cols.push_back(real_column("gi_p", per_area(run.gi->p, run.rows, n, false)));
    cols.push_back(
        real_column("gi_cluster", per_area(run.gi->cluster, run.rows, n, true), ColumnType::Integer));
  }
  // Scatter points: the areas with a local test (not missing, not islands).
  pt_area_.clear(), pt_x_.clear(), pt_y_.clear();
  point_of_area_.assign(n, -1);
  double xl = 0, xh = 0, yl = 0, yh = 0;
  for (size_t k = 0; k < run.rows.size(); ++k) {
    if (r.cluster[k] < 0 || r.cluster[k] == kNeighbourless) continue;
    double x = r.z[k], y = r.lag_z[k];
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    point_of_area_[run.rows[k]] = int32_t(pt_area_.size());
    pt_area_.push_back(uint32_t(run.rows[k]));
    pt_x_.push_back(float(x)), pt_y_.push_back(float(y));
    xl = std::min(xl, x), xh = std::max(xh, x), yl = std::min(yl, y), yh = std::max(yh, y);
  }
  // Symmetric about zero on each axis so the quadrants (HH, LL, LH, HL) are read at a glance.
  double xa = std::max({-xl, xh, 1e-9}) * 1.05, ya = std::max({-yl, yh, 1e-9}) * 1.05;
  x_lo_ = -xa, x_hi_ = xa, y_lo_ = -ya, y_hi_ = ya;
  // The old brush lit points of the previous run: drop it. Any other areas highlight (the Left behind tab's)
  // is the planner's and stays over the new cluster map; the panel says so (draw_lisa).
  if (!brushed_.empty() && v.highlight.kind == Highlight::Areas && v.highlight.areas == brushed_)
    v.set_highlight({});
  brushed_.clear();
  result_ = std::move(j);
  ++runs_;
  v.set_derived("lisa", std::move(cols));
  map_result(v);
}

void StatsPanel::map_result(Viewer& v) {
  if (!result_) return;
  const bool gi = result_->run->gi.has_value();
  v.spec.column = gi ? "gi_cluster" : "lisa_cluster";
  v.spec.method = ClassifyMethod::Categorical;
  v.spec.palette = gi ? "gi" : "lisa";
  v.spec.bivariate.clear();
  v.spec.centre.reset();
  v.spec.reverse = false;
  v.restyle();
}

std::string StatsPanel::set_option(Viewer& v, const std::string& name, const std::string& value) {
  auto whole = [&](int lo, int hi, int* out) -> std::string {
    char* end = nullptr;
    long x = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end || x < lo || x > hi)
      return name + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    *out = int(x);
    return "";
  };
  if (name == "open") {
    open_ = value != "off";
  } else if (name == "tab") {
    const char* tabs[] = {"lisa", "left-behind", "change"};
    for (int k = 0; k < 3; ++k)
      if (value == tabs[k]) return select_tab_ = k, "";
    return "tab is lisa, left-behind or change";
  } else if (name == "column") {
    column_ = value;
  } else if (name == "bivariate") {
    bivariate_ = value != "none";
    if (bivariate_) column2_ = value;
  } else if (name == "statistic") {
    if (value != "moran" && value != "gi") return "statistic is moran or gi";
    gi_ = value == "gi";
  } else if (name == "permutations") {
    return whole(1, int(kMaxPermutations), &permutations_);
  } else if (name == "seed") {
    return whole(0, 2147483647, &seed_);
  } else if (name == "alpha") {
    for (int k = 0; k < 3; ++k)
      if (value == kAlphaNames[k]) return alpha_k_ = k, "";
    return "alpha is 0.05, 0.01 or 0.001";
  } else if (name == "correction") {
    for (int k = 0; k < 3; ++k)
      if (value == kCorrections[k]) return correction_ = k, "";
    return "correction is none, bonferroni or fdr";
  } else if (name == "weights") {
    weights_ = value;
  } else {
    return left_behind.set_option(v, name, value);
  }
  return "";
}

double StatsPanel::plot_x(float px) const {
  return x_lo_ + double(px - plot_.x0) / double(plot_.x1 - plot_.x0) * (x_hi_ - x_lo_);
}
float StatsPanel::px_of(double x) const {
  return plot_.x0 + float((x - x_lo_) / (x_hi_ - x_lo_)) * (plot_.x1 - plot_.x0);
}
float StatsPanel::py_of(double y) const {
  return plot_.y1 - float((y - y_lo_) / (y_hi_ - y_lo_)) * (plot_.y1 - plot_.y0);
}

void StatsPanel::brush(Viewer& v, double x0, double y0, double x1, double y1) {
  if (x0 > x1) std::swap(x0, x1);
  if (y0 > y1) std::swap(y0, y1);
  brushed_.clear();
  for (size_t k = 0; k < pt_area_.size(); ++k)
    if (pt_x_[k] >= x0 && pt_x_[k] <= x1 && pt_y_[k] >= y0 && pt_y_[k] <= y1) brushed_.push_back(pt_area_[k]);
  Highlight h;
  if (!brushed_.empty()) {
    h.kind = Highlight::Areas;
    h.areas = brushed_;
  }
  v.set_highlight(std::move(h));
}

void StatsPanel::draw(Viewer& v) {
  if (!open_) return;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(v.left_w + 8, 8), ImGuiCond_Once);
  ImGui::SetNextWindowSize(ImVec2(400 * v.ui_scale, std::min(io.DisplaySize.y - v.status_h - 16, 740.0f)),
                           ImGuiCond_Once);
  // Opaque: the theme's window background is translucent, and text over a choropleth is hard to read. An
  // ImGui background (not a viewer backdrop, backdrop.hpp) so that dragged over a side panel it still hides
  // that panel's widgets.
  ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  bg.w = 1;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, bg);
  const bool shown = ImGui::Begin("Statistics", &open_, ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  window_ = {wp.x, wp.y, wp.x + ws.x, wp.y + ws.y};
  if (shown) {
    if (!v.data) {
      ImGui::TextDisabled("open boundaries and indicators first");
    } else if (ImGui::BeginTabBar("##stats")) {
      auto flags = [&](int k) { return select_tab_ == k ? ImGuiTabItemFlags_SetSelected : 0; };
      if (ImGui::BeginTabItem("LISA", nullptr, flags(0))) {
        draw_lisa(v);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Left behind", nullptr, flags(1))) {
        left_behind.draw_condition(v);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Change", nullptr, flags(2))) {
        left_behind.draw_change(v);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
      select_tab_ = -1;
    }
  }
  ImGui::End();
}

void StatsPanel::draw_lisa(Viewer& v) {
  plot_ = {};
  if (column_.empty() || !has_column(v, column_)) {
    const auto cols = v.numeric_columns();
    column_ = has_column(v, v.spec.column) ? v.spec.column : cols.empty() ? "" : cols[0];
  }
  const bool busy = job_.valid();
  ImGui::BeginDisabled(busy);
  column_combo("indicator", v, &column_);
  // The whole meaning, wrapped: a checkbox label does not wrap and a cut one hides what it does.
  ImGui::Checkbox("##bivariate", &bivariate_);
  ImGui::SameLine();
  ImGui::TextWrapped("bivariate: this indicator against the neighbours' values of a second column");
  if (bivariate_) column_combo("second", v, &column2_);
  int stat = gi_ ? 1 : 0;
  ImGui::RadioButton("local Moran", &stat, 0);
  ImGui::SameLine();
  ImGui::RadioButton("Getis-Ord Gi*", &stat, 1);
  gi_ = stat == 1;
  char wbuf[128];
  std::snprintf(wbuf, sizeof wbuf, "%s", weights_.c_str());
  if (ImGui::InputText("weights", wbuf, sizeof wbuf)) weights_ = wbuf;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("queen, rook, knn:K, band, band:D (metres), or a .gal/.gwt file");
  ImGui::InputInt("permutations", &permutations_, 0, 0);
  permutations_ = std::clamp(permutations_, 1, int(kMaxPermutations));
  ImGui::InputInt("seed", &seed_, 0, 0);
  seed_ = std::max(seed_, 0);
  ImGui::Combo("cut-off", &alpha_k_, kAlphaNames, 3);
  ImGui::Combo("correction", &correction_, kCorrections, 3);
  ImGui::EndDisabled();
  if (!busy) {
    if (ImGui::Button("Run")) start(v);
    note_item("stats.run");
  } else {
    std::string stage;
    {
      std::lock_guard<std::mutex> lock(control_->m);
      stage = control_->stage;
    }
    ImGui::ProgressBar(float(control_->fraction.load()), ImVec2(-80 * v.ui_scale, 0), stage.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) cancel();
    note_item("stats.cancel");
  }
  if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
  if (!result_) return;
  const LisaRun& run = *result_->run;
  const LisaResult& r = run.result;
  const auto& o = result_->opt;
  ImGui::Separator();
  ImGui::TextWrapped("%s%s%s: %s, %zu permutations, seed %llu, p <= %.3g (%.0f ms)", o.column.c_str(),
                     o.column2.empty() ? "" : " x lag of ", o.column2.c_str(), run.weights.kind.c_str(),
                     o.lisa.permutations, (unsigned long long)o.lisa.seed, r.cutoff, result_->ms);
  ImGui::TextWrapped("Moran's I = %.4f (pseudo p %.3g); analysed %zu, missing %zu, islands %zu", r.global.i,
                     r.global.p_perm, r.analysed, r.missing, r.islands);
  if (v.spec.column != "lisa_cluster" && v.spec.column != "gi_cluster") {
    if (ImGui::Button("Map the clusters")) map_result(v);
    note_item("stats.map");
  }
  draw_scatter(v);
}

void StatsPanel::draw_scatter(Viewer& v) {
  float w = ImGui::GetContentRegionAvail().x;
  float h = std::min(w, std::max(ImGui::GetContentRegionAvail().y - 4, 120.0f));
  if (w < 60 || pt_area_.empty()) return;
  auto t0 = std::chrono::steady_clock::now();
  ImGui::TextDisabled("Moran scatter plot: drag to brush, click to clear");
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##scatter", ImVec2(w, h));
  note_item("stats.scatter");
  plot_ = {p0.x, p0.y, p0.x + w, p0.y + h};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImVec2(plot_.x0, plot_.y0), ImVec2(plot_.x1, plot_.y1), true);
  dl->AddRectFilled(ImVec2(plot_.x0, plot_.y0), ImVec2(plot_.x1, plot_.y1), IM_COL32(250, 250, 250, 255));
  const ImU32 axis = IM_COL32(150, 150, 150, 255);
  dl->AddLine(ImVec2(px_of(0), plot_.y0), ImVec2(px_of(0), plot_.y1), axis);
  dl->AddLine(ImVec2(plot_.x0, py_of(0)), ImVec2(plot_.x1, py_of(0)), axis);
  // Points binned into kBinPx cells: one rectangle per occupied cell whatever the number of areas, so
  // 35,000 LSOAs cost a few thousand rectangles a frame; darker cells hold more points.
  const int bw = std::max(1, int(w / kBinPx)), bh = std::max(1, int(h / kBinPx));
  bins_.assign(size_t(bw) * size_t(bh), 0);
  lit_bins_.assign(bins_.size(), 0);
  const bool lit = v.highlight.kind != Highlight::None && v.lit.size() == point_of_area_.size();
  for (size_t k = 0; k < pt_area_.size(); ++k) {
    int bx = std::clamp(int((px_of(pt_x_[k]) - plot_.x0) / kBinPx), 0, bw - 1);
    int by = std::clamp(int((py_of(pt_y_[k]) - plot_.y0) / kBinPx), 0, bh - 1);
    size_t b = size_t(by) * size_t(bw) + size_t(bx);
    if (bins_[b] < 65535) ++bins_[b];
    if (lit && v.lit[pt_area_[k]] && lit_bins_[b] < 65535) ++lit_bins_[b];
  }
  for (int by = 0; by < bh; ++by)
    for (int bx = 0; bx < bw; ++bx) {
      size_t b = size_t(by) * size_t(bw) + size_t(bx);
      if (!bins_[b]) continue;
      ImVec2 a(plot_.x0 + bx * kBinPx, plot_.y0 + by * kBinPx), z(a.x + kBinPx + 0.5f, a.y + kBinPx + 0.5f);
      if (lit_bins_[b]) {
        dl->AddRectFilled(a, z, IM_COL32(230, 120, 0, 255));
      } else {
        int alpha = std::min(255, 90 + 40 * int(bins_[b]));
        dl->AddRectFilled(a, z, IM_COL32(60, 60, 140, alpha));
      }
    }
  // The slope: lag = I * value (exact for row-standardised weights: the least-squares slope of lag_z on z).
  double slope = result_->run->result.global.i;
  dl->AddLine(ImVec2(px_of(x_lo_), py_of(slope * x_lo_)), ImVec2(px_of(x_hi_), py_of(slope * x_hi_)),
              IM_COL32(200, 0, 0, 255), 1.5f);
  // The selected areas' points, ringed in the map's selection colour.
  size_t drawn = 0;
  for (uint32_t a : v.selection) {
    if (a >= point_of_area_.size() || point_of_area_[a] < 0 || ++drawn > 2000) continue;
    size_t k = size_t(point_of_area_[a]);
    dl->AddCircle(ImVec2(px_of(pt_x_[k]), py_of(pt_y_[k])), 5, IM_COL32(0, 200, 255, 255), 12, 2);
  }
  // Brushing: a drag draws a rectangle; its points' areas light up on the map when it ends.
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ImGui::IsItemActivated()) dragging_ = true, drag_x0_ = m.x, drag_y0_ = m.y;
  if (dragging_) {
    dl->AddRect(ImVec2(std::min(drag_x0_, m.x), std::min(drag_y0_, m.y)),
                ImVec2(std::max(drag_x0_, m.x), std::max(drag_y0_, m.y)), IM_COL32(230, 120, 0, 255), 0, 0,
                1.5f);
    if (!ImGui::IsItemActive()) {
      dragging_ = false;
      if (std::abs(m.x - drag_x0_) < 3 && std::abs(m.y - drag_y0_) < 3) {
        if (!brushed_.empty() && v.highlight.kind == Highlight::Areas && v.highlight.areas == brushed_)
          v.set_highlight({});  // a click clears the brush, not the Left behind tab's highlight
        brushed_.clear();
      } else {
        auto data_y = [&](float py) {
          return y_lo_ + double(plot_.y1 - py) / double(plot_.y1 - plot_.y0) * (y_hi_ - y_lo_);
        };
        brush(v, plot_x(drag_x0_), data_y(drag_y0_), plot_x(m.x), data_y(m.y));
      }
    }
  }
  dl->PopClipRect();
  char t[96];
  std::snprintf(t, sizeof t, "I = %.4f", slope);
  dl->AddText(ImVec2(plot_.x0 + 4, plot_.y0 + 2), IM_COL32(0, 0, 0, 255), t);
  if (v.highlight.kind == Highlight::Areas && !brushed_.empty())
    ImGui::Text("%zu areas brushed", brushed_.size());
  else if (v.highlight.kind == Highlight::Areas)
    ImGui::TextWrapped("The map still lights the %zu areas highlighted in the Left behind tab (Clear there).",
                       v.highlight.areas.size());
  scatter_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

nlohmann::json StatsPanel::dump(const Viewer& v) const {
  nlohmann::json j;
  j["open"] = open_;
  j["busy"] = job_.valid();
  j["message"] = message_;
  j["runs"] = runs_;
  j["job_frames"] = job_frames_;
  j["job_max_frame_ms"] = job_max_frame_ms_;
  j["job_p95_frame_ms"] = p95(job_gaps_ms_);
  j["scatter_ms"] = scatter_ms_;
  j["window"] = {window_.x0, window_.y0, window_.x1, window_.y1};
  j["plot"] = {
      {"rect", {plot_.x0, plot_.y0, plot_.x1, plot_.y1}}, {"x", {x_lo_, x_hi_}}, {"y", {y_lo_, y_hi_}}};
  if (result_) {
    const auto& o = result_->opt;
    const LisaResult& r = result_->run->result;
    j["column"] = o.column;
    j["bivariate"] = o.column2;
    j["permutations"] = o.lisa.permutations;
    j["seed"] = o.lisa.seed;
    j["cutoff"] = r.cutoff;
    j["weights"] = result_->run->weights.kind;
    j["global_i"] = r.global.i;
    j["ms"] = result_->ms;
    nlohmann::json counts;
    for (int c = 0; c <= kNeighbourless; ++c) counts[lisa_cluster_label(c)] = r.counts[size_t(c)];
    j["clusters"] = counts;
  }
  nlohmann::json br = nlohmann::json::array();
  if (v.data && v.highlight.kind == Highlight::Areas && v.highlight.areas == brushed_)
    for (uint32_t a : brushed_) br.push_back(v.data->layer.codes[a]);
  j["brushed"] = br;
  // The selected areas' points as drawn: code, value, lag and where (window pixels).
  nlohmann::json marked = nlohmann::json::array();
  if (v.data)
    for (uint32_t a : v.selection)
      if (a < point_of_area_.size() && point_of_area_[a] >= 0) {
        size_t k = size_t(point_of_area_[a]);
        marked.push_back({{"code", v.data->layer.codes[a]},
                          {"x", pt_x_[k]},
                          {"y", pt_y_[k]},
                          {"px", px_of(pt_x_[k])},
                          {"py", py_of(pt_y_[k])}});
      }
  j["marked"] = marked;
  j["left_behind"] = left_behind.dump(v);
  return j;
}

}  // namespace nbhd::view
