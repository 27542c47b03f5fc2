// The map canvas: drag to pan, wheel to zoom about the cursor, keys, exact picking for hover and
// click-to-select, the hover tooltip and the status bar (cursor in the working CRS and lat/lon, scale).
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <cstring>
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"
#include "geo/vector/lonlat.hpp"

namespace nbhd::view {

void Viewer::canvas_input() {
  ImGuiIO& io = ImGui::GetIO();
  float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  ImVec2 m = io.MousePos;
  bool mouse_valid = m.x > -1e30f && m.y > -1e30f;
  double fx = m.x * sx, fy = m.y * sy;
  cursor_on_map = mouse_valid && !io.WantCaptureMouse;
  int old_hover = hover, old_asset = assets.hover();
  hover = -1;
  assets.set_hover(-1);
  if (!cursor_on_map || !data) {
    if (old_hover != hover || old_asset != assets.hover()) dirty = true;
    return;
  }
  cursor_world = cam.world(fx, fy);
  // An asset symbol under the cursor wins over the area beneath it.
  assets.set_hover(assets.pick(*this, fx, fy));
  hover = assets.hover() >= 0 ? -1 : data->pick.pick(cursor_world);
  if (hover != old_hover || assets.hover() != old_asset) dirty = true;
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    cam.pan_pixels(io.MouseDelta.x * sx, io.MouseDelta.y * sy);
    dirty = true;
  }
  if (io.MouseWheel != 0) {
    cam.zoom_at(fx, fy, std::pow(1.25, double(io.MouseWheel)));
    dirty = true;
  }
  // A click is a press and release without a drag.
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    ImVec2 d = io.MouseDragMaxDistanceAbs[0];
    if (d.x < 3 && d.y < 3) {
      if (assets.hover() >= 0)
        assets.select(*this, assets.hover(), false);
      else
        select_area(hover, io.KeyShift);
    }
  }
}

void Viewer::keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || files.is_open()) return;  // the open dialog has the keyboard
  auto pressed = [](int k) { return ImGui::IsKeyPressed(k, true); };
  double cx = cam.w / 2.0, cy = cam.h / 2.0;
  if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) cam.zoom_at(cx, cy, 1.5), dirty = true;
  if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) cam.zoom_at(cx, cy, 1 / 1.5), dirty = true;
  double step = 0.15 * std::min(cam.w, cam.h);
  if (pressed(GLFW_KEY_LEFT)) cam.pan_pixels(step, 0), dirty = true;
  if (pressed(GLFW_KEY_RIGHT)) cam.pan_pixels(-step, 0), dirty = true;
  if (pressed(GLFW_KEY_UP)) cam.pan_pixels(0, step), dirty = true;
  if (pressed(GLFW_KEY_DOWN)) cam.pan_pixels(0, -step), dirty = true;
  if (pressed(GLFW_KEY_F)) fit_all();
  if (pressed(GLFW_KEY_ESCAPE)) {
    set_selection({});
    set_highlight({});
  }
  if (pressed(GLFW_KEY_Z) && data && !selection.empty()) {
    BBox b;
    for (uint32_t i : selection) b.expand(bbox_of(data->layer.geoms[i]));
    zoom_to(b);
  }
  if (pressed(GLFW_KEY_SLASH)) search.focus();
}

std::vector<std::string> Viewer::tooltip_lines(size_t i) const {
  // What hovering area i shows, a line each ("" draws a separator); also in the state dump for tests.
  const auto& L = data->layer;
  std::vector<std::string> out{L.codes[i]};
  if (i < L.names.size() && !L.names[i].empty()) out.push_back(L.names[i]);
  const Column* shown = spec.column.empty() ? nullptr : find_column(spec.column);
  if (!shown || !shown->numeric()) return out;
  // A missing value reads "no data", not an empty cell (Wales has no English IMD, for one).
  auto value = [&](const Column& c) { return std::isnan(c.num[i]) ? std::string("no data") : c.cell(i); };
  out.push_back("");
  out.push_back(labels.title(spec.column) + ": " + value(*shown));
  if (!style.class_of.empty()) {
    int k = style.class_of[i];
    if (style.bivariate)
      out.push_back(
          "bivariate cell: " +
          (k < 0 ? std::string("no data") : std::to_string(k % 3 + 1) + " x " + std::to_string(k / 3 + 1)));
    else
      out.push_back(std::string("class: ") + (k < 0 ? kNoDataLabel : style.legend[size_t(k)].label.c_str()));
  }
  // Rank/decile columns published beside the score (IMD_score -> IMD_rank, IMD_decile).
  std::string stem = spec.column;
  for (const char* suf : {"_score", "_rank", "_decile"})
    if (stem.size() > std::strlen(suf) && stem.ends_with(suf)) stem.resize(stem.size() - std::strlen(suf));
  for (const char* suf : {"_rank", "_decile"}) {
    std::string n = stem + suf;
    if (n == spec.column) continue;
    if (const Column* c = find_column(n); c && c->numeric())
      out.push_back(labels.label(n) + ": " + value(*c));
  }
  return out;
}

void Viewer::tooltip() {
  if (assets.hover() >= 0 && data && cursor_on_map) return assets.tooltip(*this);
  if (hover < 0 || !data || !cursor_on_map) return;
  ImGui::BeginTooltip();
  for (const std::string& line : tooltip_lines(size_t(hover))) {
    if (line.empty())
      ImGui::Separator();
    else
      ImGui::TextUnformatted(line.c_str());
  }
  ImGui::EndTooltip();
}

void Viewer::status_bar() {
  ImGuiIO& io = ImGui::GetIO();
  float h = ImGui::GetFrameHeight() + 4;
  ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - h));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 2));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoBackground);
  add_backdrop();  // painted opaque by the viewer (app/viewer/backdrop.hpp)
  std::string crs = data ? data->layer.working_crs : "";
  if (cursor_on_map && data) {
    double lon = 0, lat = 0;
    // PROJ, built once per working CRS (a status bar must not search the PROJ database every frame).
    static std::unique_ptr<LonLatTransform> to_lonlat;
    static std::string to_lonlat_crs;
    if (to_lonlat_crs != crs) {
      to_lonlat_crs = crs;
      try {
        to_lonlat = std::make_unique<LonLatTransform>(crs);
      } catch (const Error&) {
        to_lonlat.reset();
      }
    }
    if (to_lonlat && (*to_lonlat)(cursor_world, lon, lat))
      ImGui::Text("%s  E %.0f  N %.0f   lat %.5f  lon %.5f", crs.c_str(), cursor_world.x, cursor_world.y, lat,
                  lon);
    else
      ImGui::Text("%s  x %.0f  y %.0f", crs.c_str(), cursor_world.x, cursor_world.y);
  } else if (scene && scene->levels_pending()) {
    // The map is not drawn until its levels of detail are built (Viewer::draw_map): say why it is empty.
    ImGui::TextUnformatted("preparing the map (levels of detail)...");
  } else {
    ImGui::TextUnformatted(data ? crs.c_str() : "no data loaded");
  }
  // Scale at 96 dpi, the convention screens are measured by (0.2646 mm per CSS pixel).
  float fbs = io.DisplayFramebufferScale.x;
  double denom = cam.mpp * fbs / 0.00026458;
  ImGui::SameLine(io.DisplaySize.x * 0.55f);
  ImGui::Text("scale 1:%.0f   %.1f m/px", denom, cam.mpp);
  if (data) {
    ImGui::SameLine();
    ImGui::Text("   %zu areas, %zu selected", data->layer.size(), selection.size());
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace nbhd::view
