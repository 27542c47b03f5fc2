#pragma once
// Opaque panel backdrops and the map area they leave. On llvmpipe, ImGui's own window backgrounds (one
// textured, blended rectangle per panel, ~700,000 pixels for the two side panels at 1080 p) cost ~2.5 ms a
// frame, and the map drawn beneath them is wasted work. So the side panels and the status bar draw no
// background of their own (ImGuiWindowFlags_NoBackground): the viewer clears their rectangles to the
// panel colour with a scissored glClear, and draws the map only in the rectangle the panels leave.
#include <optional>
#include <vector>

#include "render/scene/map_cache.hpp"

namespace nbhd::view {

// A window rectangle in ImGui display coordinates (origin top left, y down, unscaled).
struct Backdrop {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The map's rectangle in framebuffer pixels (GL convention, origin bottom left) for a display of
// `display_w` x `display_h` with framebuffer scale `scale`, once the backdrops that span a whole edge of the
// map are taken off (a strip across the bottom, full-height columns at the sides), rounded outward so no
// pixel falls between map and panels. Backdrops elsewhere (floating windows) take nothing off: the map is
// drawn beneath them. An empty rectangle (w == 0) when the panels cover everything.
MapRect map_area(float display_w, float display_h, float scale, const std::vector<Backdrop>& backdrops);

// `b` in framebuffer pixels, GL convention, rounded outward.
MapRect framebuffer_rect(const Backdrop& b, float display_h, float scale);

// Clears each backdrop's rectangle to `colour` (RGBA 0..1, drawn opaque) in framebuffer 0.
void paint_backdrops(const std::vector<Backdrop>& backdrops, float display_h, float scale,
                     const float colour[4]);

}  // namespace nbhd::view
