#include "app/viewer/map_labels.hpp"

#include <imgui.h>

#include <cfloat>
#include <nlohmann/json.hpp>

#include "app/viewer/viewer.hpp"
#include "render/document/build_map_document.hpp"

namespace nbhd::view {

void MapLabels::loaded(const Viewer& v) {
  layers_.clear();
  placed_.clear();
  if (!v.data) return;
  // Outline names first, as in nbhd render: a ward's name wins over the small areas' under it.
  if (!outline_field.empty() && !v.data->outlines.empty())
    layers_.push_back(label_layer(v.data->outlines[0].layer, outline_field, 14, true));
  if (!field.empty()) layers_.push_back(label_layer(v.data->layer, field, 13, false));
}

void MapLabels::draw(const Viewer& v) {
  placed_.clear();
  if (layers_.empty() || !v.data) return;
  ImGuiIO& io = ImGui::GetIO();
  float sx = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1;
  PixelTransform t = v.cam.to_pixels();
  PixelTransform w{t.scale / sx, t.ox / sx, t.oy / sx};  // world -> ImGui coordinates
  // Selected areas' names first.
  if (layers_.size() && !field.empty()) {
    auto& sel = layers_.back().selected;
    sel.assign(v.data->layer.size(), 0);
    for (uint32_t a : v.selection)
      if (a < sel.size()) sel[a] = 1;
  }
  // The map's part of the window: between the side panels, above the status bar.
  double x0 = v.left_w, x1 = io.DisplaySize.x - v.right_w, y1 = io.DisplaySize.y - v.status_h;
  ImFont* font = ImGui::GetFont();
  placed_ = place_labels(layers_, w, x0, 0, std::max(0.0, x1 - x0), std::max(0.0, y1),
                         [&](const std::string& s, double size, bool) {
                           return double(font->CalcTextSizeA(float(size), FLT_MAX, 0, s.c_str()).x);
                         });
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  for (const PlacedLabel& p : placed_) {
    float halo = float(p.size_pt * 0.18);
    ImVec2 at(float(p.x + halo), float(p.anchor.y - p.size_pt * 0.6));
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if (dx || dy)
          dl->AddText(font, float(p.size_pt), ImVec2(at.x + dx * halo, at.y + dy * halo),
                      IM_COL32(255, 255, 255, 230), p.text.c_str());
    dl->AddText(font, float(p.size_pt), at, IM_COL32(25, 25, 25, 255), p.text.c_str());
  }
}

nlohmann::json MapLabels::dump() const {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& p : placed_)
    a.push_back({{"layer", p.layer},
                 {"feature", p.feature},
                 {"text", p.text},
                 {"anchor", {p.anchor.x, p.anchor.y}},
                 {"box", {p.x, p.y, p.w, p.h}}});
  return a;
}

}  // namespace nbhd::view
