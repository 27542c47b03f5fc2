// The Style panel (panel_style.hpp).
#include <imgui.h>

#include "app/viewer/panel_style.hpp"
#include "app/viewer/viewer.hpp"
#include "base/text.hpp"

namespace nbhd::view {

namespace {
ImU32 im(Rgb c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

// A combo over numeric columns with a filter box; returns true when `value` changed.
bool column_combo(const char* label, const std::vector<std::string>& columns, std::string& value,
                  char* filter, size_t filter_size, bool allow_none = false) {
  bool changed = false;
  if (ImGui::BeginCombo(label, value.empty() ? "(none)" : value.c_str(), ImGuiComboFlags_HeightLarge)) {
    ImGui::InputTextWithHint("##filter", "filter", filter, filter_size);
    std::string f = lower(filter);
    if (allow_none && ImGui::Selectable("(none)", value.empty())) value.clear(), changed = true;
    for (const auto& c : columns) {
      if (!f.empty() && lower(c).find(f) == std::string::npos) continue;
      if (ImGui::Selectable(c.c_str(), c == value)) value = c, changed = true;
    }
    ImGui::EndCombo();
  }
  return changed;
}

void ramp(const std::vector<Rgb>& cs, float w, float h) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  float cw = w / float(cs.size());
  for (size_t i = 0; i < cs.size(); ++i)
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + cw * i, p.y), ImVec2(p.x + cw * (i + 1), p.y + h),
                                              im(cs[i]));
  ImGui::Dummy(ImVec2(w, h));
}
}  // namespace

void StylePanel::draw(Viewer& v) {
  if (!ImGui::CollapsingHeader("Style", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!v.data) {
    ImGui::TextDisabled("no data loaded");
    return;
  }
  bool changed = false;
  changed |=
      column_combo("indicator", v.numeric_columns(), v.spec.column, column_filter_, sizeof column_filter_);
  const ClassifyMethod methods[] = {ClassifyMethod::Quantile,      ClassifyMethod::NaturalBreaks,
                                    ClassifyMethod::EqualInterval, ClassifyMethod::Pretty,
                                    ClassifyMethod::StdDev,        ClassifyMethod::HeadTail,
                                    ClassifyMethod::Categorical};
  if (ImGui::BeginCombo("method", to_string(v.spec.method))) {
    for (auto m : methods)
      if (ImGui::Selectable(to_string(m), m == v.spec.method)) {
        v.spec.method = m;
        changed = true;
      }
    ImGui::EndCombo();
  }
  if (changed) v.spec.centre.reset();  // a map centred on zero (the change view's) ends with its column
  if (v.spec.method != ClassifyMethod::Categorical)
    changed |= ImGui::SliderInt("classes", &v.spec.classes, kMinClasses, kMaxClasses);
  std::string pal = v.spec.palette.empty() ? default_palette(v.spec.method) : v.spec.palette;
  if (ImGui::BeginCombo("palette", pal.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& s : colour_schemes()) {
      ImGui::PushID(s.name.c_str());
      if (ImGui::Selectable("##p", s.name == pal, 0, ImVec2(0, ImGui::GetTextLineHeight()))) {
        v.spec.palette = s.name;
        changed = true;
      }
      ImGui::SameLine();
      ImGui::Text("%-8s", s.name.c_str());
      ImGui::SameLine();
      ramp(scheme_colours(s.name, std::min(7, s.native_max), v.spec.reverse), 110,
           ImGui::GetTextLineHeight());
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ramp(make_palette(pal,
                    std::max(2, v.style.classification ? v.style.classification->classes() : v.spec.classes),
                    v.spec.reverse)
           .classes,
       ImGui::CalcItemWidth(), 10);
  changed |= ImGui::Checkbox("reverse", &v.spec.reverse);

  ImGui::Separator();
  bool bi = !v.spec.bivariate.empty();
  if (ImGui::Checkbox("bivariate (3 x 3)", &bi)) {
    if (bi) {
      for (const auto& c : v.numeric_columns())
        if (c != v.spec.column) {
          v.spec.bivariate = c;
          break;
        }
    } else {
      v.spec.bivariate.clear();
    }
    changed = true;
  }
  if (bi) {
    changed |= column_combo("second indicator", v.numeric_columns(), v.spec.bivariate, second_filter_,
                            sizeof second_filter_);
    std::string sch =
        v.spec.bivariate_scheme.empty() ? bivariate_schemes().front().name : v.spec.bivariate_scheme;
    if (ImGui::BeginCombo("scheme", sch.c_str())) {
      for (const auto& s : bivariate_schemes())
        if (ImGui::Selectable(s.name.c_str(), s.name == sch))
          v.spec.bivariate_scheme = s.name, changed = true;
      ImGui::EndCombo();
    }
  }

  ImGui::Separator();
  bool dual = v.highlight.kind == Highlight::Dual;
  if (ImGui::Checkbox("dual disadvantage", &dual)) {
    v.highlight = {};
    if (dual) {
      v.highlight.kind = Highlight::Dual;
      v.highlight.dual_column = !v.spec.bivariate.empty() ? v.spec.bivariate : "";
      if (v.highlight.dual_column.empty())
        for (const auto& c : v.numeric_columns())
          if (c != v.spec.column) {
            v.highlight.dual_column = c;
            break;
          }
    }
    v.apply_colours();
  }
  if (dual) {
    bool hc =
        column_combo("with", v.numeric_columns(), v.highlight.dual_column, dual_filter_, sizeof dual_filter_);
    float pct = float(v.highlight.dual_share * 100);
    if (ImGui::SliderFloat("worst %", &pct, 1, 50, "%.0f%%")) {
      v.highlight.dual_share = pct / 100.0;
      hc = true;
    }
    if (hc) v.apply_colours();
    ImGui::Text("%zu areas in the worst %.0f%% of both", v.lit_count, v.highlight.dual_share * 100);
  }

  if (!v.data->outlines.empty() || v.data->has_assets || v.data->basemap) ImGui::Separator();
  if (v.data->basemap) {
    // Under the fills, which turn translucent over it (as nbhd render --basemap-opacity).
    bool on = v.basemap_on;
    float opacity = float(v.basemap_opacity);
    bool c = ImGui::Checkbox("basemap", &on);
    ImGui::BeginDisabled(!on);
    c |= ImGui::SliderFloat("fill opacity", &opacity, 0, 1, "%.2f");
    ImGui::EndDisabled();
    if (c) v.set_basemap_view(on, opacity);
  }
  for (size_t i = 0; i < v.data->outlines.size(); ++i) {
    bool on = outline_on_[i];
    if (ImGui::Checkbox(v.data->outlines[i].label.c_str(), &on)) {
      outline_on_[i] = on;
      v.scene->set_outline_style(outline_index_[i], LineStyle{{30, 30, 30, 255}, on ? 1.5f : 0.0f});
      v.dirty = true;
    }
  }
  bool assets_on = v.assets.shown();
  if (v.data->has_assets && ImGui::Checkbox("assets", &assets_on))
    v.assets.set_shown(v, assets_on);  // categories: Assets panel
  if (changed) {
    if (v.highlight.kind == Highlight::LegendClass || v.highlight.kind == Highlight::Brush) v.highlight = {};
    v.restyle();
  }
  if (!v.style_error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", v.style_error.c_str());
}

}  // namespace nbhd::view

namespace nbhd::view {

void StylePanel::layers_loaded(Viewer& v) {
  outline_on_.assign(v.data->outlines.size(), true);
  outline_index_.clear();
  for (const auto& o : v.data->outlines)
    outline_index_.push_back(v.scene->add_outline_layer(o.mesh, LineStyle{{30, 30, 30, 255}, 1.5f}));
}

}  // namespace nbhd::view
