// The map canvas: drag to pan, wheel to zoom about the cursor, keys, exact picking for hover and
// click-to-select, the hover tooltip and the status bar (cursor in the working CRS and lat/lon, scale).
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "app/viewer/viewer.hpp"
#include <cstring>

namespace nbhd::view {

namespace {
// Ordnance Survey National Grid (EPSG:27700) to WGS84 lon/lat, to a few metres: the inverse transverse
// Mercator on Airy 1830 followed by a Helmert shift (OS "A guide to coordinate systems", Annex C).
// Enough for a status bar; everything measured uses PROJ.
bool bng_to_lonlat(double E, double N, double& lon, double& lat) {
  const double a = 6377563.396, b = 6356256.909, F0 = 0.9996012717;
  const double lat0 = 49 * M_PI / 180, lon0 = -2 * M_PI / 180, N0 = -100000, E0 = 400000;
  const double e2 = 1 - b * b / (a * a), n = (a - b) / (a + b);
  double phi = lat0, M = 0;
  do {
    phi = (N - N0 - M) / (a * F0) + phi;
    double dp = phi - lat0, sp = phi + lat0;
    M = b * F0 *
        ((1 + n + 1.25 * n * n + 1.25 * n * n * n) * dp - (3 * n + 3 * n * n + 21.0 / 8 * n * n * n) * std::sin(dp) * std::cos(sp) +
         (15.0 / 8 * n * n + 15.0 / 8 * n * n * n) * std::sin(2 * dp) * std::cos(2 * sp) -
         35.0 / 24 * n * n * n * std::sin(3 * dp) * std::cos(3 * sp));
  } while (std::abs(N - N0 - M) >= 0.00001);
  double s = std::sin(phi), c = std::cos(phi), t = std::tan(phi);
  double nu = a * F0 / std::sqrt(1 - e2 * s * s), rho = a * F0 * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
  double eta2 = nu / rho - 1;
  double VII = t / (2 * rho * nu), VIII = t / (24 * rho * nu * nu * nu) * (5 + 3 * t * t + eta2 - 9 * t * t * eta2);
  double IX = t / (720 * rho * std::pow(nu, 5)) * (61 + 90 * t * t + 45 * std::pow(t, 4));
  double X = 1 / (c * nu), XI = 1 / (c * 6 * nu * nu * nu) * (nu / rho + 2 * t * t);
  double XII = 1 / (c * 120 * std::pow(nu, 5)) * (5 + 28 * t * t + 24 * std::pow(t, 4));
  double XIIA = 1 / (c * 5040 * std::pow(nu, 7)) * (61 + 662 * t * t + 1320 * std::pow(t, 4) + 720 * std::pow(t, 6));
  double dE = E - E0;
  double lat1 = phi - VII * dE * dE + VIII * std::pow(dE, 4) - IX * std::pow(dE, 6);
  double lon1 = lon0 + X * dE - XI * std::pow(dE, 3) + XII * std::pow(dE, 5) - XIIA * std::pow(dE, 7);
  // Airy -> cartesian -> Helmert -> GRS80.
  double s1 = std::sin(lat1), nu1 = a / std::sqrt(1 - e2 * s1 * s1);
  double x1 = nu1 * std::cos(lat1) * std::cos(lon1), y1 = nu1 * std::cos(lat1) * std::sin(lon1), z1 = (1 - e2) * nu1 * s1;
  const double tx = 446.448, ty = -125.157, tz = 542.060, sc = -20.4894e-6;
  const double rx = 0.1502 / 3600 * M_PI / 180, ry = 0.2470 / 3600 * M_PI / 180, rz = 0.8421 / 3600 * M_PI / 180;
  double x2 = tx + (1 + sc) * x1 - rz * y1 + ry * z1, y2 = ty + rz * x1 + (1 + sc) * y1 - rx * z1,
         z2 = tz - ry * x1 + rx * y1 + (1 + sc) * z1;
  const double a2 = 6378137.0, b2 = 6356752.3141, e22 = 1 - b2 * b2 / (a2 * a2);
  double p = std::sqrt(x2 * x2 + y2 * y2), la = std::atan2(z2, p * (1 - e22));
  for (int i = 0; i < 10; ++i) {
    double sl = std::sin(la);
    double nu2 = a2 / std::sqrt(1 - e22 * sl * sl);
    la = std::atan2(z2 + e22 * nu2 * sl, p);
  }
  lat = la * 180 / M_PI;
  lon = std::atan2(y2, x2) * 180 / M_PI;
  return std::isfinite(lat) && std::isfinite(lon);
}
}  // namespace

void Viewer::canvas_input() {
  ImGuiIO& io = ImGui::GetIO();
  float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  ImVec2 m = io.MousePos;
  bool mouse_valid = m.x > -1e30f && m.y > -1e30f;
  double fx = m.x * sx, fy = m.y * sy;
  cursor_on_map = mouse_valid && !io.WantCaptureMouse;
  int old_hover = hover;
  hover = -1;
  if (!cursor_on_map || !data) {
    if (old_hover != hover) dirty = true;
    return;
  }
  cursor_world = cam.world(fx, fy);
  hover = data->pick.pick(cursor_world);
  if (hover != old_hover) dirty = true;
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
    if (d.x < 3 && d.y < 3) select_area(hover, io.KeyShift);
  }
}

void Viewer::keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
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
    highlight = {};
    apply_colours();
  }
  if (pressed(GLFW_KEY_Z) && data && !selection.empty()) {
    BBox b;
    for (uint32_t i : selection) b.expand(bbox_of(data->layer.geoms[i]));
    zoom_to(b);
  }
  if (pressed(GLFW_KEY_SLASH)) focus_search = true;
}

void Viewer::tooltip() {
  if (hover < 0 || !data || !cursor_on_map) return;
  const auto& L = data->layer;
  size_t i = size_t(hover);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(L.codes[i].c_str());
  if (i < L.names.size() && !L.names[i].empty()) ImGui::TextUnformatted(L.names[i].c_str());
  if (!spec.column.empty() && L.attrs.find(spec.column)) {
    const Column& c = L.attrs.numeric(spec.column);
    ImGui::Separator();
    ImGui::Text("%s: %s", spec.column.c_str(), std::isnan(c.num[i]) ? "no data" : c.cell(i).c_str());
    if (!style.class_of.empty()) {
      int k = style.class_of[i];
      if (style.bivariate)
        ImGui::Text("bivariate cell: %s", k < 0 ? "no data" : (std::to_string(k % 3 + 1) + " x " + std::to_string(k / 3 + 1)).c_str());
      else
        ImGui::Text("class: %s", k < 0 ? kNoDataLabel : style.legend[size_t(k)].label.c_str());
    }
    // Rank/decile columns published beside the score (IMD_score -> IMD_rank, IMD_decile).
    std::string stem = spec.column;
    for (const char* suf : {"_score", "_rank", "_decile"})
      if (stem.size() > std::strlen(suf) && stem.ends_with(suf)) stem.resize(stem.size() - std::strlen(suf));
    for (const char* suf : {"_rank", "_decile"}) {
      std::string n = stem + suf;
      if (n == spec.column) continue;
      if (auto k = L.attrs.find(n); k && L.attrs.col(*k).numeric())
        ImGui::Text("%s: %s", n.c_str(), L.attrs.col(*k).cell(i).c_str());
    }
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
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus);
  std::string crs = data ? data->layer.working_crs : "";
  if (cursor_on_map && data) {
    double lon = 0, lat = 0;
    if (crs == "EPSG:27700" && bng_to_lonlat(cursor_world.x, cursor_world.y, lon, lat))
      ImGui::Text("%s  E %.0f  N %.0f   lat %.5f  lon %.5f", crs.c_str(), cursor_world.x, cursor_world.y, lat, lon);
    else
      ImGui::Text("%s  x %.0f  y %.0f", crs.c_str(), cursor_world.x, cursor_world.y);
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
