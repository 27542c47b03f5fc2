#pragma once
// The viewer's view of the world: a centre (working CRS) and metres per framebuffer pixel, north up.
// Pure arithmetic shared by the canvas, picking, the status bar, scripts and the bench.
#include <algorithm>

#include "geo/model/geometry.hpp"
#include "render/scene/scene.hpp"

namespace nbhd::view {

struct Camera {
  Point centre;
  double mpp = 1;    // metres per framebuffer pixel
  int w = 1, h = 1;  // framebuffer size

  // Framebuffer pixel (origin top left, y down) <-> world. The one world-to-screen conversion: panels
  // marking a place on the map, the state dump and picking all go through it.
  Point world(double px, double py) const {
    return {centre.x + (px - w / 2.0) * mpp, centre.y - (py - h / 2.0) * mpp};
  }
  PixelTransform to_pixels() const { return {1 / mpp, w / 2.0 - centre.x / mpp, h / 2.0 + centre.y / mpp}; }
  double px(double x) const { return to_pixels().px(x); }
  double py(double y) const { return to_pixels().py(y); }

  NdcTransform ndc() const {
    NdcTransform t;
    t.ax = 2.0 / (mpp * w);
    t.bx = -centre.x * t.ax;
    t.ay = 2.0 / (mpp * h);
    t.by = -centre.y * t.ay;
    return t;
  }
  BBox visible() const {
    BBox b;
    b.expand(world(0, h));
    b.expand(world(w, 0));
    return b;
  }
  // Shows `b` whole inside the framebuffer less `left`/`right`/`bottom` pixels covered by panels, with
  // `margin` pixels on each side.
  void fit(const BBox& b, double margin = 20, double left = 0, double right = 0, double bottom = 0) {
    if (b.empty()) return;
    double vw = std::max(w - left - right - 2 * margin, 10.0), vh = std::max(h - bottom - 2 * margin, 10.0);
    mpp = std::max(std::max(b.width(), 1.0) / vw, std::max(b.height(), 1.0) / vh);
    // The box centre goes to the centre of the uncovered part.
    double cx = left + margin + vw / 2, cy = margin + vh / 2;
    centre = {(b.minx + b.maxx) / 2 - (cx - w / 2.0) * mpp, (b.miny + b.maxy) / 2 + (cy - h / 2.0) * mpp};
  }
  // Zooms by `factor` (> 1 = in) keeping the world point under pixel (px, py) fixed.
  void zoom_at(double px_, double py_, double factor) {
    Point p = world(px_, py_);
    mpp = std::clamp(mpp / factor, 0.01, 1e5);
    centre.x = p.x - (px_ - w / 2.0) * mpp;
    centre.y = p.y + (py_ - h / 2.0) * mpp;
  }
  void pan_pixels(double dx, double dy) {
    centre.x -= dx * mpp;
    centre.y += dy * mpp;
  }
};

}  // namespace nbhd::view
