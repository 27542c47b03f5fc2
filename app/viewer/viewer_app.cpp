// The interactive viewer's window and frame loop, and what the map shows (style, highlight, selection).
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/viewer/frame_bench.hpp"
#include "app/viewer/script_player.hpp"
#include "app/viewer/session_file.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/ui_look.hpp"
#include "app/viewer/viewer.hpp"
#include "app/viewer/viewer_app.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
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

Viewer::Viewer(GLFWwindow* w, Sources s, StyleSpec initial)
    : win(w),
      sources(std::move(s)),
      loader([] { glfwPostEmptyEvent(); }),
      levels([] { glfwPostEmptyEvent(); }),
      spec(std::move(initial)) {}

Viewer::~Viewer() = default;

void Viewer::load(const Sources& s) {
  sources = s;
  loader.start(sources);
  dirty = true;
}

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

void Viewer::on_loaded(std::shared_ptr<const ViewData> d) {
  // A reload (a table joined, assets added) keeps the level shown; a project may ask for one.
  std::string keep = level_after_load;
  if (keep.empty() && levels.current() > 0 && size_t(levels.current()) < levels.choices().size())
    keep = levels.choices()[size_t(levels.current())].label;
  level_after_load.clear();
  base = d;
  levels.reset(d);
  show_data(std::move(d), true);
  project.data_arrived(*this);  // a project opened for this data: its view and selection
  if (!keep.empty()) set_level(keep);
}

namespace {
// The selection carried from one level's data to another's, through the loaded areas: a ward's LSOAs, or
// the wards holding the selected LSOAs.
std::vector<uint32_t> carry_selection(const std::vector<uint32_t>& sel, const ViewData& from,
                                      const ViewData& to, size_t base_size) {
  std::vector<char> kids(base_size, 0);
  for (uint32_t i : sel) {
    if (from.level.children.empty()) {
      if (i < base_size) kids[i] = 1;
    } else if (i < from.level.children.size()) {
      for (uint32_t k : from.level.children[i]) kids[k] = 1;
    }
  }
  std::vector<uint32_t> out;
  if (to.level.children.empty()) {
    for (size_t k = 0; k < base_size; ++k)
      if (kids[k]) out.push_back(uint32_t(k));
    return out;
  }
  for (size_t p = 0; p < to.level.children.size(); ++p)
    for (uint32_t k : to.level.children[p])
      if (kids[k]) {
        out.push_back(uint32_t(p));
        break;
      }
  return out;
}
}  // namespace

void Viewer::show_data(std::shared_ptr<const ViewData> d, bool fresh) {
  auto t0 = Clock::now();
  assets.unloading(*this);  // its measurement of the data about to be replaced ends first
  gaps.unloading(*this);
  stats.unloading(*this);  // and its statistics job is cancelled
  std::vector<uint32_t> keep;
  if (fresh) {
    keep = selection;
  } else if (data && base) {
    keep = carry_selection(selection, *data, *d, base->layer.size());
  }
  data = std::move(d);
  derived.clear_all();
  scene = std::make_unique<Scene>();
  // The window keeps drawing while the coarser levels of detail are built (seconds for ten million
  // vertices); the scene holds the mesh (and so the data) until they are.
  scene->set_areas_progressive(std::shared_ptr<const AreaMesh>(data, &data->mesh),
                               [] { glfwPostEmptyEvent(); });
  scene->set_area_borders(LineStyle{{255, 255, 255, 160}, data->layer.size() > 4000 ? 0.0f : 0.6f});
  if (data->basemap) {
    scene->set_basemap(data->basemap->rgba, data->basemap->width, data->basemap->height,
                       data->basemap->world);
    scene->show_basemap(basemap_on);
  }
  if (!data->basemap_error.empty()) load_error = data->basemap_error;  // the map shows, without it
  style_panel.layers_loaded(*this);
  assets.loaded(*this);
  gaps.loaded(*this);
  try {
    map_labels.loaded(*this);
  } catch (const Error& e) {  // a label field the layer lacks: the map shows, without names
    load_error = e.what();
  }
  const auto mappable = numeric_columns();
  bool known = std::find(mappable.begin(), mappable.end(), spec.column) != mappable.end();
  if (!known) spec.column = mappable.empty() ? "" : mappable.front();
  if (!spec.bivariate.empty() &&
      std::find(mappable.begin(), mappable.end(), spec.bivariate) == mappable.end())
    spec.bivariate.clear();
  // The dual view names columns, which every level has: it stays. Others name areas or values of this data.
  bool dual = !fresh && highlight.kind == Highlight::Dual &&
              std::find(mappable.begin(), mappable.end(), highlight.dual_column) != mappable.end();
  if (!dual) highlight = {};
  std::vector<uint32_t> in_range;
  for (uint32_t i : keep)
    if (i < data->layer.size()) in_range.push_back(i);
  if (fresh) {
    int fw, fh;
    glfwGetFramebufferSize(win, &fw, &fh);
    cam.w = std::max(fw, 1), cam.h = std::max(fh, 1);
    fit_all();
  }
  restyle();
  set_selection(in_range);
  dirty = true;
  show_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool Viewer::set_level(int i) {
  if (loader.busy()) {
    levels.set_error("the data is still loading: switch level when it has loaded");
    return false;
  }
  if (!base || i < 0 || size_t(i) >= levels.choices().size()) return false;
  if (i == levels.current() && !levels.busy()) return true;
  if (auto d = levels.request(i)) {
    auto t0 = Clock::now();
    levels.set_current(i);
    show_data(std::move(d), false);
    level_show_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }
  dirty = true;
  return true;
}

bool Viewer::set_level(const std::string& label) {
  const auto& c = levels.choices();
  for (size_t i = 0; i < c.size(); ++i)
    if (lower(c[i].label) == lower(label)) return set_level(int(i));
  levels.set_error("the data has no " + lower(label) + " level");
  return false;
}

void Viewer::set_level_weight(const std::string& column) {
  if (column == levels.weight()) return;
  int cur = levels.current();
  levels.set_weight(column);
  if (cur > 0) {
    levels.set_current(0);  // made again with the new weight (the old level stays on screen meanwhile)
    set_level(cur);
  }
}

void Viewer::poll_detail_levels() {
  if (!scene || !scene->levels_pending()) return;
  // The builder wakes an idle event loop when levels are ready; between, the loop sleeps, leaving the
  // cores to the builder.
  if (!scene->upload_ready_levels() && scene->levels_pending()) return;
  if (!scene->levels_error().empty())
    load_error = "the map's levels of detail could not all be built (" + scene->levels_error() +
                 "); it draws at full detail, more slowly";
  dirty = true;
}

void Viewer::poll_levels() {
  if (level_with_zoom && base && !loader.busy() && cam.mpp > 0 && cam.mpp != level_zoom_mpp) {
    level_zoom_mpp = cam.mpp;
    int want = levels.level_for_zoom(cam.mpp);
    if (want != levels.wanted()) set_level(want);
  }
  auto r = levels.take();
  if (!r) return;
  dirty = true;
  if (r->second && r->first == levels.wanted()) {
    levels.set_current(r->first);
    show_data(std::move(r->second), false);
  }
}

void Viewer::restyle() {
  style_error.clear();
  style = {};
  if (!data || spec.column.empty()) {
    if (data) style.fills.assign(data->layer.size(), rgba(spec.nodata));
    apply_colours();
    return;
  }
  try {
    style = style_map(data->layer, spec, &derived.table());
  } catch (const std::exception& e) {
    style_error = e.what();
    style = {};
    style.fills.assign(data->layer.size(), rgba(spec.nodata));
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
    const auto& v = numeric_column(spec.column).num;
    for (size_t i = 0; i < n; ++i) lit[i] = v[i] >= h.lo && v[i] <= h.hi;
  } else if (h.kind == Highlight::Areas) {
    for (uint32_t i : h.areas)
      if (i < n) lit[i] = 1;
  } else if (h.kind == Highlight::Dual && !spec.column.empty() && !h.dual_column.empty()) {
    try {
      FlagOptions fo;
      fo.worst_share = h.dual_share;
      FlagResult f =
          flag_dual(FlagIndicator{spec.column, numeric_column(spec.column).num, Worse::High},
                    FlagIndicator{h.dual_column, numeric_column(h.dual_column).num, Worse::High}, fo);
      for (size_t i = 0; i < n; ++i) lit[i] = f.flagged[i];
    } catch (const std::exception& e) {
      style_error = e.what();
    }
  }
  for (auto v : lit) lit_count += v;
  std::vector<Rgba> fills = style.fills;
  fills.resize(n, rgba(spec.nodata));
  if (h.kind != Highlight::None) {
    // Fade what is not highlighted toward white so the highlighted areas keep their exact class colour.
    for (size_t i = 0; i < n; ++i)
      if (!lit[i]) {
        Rgba& c = fills[i];
        c = Rgba{uint8_t(c.r / 4 + 191), uint8_t(c.g / 4 + 191), uint8_t(c.b / 4 + 191), 255};
      }
  }
  // Over a basemap the fills are translucent, as nbhd render --basemap-opacity draws them.
  if (basemap_shown())
    for (Rgba& c : fills) c.a = uint8_t(std::lround(c.a * basemap_opacity));
  scene->set_area_colours(fills);
  dirty = true;
}

void Viewer::set_basemap_view(bool on, double opacity) {
  basemap_on = on;
  basemap_opacity = std::clamp(opacity, 0.0, 1.0);
  if (scene) scene->show_basemap(on);
  apply_colours();
  dirty = true;
}

const Column* Viewer::find_column(std::string_view name) const {
  if (const Column* c = derived.find(name)) return c;
  if (!data) return nullptr;
  auto k = data->layer.attrs.find(name);
  return k ? &data->layer.attrs.col(*k) : nullptr;
}

const Column& Viewer::numeric_column(std::string_view name) const {
  if (derived.find(name)) return derived.table().numeric(name);
  if (!data) throw Error("no data is loaded");
  return data->layer.attrs.numeric(name);
}

std::vector<std::string> Viewer::numeric_columns() const {
  std::vector<std::string> out;
  if (data)
    for (const auto& c : data->numeric_columns)
      if (!derived.find(c)) out.push_back(c);
  for (const auto& c : derived.table().cols())
    if (c.numeric()) out.push_back(c.name);
  return out;
}

std::string Viewer::column_title(const std::string& name) const {
  std::string rule;  // at a parent level: how the column was made from the loaded areas
  if (data && !derived.find(name))
    if (auto it = data->level.rules.find(name); it != data->level.rules.end()) rule = " (" + it->second + ")";
  if (labels.find(name)) return labels.title(name) + rule;
  if (auto t = gaps.legend_title(name); !t.empty()) return t;
  return name + rule;
}

void Viewer::set_derived(const std::string& owner, std::vector<Column> cols) {
  if (!data) return;
  auto shown = [&](const std::vector<std::string>& names) {
    for (const auto& n : names)
      if (n == spec.column || n == spec.bivariate || n == highlight.dual_column) return true;
    return false;
  };
  bool was_shown = shown(derived.names_of(owner));
  derived.set(owner, std::move(cols), data->layer.size());
  if (was_shown || shown(derived.names_of(owner))) restyle();
  dirty = true;
}

void Viewer::set_highlight(Highlight h) {
  highlight = std::move(h);
  apply_colours();
}

void Viewer::set_selection(std::vector<uint32_t> sel) {
  selection = std::move(sel);
  selection_panel.selection_changed(*this);
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
  double s = fbs > 0 ? fbs : 1, left = left_w * s, right = right_w * s, bottom = status_h * s;
  if (cam.w < 1.5 * (left + right)) left = right = 0;
  cam.fit(b, 20, left, right, bottom);
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

void Viewer::add_backdrop(const char* cached) {
  if (ImGui::IsWindowCollapsed()) return;  // a collapsed panel's title bar floats over the map
  ImVec2 p = ImGui::GetWindowPos(), z = ImGui::GetWindowSize();
  backdrops.push_back(Backdrop{p.x, p.y, p.x + z.x, p.y + z.y});
  if (cached) cached_windows.push_back(OpaqueWindow{backdrops.back(), cached});
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
  if (scene && scene->levels_pending()) {
    // The coarser levels of detail are still being built (the status bar says so): the map is not drawn at
    // full detail meanwhile, which on llvmpipe would take the cores the levels need and then be redrawn.
    glClearColor(kMapBackground.r / 255.0f, kMapBackground.g / 255.0f, kMapBackground.b / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    map_frame = MapCacheFrame{};
  } else if (scene && map_cache_on) {
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
  // The cached windows' backdrops are the panel cache's to paint (Viewer::frame).
  std::vector<Backdrop> painted;
  for (const Backdrop& b : backdrops)
    if (std::none_of(cached_windows.begin(), cached_windows.end(), [&](const OpaqueWindow& w) {
          return w.rect.x0 == b.x0 && w.rect.y0 == b.y0 && w.rect.x1 == b.x1 && w.rect.y1 == b.y1;
        }))
      painted.push_back(b);
  paint_backdrops(painted, io.DisplaySize.y, scale, panel_colour().data());
}

std::array<float, 4> Viewer::panel_colour() const {
  const ImVec4& bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  return {bg.x, bg.y, bg.z, 1};
}

void Viewer::sidebars() {
  // Two collapsible side panels over the full-window map: styling on the left, exploring on the right.
  ImGuiIO& io = ImGui::GetIO();
  status_h = ImGui::GetFrameHeight() + 4;
  // Opaque, and painted by the viewer rather than ImGui (app/viewer/backdrop.hpp). Resizable: ImGui applies
  // a drag of an edge after the size set here, so the width read back after Begin is the planner's; the
  // height and the outer edge are put back every frame.
  ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground;
  const float h = io.DisplaySize.y - status_h, min_w = 260 * ui_scale,
              max_w = std::max(min_w, io.DisplaySize.x * 0.45f);
  left_w = std::clamp(left_w, min_w, max_w);
  right_w = std::clamp(right_w, min_w, max_w);
  ImGui::SetNextWindowSizeConstraints(ImVec2(min_w, h), ImVec2(max_w, h));
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(left_w, h));
  if (ImGui::Begin("Map", nullptr, flags)) {
    style_panel.draw(*this);
    legend.draw(*this);
  }
  left_w = ImGui::GetWindowWidth();
  add_backdrop("Map");
  ImGui::End();
  ImGui::SetNextWindowSizeConstraints(ImVec2(min_w, h), ImVec2(max_w, h));
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - right_w, 0));
  ImGui::SetNextWindowSize(ImVec2(right_w, h));
  if (ImGui::Begin("Explore", nullptr, flags)) {
    data_panel.draw(*this);
    search.draw(*this);
    assets.draw(*this);
    gaps.draw(*this);
    selection_panel.draw(*this);
    exporter.draw(*this);
    project.draw(*this);
    stats.toggle_button(*this);
  }
  right_w = ImGui::GetWindowWidth();
  add_backdrop("Explore");
  ImGui::End();
  stats.draw(*this);  // its own window, over the map, when opened
  map_labels.draw(*this);
  file_dialog_frame();
}

void Viewer::frame() {
  ImGui::NewFrame();
  backdrops.clear();
  cached_windows.clear();
  canvas_input();
  keys();
  sidebars();
  tooltip();
  status_bar();
  ImGui::Render();
  publish_items();
  draw_map();
  panel_cache.render(ImGui::GetDrawData(), cached_windows, panel_colour().data(), panel_cache_on);
}

int Viewer::run(const std::vector<ScriptStep>& script, int bench_frames) {
  ScriptPlayer player{script};
  FrameBench bench(bench_frames);
  int idle_frames = 3;  // ImGui settles hover/layout over a couple of frames after each event
  while (!glfwWindowShouldClose(win)) {
    bool scripted = player.active() || bench.on();
    bool map_busy = map_cache && map_cache_on && map_cache->busy();
    if (scripted || loader.busy() || dirty || idle_frames > 0 || exporter.busy() || assets.busy() ||
        gaps.busy() || stats.busy() || map_busy) {
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
    poll_detail_levels();
    poll_levels();
    assets.update(*this);
    gaps.update(*this);
    stats.update(*this);
    bench.place_camera(*this);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (!script.empty()) player.begin_frame(*this);
    frame();
    if (!script.empty()) player.end_frame(*this);
    glfwSwapBuffers(win);
    if (bench.on() && data) {
      // Frames are timed to completion: the swap is queued, glFinish waits for the rasteriser.
      glFinish();
      double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (bench.frame_done(*this, ms, process_cpu_ms() - cpu0)) break;
    }
  }
  if (int rc = bench_frames > 0 ? bench.report(*this) : 0; rc != 0) return rc;
  if (!script.empty() && !load_error.empty()) {
    std::cerr << "nbhd view: " << load_error << "\n";
  }
  return 0;
}

int run_viewer(const ViewOptions& o) {
  const auto started = Clock::now();
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
  float xs = 1, ys = 1;
  glfwGetWindowContentScale(window.w, &xs, &ys);
  UiLook look = apply_ui_look(xs);
  ImGui_ImplGlfw_InitForOpenGL(window.w, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  int rc = 0;
  {
    Viewer v(window.w, o.sources, o.style);
    v.started = started;
    v.ui_scale = look.scale;
    v.left_w = v.right_w = 330 * look.scale;
    v.ui_look = look;
    v.map_cache_on = o.map_cache;
    if (!o.asset_groups.empty()) v.gaps.set_groups_file(v, o.asset_groups);  // checked again when data lands
    if (o.project) {
      apply(v, *o.project);
    } else if (!o.sources.boundaries.empty()) {
      v.levels.set_weight(o.level_weight);
      v.level_after_load = o.level;
      v.load(o.sources);
    }
    if (!o.category_colours.empty()) v.assets.set_fixed_colours(v, o.category_colours);
    if (!o.metadata.empty() || !o.labels.empty()) v.set_labels(o.metadata, o.labels);
    v.map_labels.field = o.label_field;
    if (o.basemap_opacity) v.basemap_opacity = *o.basemap_opacity;
    v.map_labels.outline_field = o.outline_label_field;
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
