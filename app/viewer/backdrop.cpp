#include "app/viewer/backdrop.hpp"

#include <algorithm>
#include <cmath>

#include "render/scene/gl.hpp"

namespace nbhd::view {

MapRect framebuffer_rect(const Backdrop& b, float display_h, float scale) {
  int x0 = int(std::floor(b.x0 * scale)), x1 = int(std::ceil(b.x1 * scale));
  // Display y runs down from the top; GL rows run up from the bottom.
  int fh = int(std::lround(display_h * scale));
  int y0 = fh - int(std::ceil(b.y1 * scale)), y1 = fh - int(std::floor(b.y0 * scale));
  return MapRect{x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

MapRect map_area(float display_w, float display_h, float scale, const std::vector<Backdrop>& backdrops) {
  // What is left uncovered, in display coordinates. Two passes: a side column reaches the map's bottom
  // edge only once the status strip has been taken off, whichever order the panels came in.
  Backdrop m{0, 0, display_w, display_h};
  for (int pass = 0; pass < 2; ++pass)
    for (const Backdrop& b : backdrops) {
      bool full_width = b.x0 <= m.x0 && b.x1 >= m.x1, full_height = b.y0 <= m.y0 && b.y1 >= m.y1;
      if (full_width && b.y1 >= m.y1 && b.y0 < m.y1)
        m.y1 = std::max(m.y0, b.y0);  // a strip along the bottom
      else if (full_width && b.y0 <= m.y0 && b.y1 > m.y0)
        m.y0 = std::min(m.y1, b.y1);  // along the top
      else if (full_height && b.x0 <= m.x0 && b.x1 > m.x0)
        m.x0 = std::min(m.x1, b.x1);  // a left column
      else if (full_height && b.x1 >= m.x1 && b.x0 < m.x1)
        m.x1 = std::max(m.x0, b.x0);  // a right column
    }
  // Rounded outward, as the backdrops are: a pixel both touch is drawn by the map and then painted over.
  MapRect r = framebuffer_rect(m, display_h, scale);
  if (r.w <= 0 || r.h <= 0) return MapRect{};
  return r;
}

void paint_backdrops(const std::vector<Backdrop>& backdrops, float display_h, float scale,
                     const float colour[4]) {
  if (backdrops.empty()) return;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glEnable(GL_SCISSOR_TEST);
  glClearColor(colour[0], colour[1], colour[2], 1);
  for (const Backdrop& b : backdrops) {
    MapRect r = framebuffer_rect(b, display_h, scale);
    if (r.w <= 0 || r.h <= 0) continue;
    glScissor(r.x, r.y, r.w, r.h);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace nbhd::view
