// The Legend panel (panel_legend.hpp).
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/viewer/panel_legend.hpp"
#include "app/viewer/viewer.hpp"

namespace nbhd::view {

namespace {
ImU32 im(Rgba c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}
}  // namespace

void LegendPanel::draw(Viewer& v) {
  swatches_.clear();
  hist_lo_ = hist_hi_ = 0;
  if (!ImGui::CollapsingHeader("Legend", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!v.data || v.spec.column.empty()) {
    ImGui::TextDisabled("nothing mapped");
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float sw = ImGui::GetTextLineHeight() * 1.6f, sh = ImGui::GetTextLineHeight();
  if (!v.style.bivariate) {  // the mapped column's readable name, unit and direction (--metadata)
    std::string dir = v.labels.direction(v.spec.column);
    ImGui::TextWrapped("%s%s", v.column_title(v.spec.column).c_str(),
                       dir.empty() ? "" : ("; " + dir).c_str());
  }
  if (v.style.bivariate) {
    const auto& b = *v.style.bivariate;
    ImGui::TextWrapped("%s (across) x %s (up)", v.column_title(b.x_title).c_str(),
                       v.column_title(b.y_title).c_str());
    ImVec2 p = ImGui::GetCursorScreenPos();
    float cell = 34;
    for (int row = 0; row < 3; ++row)
      for (int col = 0; col < 3; ++col) {
        size_t k = size_t(row * 3 + col);
        ImVec2 a(p.x + col * cell, p.y + (2 - row) * cell);
        ImVec2 z(a.x + cell - 2, a.y + cell - 2);
        dl->AddRectFilled(a, z, im(b.cells[k]));
        bool on = v.highlight.kind == Highlight::LegendClass && v.highlight.legend_class == int(k);
        if (on) dl->AddRect(a, z, IM_COL32(0, 200, 255, 255), 0, 0, 2.5f);
        char n[32];
        std::snprintf(n, sizeof n, "%lld", b.counts[k]);
        dl->AddText(ImVec2(a.x + 3, a.y + 3), IM_COL32(0, 0, 0, 255), n);
      }
    ImGui::InvisibleButton("##bi", ImVec2(cell * 3, cell * 3));
    if (ImGui::IsItemClicked()) {
      ImVec2 m = ImGui::GetIO().MousePos;
      int col = int((m.x - p.x) / cell), row = 2 - int((m.y - p.y) / cell);
      int k = std::clamp(row, 0, 2) * 3 + std::clamp(col, 0, 2);
      bool same = v.highlight.kind == Highlight::LegendClass && v.highlight.legend_class == k;
      v.highlight = {};
      if (!same) v.highlight.kind = Highlight::LegendClass, v.highlight.legend_class = k;
      v.apply_colours();
    }
    for (int k = 0; k < 9; ++k)
      swatches_.push_back({p.x + (k % 3) * cell, p.y + (2 - k / 3) * cell, p.x + (k % 3 + 1) * cell - 2,
                           p.y + (3 - k / 3) * cell - 2});
  } else {
    for (size_t k = 0; k < v.style.legend.size(); ++k) {
      const auto& e = v.style.legend[k];
      ImGui::PushID(int(k));
      ImVec2 p = ImGui::GetCursorScreenPos();
      bool on = v.highlight.kind == Highlight::LegendClass && v.highlight.legend_class == int(k);
      char label[160];
      std::snprintf(label, sizeof label, "%s  (%lld)", e.label.c_str(), e.count);
      ImGui::Dummy(ImVec2(sw, sh));
      ImGui::SameLine();
      if (ImGui::Selectable(label, on) || [&] {
            // The swatch itself is clickable too.
            ImVec2 m = ImGui::GetIO().MousePos;
            return ImGui::IsMouseClicked(0) && m.x >= p.x && m.x < p.x + sw && m.y >= p.y && m.y < p.y + sh &&
                   ImGui::IsWindowHovered();
          }()) {
        v.highlight = {};
        if (!on) v.highlight.kind = Highlight::LegendClass, v.highlight.legend_class = int(k);
        v.apply_colours();
      }
      dl->AddRectFilled(p, ImVec2(p.x + sw, p.y + sh), im(e.colour));
      if (on)
        dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + sw + 1, p.y + sh + 1), IM_COL32(0, 200, 255, 255),
                    0, 0, 2);
      swatches_.push_back({p.x, p.y, p.x + sw, p.y + sh});
      ImGui::PopID();
    }
    if (v.style.no_data) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::Dummy(ImVec2(sw, sh));
      dl->AddRectFilled(p, ImVec2(p.x + sw, p.y + sh), im(v.style.no_data->colour));
      ImGui::SameLine();
      ImGui::Text("%s  (%lld)", v.style.no_data->label.c_str(), v.style.no_data->count);
    }
  }
  if (v.highlight.kind == Highlight::LegendClass)
    ImGui::Text("%zu areas highlighted (Esc clears)", v.lit_count);

  // Histogram with breaks; drag across it to brush a value range.
  const auto& values = v.numeric_column(v.spec.column).num;
  double lo = INFINITY, hi = -INFINITY;
  for (double x : values)
    if (!std::isnan(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  if (!(hi > lo)) return;
  constexpr int kBins = 48;
  std::array<int, kBins> bins{};
  for (double x : values)
    if (!std::isnan(x)) bins[size_t(std::clamp(int((x - lo) / (hi - lo) * kBins), 0, kBins - 1))]++;
  int top = *std::max_element(bins.begin(), bins.end());
  ImGui::Spacing();
  ImGui::TextUnformatted("Histogram (drag to brush)");
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = std::max(120.0f, ImGui::GetContentRegionAvail().x), h = 90;
  ImGui::InvisibleButton("##hist", ImVec2(w, h));
  hist_rect_ = {p.x, p.y, p.x + w, p.y + h};
  hist_lo_ = lo, hist_hi_ = hi;
  auto x_of = [&](double val) { return p.x + float((val - lo) / (hi - lo)) * w; };
  auto val_of = [&](float x) { return lo + std::clamp(double(x - p.x) / w, 0.0, 1.0) * (hi - lo); };
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(250, 250, 250, 255));
  for (int b = 0; b < kBins; ++b) {
    double mid = lo + (b + 0.5) * (hi - lo) / kBins;
    Rgba c{120, 120, 120, 255};
    if (v.style.classification) {
      int k = v.style.classification->class_for(mid);
      if (k >= 0 && size_t(k) < v.style.legend.size()) c = v.style.legend[size_t(k)].colour;
    }
    float bh = h * float(bins[size_t(b)]) / float(std::max(top, 1));
    dl->AddRectFilled(ImVec2(p.x + w * b / kBins, p.y + h - bh),
                      ImVec2(p.x + w * (b + 1) / kBins - 1, p.y + h), im(c));
  }
  if (v.style.classification)
    for (double br : v.style.classification->breaks)
      dl->AddLine(ImVec2(x_of(br), p.y), ImVec2(x_of(br), p.y + h), IM_COL32(20, 20, 20, 255), 1.5f);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, 1)) {
    ImVec2 a = ImGui::GetIO().MouseClickedPos[0], m = ImGui::GetIO().MousePos;
    v.highlight = {};
    v.highlight.kind = Highlight::Brush;
    v.highlight.lo = val_of(std::min(a.x, m.x));
    v.highlight.hi = val_of(std::max(a.x, m.x));
    v.apply_colours();
  }
  if (v.highlight.kind == Highlight::Brush) {
    dl->AddRectFilled(ImVec2(x_of(v.highlight.lo), p.y), ImVec2(x_of(v.highlight.hi), p.y + h),
                      IM_COL32(0, 200, 255, 60));
    ImGui::Text("%.4g to %.4g: %zu areas", v.highlight.lo, v.highlight.hi, v.lit_count);
  }
}

}  // namespace nbhd::view
