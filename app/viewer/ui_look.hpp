#pragma once
// The interface's look: DejaVu Sans (the map's font, proportional and with £, ’ and Welsh letters) at a
// comfortable size scaled by the monitor's content scale, on ImGui's dark theme with its text colours
// checked for contrast. Needs a current ImGui context; call before the renderer builds the font atlas.
#include <imgui.h>

#include <string>

namespace nbhd::view {

struct UiLook {
  std::string font_file;  // "" when DejaVu Sans was not found and ImGui's built-in font is used
  float font_px = 13;     // pixel height the font was rasterised at (content scale included)
  float scale = 1;        // the content scale applied to sizes
};

// Base interface text height in pixels at content scale 1 (ImGui's built-in font is 13 px; DejaVu at 16 px has a 13.7 px em).
inline constexpr float kUiFontPx = 16;

// Sets the theme and the font for `content_scale` (glfwGetWindowContentScale). Without DejaVu Sans it
// keeps the built-in font, scaled, and says so in `font_file` == "".
UiLook apply_ui_look(float content_scale);

// WCAG 2 contrast ratio of two opaque colours (1 to 21); 4.5 is the minimum for body text.
double contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace nbhd::view
