// The legend (class colours, ranges and counts; click a class to highlight its areas; the 3 x 3 legend in
// bivariate mode) and the histogram of the mapped indicator with the class breaks, where dragging a value
// range highlights those areas (linked brushing) and shows how many there are.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/viewer/viewer.hpp"

namespace nbhd::view {

namespace {
ImU32 im(Rgba c) { return IM_COL32(c.r, c.g, c.b, 255); }
}  // namespace

void Viewer::panel_legend() {
  legend_swatches.clear();
  hist_lo = hist_hi = 0;
  if (!ImGui::CollapsingHeader("Legend", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!data || spec.column.empty()) {
    ImGui::TextDisabled("nothing mapped");
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float sw = ImGui::GetTextLineHeight() * 1.6f, sh = ImGui::GetTextLineHeight();
  if (style.bivariate) {
    const auto& b = *style.bivariate;
    ImGui::Text("%s (across) x %s (up)", b.x_title.c_str(), b.y_title.c_str());
    ImVec2 p = ImGui::GetCursorScreenPos();
    float cell = 34;
    for (int row = 0; row < 3; ++row)
      for (int col = 0; col < 3; ++col) {
        size_t k = size_t(row * 3 + col);
        ImVec2 a(p.x + col * cell, p.y + (2 - row) * cell);
        ImVec2 z(a.x + cell - 2, a.y + cell - 2);
        dl->AddRectFilled(a, z, im(b.cells[k]));
        bool on = highlight.kind == Highlight::LegendClass && highlight.legend_class == int(k);
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
      bool same = highlight.kind == Highlight::LegendClass && highlight.legend_class == k;
      highlight = {};
      if (!same) highlight.kind = Highlight::LegendClass, highlight.legend_class = k;
      apply_colours();
    }
    for (int k = 0; k < 9; ++k)
      legend_swatches.push_back({p.x + (k % 3) * cell, p.y + (2 - k / 3) * cell, p.x + (k % 3 + 1) * cell - 2,
                                 p.y + (3 - k / 3) * cell - 2});
  } else {
    for (size_t k = 0; k < style.legend.size(); ++k) {
      const auto& e = style.legend[k];
      ImGui::PushID(int(k));
      ImVec2 p = ImGui::GetCursorScreenPos();
      bool on = highlight.kind == Highlight::LegendClass && highlight.legend_class == int(k);
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
        highlight = {};
        if (!on) highlight.kind = Highlight::LegendClass, highlight.legend_class = int(k);
        apply_colours();
      }
      dl->AddRectFilled(p, ImVec2(p.x + sw, p.y + sh), im(e.colour));
      if (on) dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + sw + 1, p.y + sh + 1), IM_COL32(0, 200, 255, 255), 0, 0, 2);
      legend_swatches.push_back({p.x, p.y, p.x + sw, p.y + sh});
      ImGui::PopID();
    }
    if (style.no_data) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::Dummy(ImVec2(sw, sh));
      dl->AddRectFilled(p, ImVec2(p.x + sw, p.y + sh), im(style.no_data->colour));
      ImGui::SameLine();
      ImGui::Text("%s  (%lld)", style.no_data->label.c_str(), style.no_data->count);
    }
  }
  if (highlight.kind == Highlight::LegendClass) ImGui::Text("%zu areas highlighted (Esc clears)", lit_count);

  // Histogram with breaks; drag across it to brush a value range.
  const auto& v = data->layer.attrs.numeric(spec.column).num;
  double lo = INFINITY, hi = -INFINITY;
  for (double x : v)
    if (!std::isnan(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  if (!(hi > lo)) return;
  constexpr int kBins = 48;
  std::array<int, kBins> bins{};
  for (double x : v)
    if (!std::isnan(x)) bins[size_t(std::clamp(int((x - lo) / (hi - lo) * kBins), 0, kBins - 1))]++;
  int top = *std::max_element(bins.begin(), bins.end());
  ImGui::Spacing();
  ImGui::TextUnformatted("Histogram (drag to brush)");
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = std::max(120.0f, ImGui::GetContentRegionAvail().x), h = 90;
  ImGui::InvisibleButton("##hist", ImVec2(w, h));
  hist_rect = {p.x, p.y, p.x + w, p.y + h};
  hist_lo = lo, hist_hi = hi;
  auto x_of = [&](double val) { return p.x + float((val - lo) / (hi - lo)) * w; };
  auto val_of = [&](float x) { return lo + std::clamp(double(x - p.x) / w, 0.0, 1.0) * (hi - lo); };
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(250, 250, 250, 255));
  for (int b = 0; b < kBins; ++b) {
    double mid = lo + (b + 0.5) * (hi - lo) / kBins;
    Rgba c{120, 120, 120, 255};
    if (style.classification) {
      int k = style.classification->class_for(mid);
      if (k >= 0 && size_t(k) < style.legend.size()) c = style.legend[size_t(k)].colour;
    }
    float bh = h * float(bins[size_t(b)]) / float(std::max(top, 1));
    dl->AddRectFilled(ImVec2(p.x + w * b / kBins, p.y + h - bh), ImVec2(p.x + w * (b + 1) / kBins - 1, p.y + h), im(c));
  }
  if (style.classification)
    for (double br : style.classification->breaks)
      dl->AddLine(ImVec2(x_of(br), p.y), ImVec2(x_of(br), p.y + h), IM_COL32(20, 20, 20, 255), 1.5f);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, 1)) {
    ImVec2 a = ImGui::GetIO().MouseClickedPos[0], m = ImGui::GetIO().MousePos;
    highlight = {};
    highlight.kind = Highlight::Brush;
    highlight.lo = val_of(std::min(a.x, m.x));
    highlight.hi = val_of(std::max(a.x, m.x));
    apply_colours();
  }
  if (highlight.kind == Highlight::Brush) {
    dl->AddRectFilled(ImVec2(x_of(highlight.lo), p.y), ImVec2(x_of(highlight.hi), p.y + h), IM_COL32(0, 200, 255, 60));
    ImGui::Text("%.4g to %.4g: %zu areas", highlight.lo, highlight.hi, lit_count);
  }
}

}  // namespace nbhd::view
