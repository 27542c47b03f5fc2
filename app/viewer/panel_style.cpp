// Styling: indicator picker (filterable), classification method and classes, palette picker showing the
// ramps, reverse, bivariate mode with its 3 x 3 legend scheme, dual-disadvantage highlight, layers.
#include <imgui.h>

#include "app/viewer/viewer.hpp"
#include "base/text.hpp"

namespace nbhd::view {

namespace {
ImU32 im(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

// A combo over numeric columns with a filter box; returns true when `value` changed.
bool column_combo(const char* label, const ViewData& d, std::string& value, char* filter, size_t filter_size,
                  bool allow_none = false) {
  bool changed = false;
  if (ImGui::BeginCombo(label, value.empty() ? "(none)" : value.c_str(), ImGuiComboFlags_HeightLarge)) {
    ImGui::InputTextWithHint("##filter", "filter", filter, filter_size);
    std::string f = lower(filter);
    if (allow_none && ImGui::Selectable("(none)", value.empty())) value.clear(), changed = true;
    for (const auto& c : d.numeric_columns) {
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
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + cw * i, p.y), ImVec2(p.x + cw * (i + 1), p.y + h), im(cs[i]));
  ImGui::Dummy(ImVec2(w, h));
}
}  // namespace

void Viewer::panel_style() {
  if (!ImGui::CollapsingHeader("Style", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!data) {
    ImGui::TextDisabled("no data loaded");
    return;
  }
  bool changed = false;
  static char filter1[64] = "", filter2[64] = "", filter3[64] = "";
  changed |= column_combo("indicator", *data, spec.column, filter1, sizeof filter1);
  const ClassifyMethod methods[] = {ClassifyMethod::Quantile, ClassifyMethod::NaturalBreaks,
                                    ClassifyMethod::EqualInterval, ClassifyMethod::Pretty,
                                    ClassifyMethod::StdDev, ClassifyMethod::HeadTail, ClassifyMethod::Categorical};
  if (ImGui::BeginCombo("method", to_string(spec.method))) {
    for (auto m : methods)
      if (ImGui::Selectable(to_string(m), m == spec.method)) {
        spec.method = m;
        changed = true;
      }
    ImGui::EndCombo();
  }
  if (spec.method != ClassifyMethod::Categorical)
    changed |= ImGui::SliderInt("classes", &spec.classes, kMinClasses, kMaxClasses);
  std::string pal = spec.palette.empty() ? default_palette(spec.method) : spec.palette;
  if (ImGui::BeginCombo("palette", pal.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& s : colour_schemes()) {
      ImGui::PushID(s.name.c_str());
      if (ImGui::Selectable("##p", s.name == pal, 0, ImVec2(0, ImGui::GetTextLineHeight()))) {
        spec.palette = s.name;
        changed = true;
      }
      ImGui::SameLine();
      ImGui::Text("%-8s", s.name.c_str());
      ImGui::SameLine();
      ramp(scheme_colours(s.name, std::min(7, s.native_max), spec.reverse), 110, ImGui::GetTextLineHeight());
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ramp(make_palette(pal, std::max(2, style.classification ? style.classification->classes() : spec.classes),
                    spec.reverse).classes,
       ImGui::CalcItemWidth(), 10);
  changed |= ImGui::Checkbox("reverse", &spec.reverse);

  ImGui::Separator();
  bool bi = !spec.bivariate.empty();
  if (ImGui::Checkbox("bivariate (3 x 3)", &bi)) {
    if (bi) {
      for (const auto& c : data->numeric_columns)
        if (c != spec.column) {
          spec.bivariate = c;
          break;
        }
    } else {
      spec.bivariate.clear();
    }
    changed = true;
  }
  if (bi) {
    changed |= column_combo("second indicator", *data, spec.bivariate, filter2, sizeof filter2);
    std::string sch = spec.bivariate_scheme.empty() ? bivariate_schemes().front().name : spec.bivariate_scheme;
    if (ImGui::BeginCombo("scheme", sch.c_str())) {
      for (const auto& s : bivariate_schemes())
        if (ImGui::Selectable(s.name.c_str(), s.name == sch)) spec.bivariate_scheme = s.name, changed = true;
      ImGui::EndCombo();
    }
  }

  ImGui::Separator();
  bool dual = highlight.kind == Highlight::Dual;
  if (ImGui::Checkbox("dual disadvantage", &dual)) {
    highlight = {};
    if (dual) {
      highlight.kind = Highlight::Dual;
      highlight.dual_column = !spec.bivariate.empty() ? spec.bivariate : "";
      if (highlight.dual_column.empty())
        for (const auto& c : data->numeric_columns)
          if (c != spec.column) {
            highlight.dual_column = c;
            break;
          }
    }
    apply_colours();
  }
  if (dual) {
    bool hc = column_combo("with", *data, highlight.dual_column, filter3, sizeof filter3);
    float pct = float(highlight.dual_share * 100);
    if (ImGui::SliderFloat("worst %", &pct, 1, 50, "%.0f%%")) {
      highlight.dual_share = pct / 100.0;
      hc = true;
    }
    if (hc) apply_colours();
    ImGui::Text("%zu areas in the worst %.0f%% of both", lit_count, highlight.dual_share * 100);
  }

  if (!data->outlines.empty() || data->has_assets) ImGui::Separator();
  for (size_t i = 0; i < data->outlines.size(); ++i) {
    bool on = outline_on[i];
    if (ImGui::Checkbox(data->outlines[i].label.c_str(), &on)) {
      outline_on[i] = on;
      scene->set_outline_style(outline_index[i], LineStyle{{30, 30, 30, 255}, on ? 1.5f : 0.0f});
      dirty = true;
    }
  }
  if (data->has_assets && ImGui::Checkbox("assets", &assets_on)) upload_assets();  // categories: Assets panel
  if (changed) {
    if (highlight.kind == Highlight::LegendClass || highlight.kind == Highlight::Brush) highlight = {};
    restyle();
  }
  if (!style_error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", style_error.c_str());
}

}  // namespace nbhd::view
