// The interface's font and theme (ui_look.hpp).
#include "app/viewer/ui_look.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "render/document/fonts.hpp"

namespace nbhd::view {

namespace {

// The characters planners' names and figures use: Latin-1 (£, ×, accents), Latin Extended-A (Welsh ŵ ŷ),
// general punctuation (’ “ ” – — …), € and ≤ ≥. ImGui keeps a pointer to this array: static storage.
const ImWchar kGlyphs[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x20AC,
                           0x20AC, 0x2190, 0x2193, 0x2264, 0x2265, 0};

double channel(float c) {
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const ImVec4& c) {
  return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}

}  // namespace

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

UiLook apply_ui_look(float content_scale) {
  UiLook look;
  look.scale = content_scale > 0.5f ? content_scale : 1.0f;
  ImGui::StyleColorsDark();
  ImGuiStyle& st = ImGui::GetStyle();
  // The dark theme's disabled text (50% grey) is the hint in an empty input box, where it reads 3.4:1; 60%
  // reads 4.7:1 there and 6.7:1 on a panel, above WCAG's 4.5:1 for body text
  // (tests/app/viewer/ui_look_test.cpp checks every text pair).
  st.Colors[ImGuiCol_TextDisabled] = ImVec4(0.60f, 0.60f, 0.60f, 1.00f);
  st.WindowRounding = 0;
  if (look.scale > 1.01f) st.ScaleAllSizes(look.scale);
  ImGuiIO& io = ImGui::GetIO();
  look.font_px = std::round(kUiFontPx * look.scale);
  try {
    look.font_file = dejavu_file("DejaVuSans.ttf").string();
    ImFontConfig cfg;
    cfg.OversampleH = 2;  // crisp proportional text at small sizes without a bigger atlas
    if (!io.Fonts->AddFontFromFileTTF(look.font_file.c_str(), look.font_px, &cfg, kGlyphs))
      look.font_file.clear();
  } catch (const Error&) {
    look.font_file.clear();
  }
  if (look.font_file.empty()) {
    io.Fonts->AddFontDefault();
    io.FontGlobalScale = look.scale;
    look.font_px = 13 * look.scale;
  }
  return look;
}

}  // namespace nbhd::view
