// The interactive viewer's window, frame loop, scripted input, screenshots and frame bench.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/viewer/script_player.hpp"
#include "app/viewer/session_file.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "app/viewer/viewer_app.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "render/export/png_writer.hpp"
#include "render/scene/gl.hpp"

namespace nbhd::view {

namespace {

using Clock = std::chrono::steady_clock;

double process_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The map's background; the cached and the direct path clear to exactly this.
constexpr Rgba kMapBackground{245, 245, 242, 255};

struct Window {
  GLFWwindow* w = nullptr;
  ~Window() {
    if (w) glfwDestroyWindow(w);
    glfwTerminate();
  }
};

}  // namespace

Viewer::Viewer(GLFWwindow* w, Sources s, cli::StyleSpec initial)
    : win(w), sources(std::move(s)), loader([] { glfwPostEmptyEvent(); }), spec(std::move(initial)) {}

Viewer::~Viewer() = default;

void Viewer::poll_loader() {
  auto r = loader.take();
  if (!r) return;
  dirty = true;
  if (!r->data) {
    load_error = r->error;
    if (data) sources = data->sources;  // what is on screen stays what the next join or save refers to
    return;
  }
  load_error.clear();
  on_loaded(std::move(r->data));
}

void Viewer::on_loaded(std::unique_ptr<ViewData> d) {
  assets_unloading();  // it reads the data about to be replaced
  data = std::move(d);
  scene = std::make_unique<Scene>();
  scene->set_areas(data->mesh);
  scene->set_area_borders(LineStyle{{255, 255, 255, 160}, data->layer.size() > 4000 ? 0.0f : 0.6f});
  outline_on.assign(data->outlines.size(), true);
  outline_index.clear();
  for (const auto& o : data->outlines)
    outline_index.push_back(scene->add_outline_layer(o.mesh, LineStyle{{30, 30, 30, 255}, 1.5f}));
  assets_loaded();
  bool known = std::find(data->numeric_columns.begin(), data->numeric_columns.end(), spec.column) !=
               data->numeric_columns.end();
  if (!known) spec.column = data->numeric_columns.empty() ? "" : data->numeric_columns.front();
  if (!spec.bivariate.empty() && std::find(data->numeric_columns.begin(), data->numeric_columns.end(),
                                           spec.bivariate) == data->numeric_columns.end())
    spec.bivariate.clear();
  highlight = {};
  std::vector<uint32_t> keep;
  for (uint32_t i : selection)
    if (i < data->layer.size()) keep.push_back(i);
  int fw, fh;
  glfwGetFramebufferSize(win, &fw, &fh);
  cam.w = std::max(fw, 1), cam.h = std::max(fh, 1);
  fit_all();
  restyle();
  set_selection(keep);
  pending_session_apply(*this);
}

void Viewer::restyle() {
  style_error.clear();
  style = {};
  if (!data || spec.column.empty()) {
    if (data) style.fills.assign(data->layer.size(), cli::rgba(spec.nodata));
    apply_colours();
    return;
  }
  try {
    style = cli::style_map(data->layer, spec);
  } catch (const std::exception& e) {
    style_error = e.what();
    style = {};
    style.fills.assign(data->layer.size(), cli::rgba(spec.nodata));
  }
  apply_colours();
}

void Viewer::apply_colours() {
  if (!data || !scene) return;
  size_t n = data->layer.size();
  lit.assign(n, 0);
  lit_count = 0;
  const auto& h = highlight;
  if (h.kind == Highlight::LegendClass && !style.class_of.empty()) {
    for (size_t i = 0; i < n; ++i) lit[i] = style.class_of[i] == h.legend_class;
  } else if (h.kind == Highlight::Brush && !spec.column.empty()) {
    const auto& v = data->layer.attrs.numeric(spec.column).num;
    for (size_t i = 0; i < n; ++i) lit[i] = v[i] >= h.lo && v[i] <= h.hi;
  } else if (h.kind == Highlight::Dual && !spec.column.empty() && !h.dual_column.empty()) {
    try {
      FlagOptions fo;
      fo.worst_share = h.dual_share;
      FlagResult f = flag_dual(
          FlagIndicator{spec.column, data->layer.attrs.numeric(spec.column).num, Worse::High},
          FlagIndicator{h.dual_column, data->layer.attrs.numeric(h.dual_column).num, Worse::High}, fo);
      for (size_t i = 0; i < n; ++i) lit[i] = f.flagged[i];
    } catch (const std::exception& e) {
      style_error = e.what();
    }
  }
  for (auto v : lit) lit_count += v;
  std::vector<Rgba> fills = style.fills;
  fills.resize(n, cli::rgba(spec.nodata));
  if (h.kind != Highlight::None) {
    // Fade what is not highlighted toward white so the highlighted areas keep their exact class colour.
    for (size_t i = 0; i < n; ++i)
      if (!lit[i]) {
        Rgba& c = fills[i];
        c = Rgba{uint8_t(c.r / 4 + 191), uint8_t(c.g / 4 + 191), uint8_t(c.b / 4 + 191), 255};
      }
  }
  scene->set_area_colours(fills);
  dirty = true;
}

void Viewer::set_selection(std::vector<uint32_t> sel) {
  selection = std::move(sel);
  selection_rows.clear();
  for (uint32_t i : selection) selection_rows.push_back(rows_for(i));
  if (scene) scene->set_selection(selection, LineStyle{{0, 200, 255, 255}, 3.0f});
  dirty = true;
}

void Viewer::select_area(int i, bool add) {
  if (i < 0) {
    if (!add) set_selection({});
    return;
  }
  std::vector<uint32_t> s = add ? selection : std::vector<uint32_t>{};
  auto it = std::find(s.begin(), s.end(), uint32_t(i));
  if (it != s.end() && add)
    s.erase(it);
  else if (it == s.end())
    s.push_back(uint32_t(i));
  set_selection(std::move(s));
}

void Viewer::zoom_to(const BBox& b) {
  BBox p = b;
  double pad = std::max({b.width(), b.height(), 400.0}) * 0.15;
  p.minx -= pad, p.maxx += pad, p.miny -= pad, p.maxy += pad;
  fit_box(p);
}

void Viewer::fit_box(const BBox& b) {
  // Fit into the part of the window the side panels leave uncovered.
  float fbs = ImGui::GetIO().DisplayFramebufferScale.x;
  double side = sidebar_w * (fbs > 0 ? fbs : 1), bottom = status_h * (fbs > 0 ? fbs : 1);
  if (cam.w < 3 * side) side = 0;
  cam.fit(b, 20, side, side, bottom);
  dirty = true;
}

void Viewer::fit_all() {
  if (!data) return;
  BBox b = data->layer.extent;
  if (b.empty())
    for (const auto& g : data->layer.geoms) b.expand(bbox_of(g));
  fit_box(b);
}

std::string Viewer::area_label(int i) const {
  if (!data || i < 0) return "";
  const auto& L = data->layer;
  std::string s = L.codes[size_t(i)];
  if (size_t(i) < L.names.size() && !L.names[size_t(i)].empty()) s += "  " + L.names[size_t(i)];
  return s;
}

std::vector<ValueRow> Viewer::rows_for(uint32_t a) const {
  std::vector<ValueRow> rows;
  if (!data) return rows;
  const auto& L = data->layer;
  const Column* group =
      data->group_column.empty() ? nullptr : &L.attrs.col(*L.attrs.find(data->group_column));
  for (const auto& c : L.attrs.cols()) {
    ValueRow r;
    r.column = c.name;
    r.value = c.cell(a);
    r.numeric = c.numeric();
    if (r.numeric && !std::isnan(c.num[a])) {
      // Rank 1 = the highest value (IMD scores: the most deprived; IMD ranks: read it the other way).
      double v = c.num[a];
      for (size_t j = 0; j < c.num.size(); ++j) {
        double u = c.num[j];
        if (std::isnan(u)) continue;
        r.of++;
        r.rank += u > v;
        if (group && group->text[j] == group->text[a] && !group->text[a].empty()) {
          r.local_of++;
          r.local_rank += u > v;
        }
      }
      r.rank++;
      if (r.local_of) r.local_rank++;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

void Viewer::add_backdrop() {
  if (ImGui::IsWindowCollapsed()) return;  // a collapsed panel's title bar floats over the map
  ImVec2 p = ImGui::GetWindowPos(), z = ImGui::GetWindowSize();
  backdrops.push_back(Backdrop{p.x, p.y, p.x + z.x, p.y + z.y});
}

void Viewer::draw_map() {
  int fw, fh;
  glfwGetFramebufferSize(win, &fw, &fh);
  cam.w = std::max(fw, 1);
  cam.h = std::max(fh, 1);
  glViewport(0, 0, fw, fh);
  const ImGuiIO& io = ImGui::GetIO();
  float scale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1;
  MapRect area = map_area(io.DisplaySize.x, io.DisplaySize.y, scale, backdrops);
  if (scene && map_cache_on) {
    if (!map_cache) map_cache = std::make_unique<MapCache>(map_cache_opt);
    map_frame = map_cache->draw(*scene, cam.ndc(), fw, fh, kMapBackground, area);
  } else {
    // Drawn as the cache draws it (the same rectangle, the same culling) so the two agree pixel for pixel.
    glClearColor(kMapBackground.r / 255.0f, kMapBackground.g / 255.0f, kMapBackground.b / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_SCISSOR_TEST);
    glScissor(area.x, area.y, area.w, area.h);
    map_frame = MapCacheFrame{};
    map_frame.exact = map_frame.full_render = true;
    BBox clip{double(area.x), double(area.y), double(area.x + area.w), double(area.y + area.h)};
    if (scene && area.w > 0) scene->draw(cam.ndc(), fw, fh, &clip);
    glDisable(GL_SCISSOR_TEST);
  }
  const ImVec4& bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const float colour[4] = {bg.x, bg.y, bg.z, 1};
  paint_backdrops(backdrops, io.DisplaySize.y, scale, colour);
}

void Viewer::screenshot(const std::string& path) const {
  int fw, fh;
  glfwGetFramebufferSize(win, &fw, &fh);
  std::vector<uint8_t> px(size_t(fw) * size_t(fh) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, fw, fh, GL_BGRA, GL_UNSIGNED_BYTE, px.data());
  // GL rows are bottom-up; PngWriter takes top-down ARGB32 (B, G, R, A bytes on little-endian).
  std::vector<uint8_t> flipped(px.size());
  size_t stride = size_t(fw) * 4;
  for (int y = 0; y < fh; ++y)
    std::copy_n(&px[size_t(fh - 1 - y) * stride], stride, &flipped[size_t(y) * stride]);
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  AtomicOutput out(path, true);
  std::FILE* f = std::fopen(out.temp_path().c_str(), "wb");
  if (!f) throw Error("cannot write screenshot " + path);
  {
    PngWriter w(f, fw, fh);
    w.write_rows(flipped.data(), stride, fh);
    w.finish();
  }
  std::fclose(f);
  out.commit();
}

void Viewer::write_dump(const std::string& path) const {
  nlohmann::json j;
  int ww, wh, fw, fh;
  glfwGetWindowSize(win, &ww, &wh);
  glfwGetFramebufferSize(win, &fw, &fh);
  j["window"] = {ww, wh};
  j["framebuffer"] = {fw, fh};
  // World -> framebuffer pixel: px = scale * x + ox, py = -scale * y + oy (as render's PixelTransform).
  double k = 1 / cam.mpp;
  j["world_to_px"] = {
      {"scale", k}, {"ox", cam.w / 2.0 - cam.centre.x * k}, {"oy", cam.h / 2.0 + cam.centre.y * k}};
  j["loaded"] = data != nullptr;
  j["load_error"] = load_error;
  j["areas"] = data ? data->layer.size() : 0;
  j["column"] = spec.column;
  j["bivariate"] = spec.bivariate;
  j["palette"] = style.palette;
  j["style_error"] = style_error;
  nlohmann::json sel = nlohmann::json::array();
  for (uint32_t i : selection) sel.push_back(data->layer.codes[i]);
  j["selection"] = sel;
  j["hover"] = hover >= 0 && data ? data->layer.codes[size_t(hover)] : "";
  j["tooltip"] =
      hover >= 0 && data && cursor_on_map ? tooltip_lines(size_t(hover)) : std::vector<std::string>{};
  const char* kinds[] = {"none", "legend", "brush", "dual"};
  j["highlight"] = {{"kind", kinds[highlight.kind]}, {"count", lit_count}, {"class", highlight.legend_class}};
  nlohmann::json leg = nlohmann::json::array();
  for (size_t i = 0; i < legend_swatches.size(); ++i) {
    const auto& r = legend_swatches[i];
    nlohmann::json e = {{"rect", {r.x0, r.y0, r.x1, r.y1}}};
    if (i < style.legend.size()) {
      e["colour"] = to_hex(style.legend[i].colour);
      e["count"] = style.legend[i].count;
      e["label"] = style.legend[i].label;
    }
    leg.push_back(e);
  }
  j["legend"] = leg;
  nlohmann::json hits = nlohmann::json::array();
  for (uint32_t i : search_hits) hits.push_back(data->layer.codes[i]);
  j["search_hits"] = hits;
  j["map_exact"] = map_frame.exact;
  j["map_shifted"] = map_frame.shifted;
  nlohmann::json ui = nlohmann::json::object();
  for (const auto& [name, r] : items()) ui[name] = {r[0], r[1], r[2], r[3]};
  j["ui"] = ui;
  j["map_cache"] = map_cache_on;
  // Where the map shows between the opaque panels: framebuffer pixels, x0 y0 x1 y1 from the top left.
  {
    const ImGuiIO& io = ImGui::GetIO();
    float scale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1;
    MapRect a = map_area(io.DisplaySize.x, io.DisplaySize.y, scale, backdrops);
    j["map_area"] = {a.x, fh - a.y - a.h, a.x + a.w, fh - a.y};
  }
  j["export_msg"] = export_msg;
  j["session_msg"] = session_msg;
  dump_extra(j);
  j["assets"] = assets_dump();
  write_file_atomic(path, j.dump(1) + "\n");
}

void Viewer::sidebars() {
  // Two collapsible side panels over the full-window map: styling on the left, exploring on the right.
  ImGuiIO& io = ImGui::GetIO();
  status_h = ImGui::GetFrameHeight() + 4;
  float w = sidebar_w = 330 * ui_scale;
  // Opaque, and painted by the viewer rather than ImGui (app/viewer/backdrop.hpp).
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(w, io.DisplaySize.y - status_h));
  if (ImGui::Begin("Map", nullptr, flags)) {
    panel_style();
    panel_legend();
  }
  add_backdrop();
  ImGui::End();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - w, 0));
  ImGui::SetNextWindowSize(ImVec2(w, io.DisplaySize.y - status_h));
  if (ImGui::Begin("Explore", nullptr, flags)) {
    panel_data();
    panel_search();
    panel_assets();
    panel_selection();
    panel_export();
    panel_session();
  }
  add_backdrop();
  ImGui::End();
  file_dialog_frame();
}

int Viewer::run(const std::vector<ScriptStep>& script, int bench_frames) {
  ScriptPlayer player{script};
  // The bench: warm-up frames at the path's first view, not timed (upload, shader compilation, the first
  // render), then `bench_frames` timed frames along the path, then frames resting at its
  // last view until the display is the exact map (timed separately: the convergence).
  enum class Bench { Off, Warmup, Path, Settle } phase = bench_frames > 0 ? Bench::Warmup : Bench::Off;
  std::vector<double> frame_ms, frame_cpu_ms;
  int bench_done = 0, warmup_frames = 0, settle_frames = 0, exact_frames = 0;
  std::map<double, int> detail_frames;  // frames along the path by the quick frame's cell size
  double warmup_ms = 0, settle_ms = 0;
  bool settled = false;
  BBox bench_box;
  int idle_frames = 3;  // ImGui settles hover/layout over a couple of frames after each event
  while (!glfwWindowShouldClose(win)) {
    bool scripted = player.active() || phase != Bench::Off;
    bool map_busy = map_cache && map_cache_on && map_cache->busy();
    if (scripted || loader.busy() || dirty || idle_frames > 0 || export_job.valid() || assets.job.valid() ||
        map_busy) {
      glfwPollEvents();
    } else {
      glfwWaitEvents();  // idle: sleep until input (or the loader's wake-up)
      idle_frames = 3;
    }
    if (dirty) idle_frames = 3, dirty = false;
    if (idle_frames > 0) --idle_frames;
    auto t0 = Clock::now();
    double cpu0 = process_cpu_ms();
    poll_loader();
    assets_update();
    if (phase != Bench::Off && data && bench_box.empty()) bench_box = cam.visible();
    if (phase != Bench::Off && data) {
      // A pan/zoom path: zoom from the whole map into a ~30 km window and back while circling.
      double t = phase == Bench::Warmup   ? 0.0
                 : phase == Bench::Settle ? 1.0
                                          : double(bench_done) / std::max(bench_frames - 1, 1);
      double zoom = std::pow(40.0, std::sin(t * 3.14159265));
      cam.fit(bench_box, 0);
      cam.mpp /= zoom;
      double r = bench_box.width() * 0.2 * std::sin(t * 3.14159265);
      cam.centre.x += r * std::cos(t * 12.566);
      cam.centre.y += r * std::sin(t * 12.566);
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (!script.empty()) player.begin_frame(*this);
    ImGui::NewFrame();
    backdrops.clear();
    canvas_input();
    keys();
    sidebars();
    tooltip();
    status_bar();
    ImGui::Render();
    publish_items();
    draw_map();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!script.empty()) player.end_frame(*this);
    glfwSwapBuffers(win);
    if (phase != Bench::Off && data) {
      // Frames are timed to completion: the swap is queued, glFinish waits for the rasteriser.
      glFinish();
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      bool map_busy_now = map_cache_on && map_cache && map_cache->busy();
      if (phase == Bench::Warmup) {
        warmup_ms += ms;
        // ImGui lays out over a few frames; the cache is warm once nothing is pending.
        if (++warmup_frames >= 3 && (!map_busy_now || warmup_frames >= 1000)) phase = Bench::Path;
      } else if (phase == Bench::Path) {
        frame_ms.push_back(ms);
        frame_cpu_ms.push_back(process_cpu_ms() - cpu0);
        exact_frames += map_frame.exact;
        ++detail_frames[map_frame.detail];
        if (++bench_done >= bench_frames) phase = Bench::Settle;
      } else {
        settle_ms += ms;
        ++settle_frames;
        if (map_frame.exact) {
          settled = true;
          break;
        }
        if (settle_frames >= 1000) break;
      }
    }
  }
  if (bench_frames > 0) {
    if (frame_ms.empty()) {
      std::cerr << "nbhd view: nothing was loaded, no frames measured"
                << (load_error.empty() ? "" : ": " + load_error) << "\n";
      return 2;
    }
    std::vector<double> s = frame_ms, c = frame_cpu_ms;
    std::sort(s.begin(), s.end());
    std::sort(c.begin(), c.end());
    auto pct_of = [](const std::vector<double>& v, double p) {
      return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
    };
    auto pct = [&](double p) { return pct_of(s, p); };
    int fw, fh;
    glfwGetFramebufferSize(win, &fw, &fh);
    std::printf("warm-up: %d frames, %.1f ms, not timed (upload, shader compilation, first render)\n",
                warmup_frames, warmup_ms);
    std::printf("frames %zu at %dx%d (%zu areas, %s, map cache %s): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
                s.size(), fw, fh, data ? data->layer.size() : size_t(0),
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)), map_cache_on ? "on" : "off",
                pct(0.5), pct(0.95), s.back());
    // CPU time of every thread of this process (llvmpipe's rasteriser threads included, Xvfb not): far less
    // sensitive than wall time to other processes on a shared machine.
    std::printf("CPU per frame (this process, all threads): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
                pct_of(c, 0.5), pct_of(c, 0.95), c.back());
    if (map_cache_on) {
      std::printf(
          "while moving: %d of %zu frames exact; quick frames within %zu fill triangles, by cell size:",
          exact_frames, s.size(), map_cache_opt.quick_triangles);
      for (const auto& [cell, n] : detail_frames) std::printf(" %.0f px: %d", cell, n);
      std::printf("\n");
      if (settled)
        std::printf(
            "after the path: the display was the exact map after %d frame(s), %.1f ms (%d ms of exact tiles "
            "a frame)\n",
            settle_frames, settle_ms, int(map_cache_opt.budget_ms));
      else
        std::printf("after the path: NOT exact after %d frames, %.1f ms\n", settle_frames, settle_ms);
    } else {
      std::printf("after the path: every frame is drawn exactly (no cache)\n");
    }
  }
  if (!script.empty() && !load_error.empty()) {
    std::cerr << "nbhd view: " << load_error << "\n";
  }
  return 0;
}

int run_viewer(const ViewOptions& o) {
  if (!glfwInit()) {
    throw Error(std::getenv("DISPLAY")
                    ? "cannot open a window on DISPLAY " + std::string(std::getenv("DISPLAY")) +
                          "; check the X server, or use nbhd render for a headless map"
                    : "no display (DISPLAY is not set): run under a desktop or xvfb-run, or use "
                      "nbhd render to draw the map to a PNG");
  }
  Window window;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window.w = glfwCreateWindow(o.width, o.height, "nbhd view", nullptr, nullptr);
  if (!window.w)
    throw Error("cannot create an OpenGL 3.3 window; check the graphics driver (Mesa) is installed");
  glfwMakeContextCurrent(window.w);
  glfwSwapInterval(o.bench_frames > 0 || !o.script.empty() ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // panel layout is ours, not a stray imgui.ini in the working folder
  ImGui::StyleColorsDark();
  float xs = 1, ys = 1;
  glfwGetWindowContentScale(window.w, &xs, &ys);
  if (xs > 1.01f) {
    ImGui::GetStyle().ScaleAllSizes(xs);
    ImGui::GetIO().FontGlobalScale = xs;
  }
  ImGui_ImplGlfw_InitForOpenGL(window.w, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  int rc = 0;
  {
    Viewer v(window.w, o.sources, o.style);
    v.ui_scale = xs;
    v.map_cache_on = o.map_cache;
    if (o.session) apply_session_view(v, *o.session);
    if (!o.sources.boundaries.empty() && v.missing_files.empty()) v.loader.start(v.sources);
    glfwSetWindowUserPointer(window.w, &v);
    glfwSetDropCallback(window.w, [](GLFWwindow* w, int n, const char** paths) {
      auto* vw = static_cast<Viewer*>(glfwGetWindowUserPointer(w));
      vw->on_drop(std::vector<std::string>(paths, paths + n));  // routed by extension, as the script's drop
    });
    rc = v.run(o.script, o.bench_frames);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  return rc;
}

}  // namespace nbhd::view
