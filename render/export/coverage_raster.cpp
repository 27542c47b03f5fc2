#include "render/export/coverage_raster.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

#include "base/thread_pool.hpp"

namespace nbhd {

namespace {
std::vector<float>& scratch_acc() {
  thread_local std::vector<float> v;
  return v;
}
std::vector<float>& scratch_sum() {
  thread_local std::vector<float> v;
  return v;
}
}  // namespace

CoverageCanvas::CoverageCanvas(uint8_t* bgra, size_t stride, int x0, int y0, int w, int h)
    : px_(bgra), stride_(stride), x0_(x0), y0_(y0), w_(w), h_(h), acc_(scratch_acc()), sum_(scratch_sum()) {
  size_t need = size_t(w + 2) * size_t(h);
  if (acc_.size() < need) acc_.assign(need, 0.0f);
  reset_dirty();
}

void CoverageCanvas::discard() {
  std::fill(acc_.begin(), acc_.end(), 0.0f);
  std::fill(sum_.begin(), sum_.end(), 0.0f);
  partial_.clear();
  reset_dirty();
}

void CoverageCanvas::reset_dirty() {
  dirty_y0_ = h_;
  dirty_y1_ = 0;
  dirty_x0_ = w_ + 2;
  dirty_x1_ = -1;
}

// Adds the signed area of the edge (ax, ay) -> (bx, by) to the accumulation buffer: each pixel receives
// the part of its area left of the edge, with the sign of the edge's vertical direction; a prefix sum
// along the row then gives the winding coverage. Edges are clipped to the block: parts left of it become
// vertical edges on its left border (they still cover everything to their right), parts right of it are
// parked in the spare columns w and w + 1.
void CoverageCanvas::line(double ax, double ay, double bx, double by) {
  if (ay == by) return;
  double dir = 1;
  if (ay > by) {
    std::swap(ax, bx);
    std::swap(ay, by);
    dir = -1;
  }
  if (by <= 0 || ay >= h_) return;
  double dxdy = (bx - ax) / (by - ay);
  if (ay < 0) {
    ax -= ay * dxdy;
    ay = 0;
  }
  if (by > h_) {
    bx -= (by - h_) * dxdy;
    by = h_;
  }
  // Split where the edge crosses x = 0 or x = w, then clamp x into [0, w].
  double ts[4] = {0, 1, 1, 1};
  int nt = 1;
  for (double edge : {0.0, double(w_)}) {
    if ((ax - edge) * (bx - edge) < 0) ts[nt++] = (edge - ax) / (bx - ax);
  }
  if (nt == 3 && ts[2] < ts[1]) std::swap(ts[1], ts[2]);
  ts[nt++] = 1;
  for (int k = 0; k + 1 < nt; ++k) {
    double t0 = ts[k], t1 = ts[k + 1];
    if (t1 <= t0) continue;
    double x0 = std::clamp(ax + (bx - ax) * t0, 0.0, double(w_)), y0 = ay + (by - ay) * t0;
    double x1 = std::clamp(ax + (bx - ax) * t1, 0.0, double(w_)), y1 = ay + (by - ay) * t1;
    if (y1 <= y0) continue;
    double slope = (x1 - x0) / (y1 - y0);
    int ys = int(std::floor(y0)), ye = std::min(h_, int(std::ceil(y1)));
    dirty_y0_ = std::min(dirty_y0_, ys);
    dirty_y1_ = std::max(dirty_y1_, ye);
    double x = x0;
    for (int y = ys; y < ye; ++y) {
      float* row = &acc_[size_t(y) * size_t(w_ + 2)];
      double dy = std::min(double(y + 1), y1) - std::max(double(y), y0);
      // Clamped: x0 and x1 are in [0, w], but the sum of steps can drift a hair outside (a thin border
      // stroke's edge along x = 0 gave -1e-13 and wrote to column -1, corrupting the heap; atlas page
      // of West Berkshire at 60 dpi).
      double xnext = std::clamp(x + slope * dy, 0.0, double(w_));
      double d = dy * dir;
      double xl = std::min(x, xnext), xr = std::max(x, xnext);
      double xl_floor = std::floor(xl);
      int xli = int(xl_floor);
      double xr_ceil = std::ceil(xr);
      int xri = int(xr_ceil);
      dirty_x0_ = std::min(dirty_x0_, xli);
      dirty_x1_ = std::max(dirty_x1_, std::max(xri, xli + 1));
      if (xri <= xli + 1) {
        // Within one pixel column: split d by the mean x.
        double xmf = 0.5 * (x + xnext) - xl_floor;
        row[xli] += float(d - d * xmf);
        row[xli + 1] += float(d * xmf);
      } else {
        double s = 1.0 / (xr - xl);
        double xlf = xl - xl_floor;
        double a0 = 0.5 * s * (1 - xlf) * (1 - xlf);
        double xrf = xr - xr_ceil + 1;
        double am = 0.5 * s * xrf * xrf;
        row[xli] += float(d * a0);
        if (xri == xli + 2) {
          row[xli + 1] += float(d * (1 - a0 - am));
        } else {
          double a1 = s * (1.5 - xlf);
          row[xli + 1] += float(d * (a1 - a0));
          for (int xi = xli + 2; xi < xri - 1; ++xi) row[xi] += float(d * s);
          double a2 = a1 + (xri - xli - 3) * s;
          row[xri - 1] += float(d * (1 - a2 - am));
        }
        row[xri] += float(d * am);
      }
      x = xnext;
    }
  }
}

template <class F>
void CoverageCanvas::sweep(int ry0, int ry1, int cx0, int cx1, F&& per_pixel) {
  for (int y = ry0; y < ry1; ++y) {
    float* row = &acc_[size_t(y) * size_t(w_ + 2)];
    float s = 0;
    for (int x = cx0; x <= cx1 && x < w_ + 2; ++x) {
      s += row[x];
      row[x] = 0;
      if (x < w_) {
        float cov = std::min(1.0f, std::abs(s));
        if (cov > 1.0f / 1024) per_pixel(x, y, cov);
      }
    }
  }
}

void CoverageCanvas::fill(const MultiPolygon& mp, const PixelTransform& t, Rgba c) {
  reset_dirty();
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings)
      for (size_t i = 0; i + 1 < ring.size(); ++i)
        line(t.px(ring[i].x) - x0_, t.py(ring[i].y) - y0_, t.px(ring[i + 1].x) - x0_,
             t.py(ring[i + 1].y) - y0_);
  if (dirty_y1_ <= dirty_y0_) return;
  if (sum_.size() < size_t(w_) * size_t(h_) * 4) sum_.assign(size_t(w_) * size_t(h_) * 4, 0.0f);
  float r = c.r, g = c.g, b = c.b, a = c.a / 255.0f;
  const bool opaque = c.a == 255;
  sweep(dirty_y0_, dirty_y1_, std::max(0, dirty_x0_), dirty_x1_, [&](int x, int y, float cov) {
    size_t i = size_t(y) * size_t(w_) + size_t(x);
    // Fully covered by an opaque area (most pixels): the area's exact colour, no accumulation.
    if (opaque && cov >= 1.0f - 1e-4f) {
      uint8_t* p = px_ + size_t(y) * stride_ + size_t(x) * 4;
      p[0] = c.b, p[1] = c.g, p[2] = c.r, p[3] = 255;
      return;
    }
    float* s = &sum_[i * 4];
    if (s[3] == 0) partial_.push_back(uint32_t(i));
    float k = cov * a;
    s[0] += r * k;
    s[1] += g * k;
    s[2] += b * k;
    s[3] += k;
  });
}

void CoverageCanvas::resolve_fills(Rgba bg, bool over_image) {
  for (uint32_t i : partial_) {
    float* s = &sum_[size_t(i) * 4];
    float cov = s[3];
    float r = s[0], g = s[1], b = s[2];
    s[0] = s[1] = s[2] = s[3] = 0;
    if (cov <= 0) continue;
    if (cov > 1) r /= cov, g /= cov, b /= cov, cov = 1;  // overlapping areas: average, not saturate
    float rest = 1 - cov;
    uint8_t* out = px_ + size_t(i / uint32_t(w_)) * stride_ + size_t(i % uint32_t(w_)) * 4;
    Rgba under = over_image ? Rgba{out[2], out[1], out[0], 255} : bg;
    out[0] = uint8_t(std::clamp(std::lround(b + rest * under.b), 0L, 255L));
    out[1] = uint8_t(std::clamp(std::lround(g + rest * under.g), 0L, 255L));
    out[2] = uint8_t(std::clamp(std::lround(r + rest * under.r), 0L, 255L));
    out[3] = 255;
  }
  partial_.clear();
}

void CoverageCanvas::add_polygon(const Point* pts, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const Point& a = pts[i];
    const Point& b = pts[(i + 1) % n];
    line(a.x - x0_, a.y - y0_, b.x - x0_, b.y - y0_);
  }
}

void CoverageCanvas::composite(Rgba c) {
  if (dirty_y1_ > dirty_y0_) {
    float a = c.a / 255.0f;
    sweep(dirty_y0_, dirty_y1_, std::max(0, dirty_x0_), dirty_x1_, [&](int x, int y, float cov) {
      uint8_t* p = px_ + size_t(y) * stride_ + size_t(x) * 4;
      float k = cov * a, rest = 1 - k;
      p[0] = uint8_t(std::lround(p[0] * rest + c.b * k));
      p[1] = uint8_t(std::lround(p[1] * rest + c.g * k));
      p[2] = uint8_t(std::lround(p[2] * rest + c.r * k));
    });
  }
  reset_dirty();
}

namespace {

struct PxBox {
  double x0, y0, x1, y1;
};

PxBox px_box(const BBox& b, const PixelTransform& t) {
  return {t.px(b.minx), t.py(b.maxy), t.px(b.maxx), t.py(b.miny)};
}

PxBox px_box(const MultiPolygon& mp, const PixelTransform& t) {
  return px_box(bbox_of(mp), t);
}

// Quads of every ring edge, widened by `hw` px with square caps; all with the same winding so overlaps union.
void add_ring_strokes(CoverageCanvas& cv, const MultiPolygon& mp, const PixelTransform& t, double hw, int bx0,
                      int by0) {
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings)
      for (size_t i = 0; i + 1 < ring.size(); ++i) {
        double ax = t.px(ring[i].x), ay = t.py(ring[i].y), bx = t.px(ring[i + 1].x), by = t.py(ring[i + 1].y);
        // Cull edges whose quad misses the block.
        if (std::max(ay, by) + hw < by0 || std::min(ay, by) - hw > by0 + cv.height()) continue;
        if (std::max(ax, bx) + hw < bx0 || std::min(ax, bx) - hw > bx0 + cv.width()) continue;
        double dx = bx - ax, dy = by - ay, len = std::hypot(dx, dy);
        if (len < 1e-9) continue;
        dx /= len, dy /= len;
        double nx = -dy * hw, ny = dx * hw, ex = dx * hw, ey = dy * hw;
        Point q[4] = {{ax - ex + nx, ay - ey + ny},
                      {bx + ex + nx, by + ey + ny},
                      {bx + ex - nx, by + ey - ny},
                      {ax - ex - nx, ay - ey - ny}};
        cv.add_polygon(q, 4);
      }
}

}  // namespace

void draw_map_cpu(const CpuMapLayers& L, const PixelTransform& t, int x0, int y0, int w, int h,
                  Rgba background, uint8_t* bgra, size_t stride, unsigned threads, const Progress& progress) {
  if (w <= 0 || h <= 0) return;
  SharedProgress sp(progress, "rasterising");
  std::vector<PxBox> boxes;
  if (L.areas) {
    boxes.reserve(L.areas->size());
    if (L.area_boxes && L.area_boxes->size() == L.areas->size())
      for (const BBox& b : *L.area_boxes) boxes.push_back(px_box(b, t));
    else
      for (const auto& mp : *L.areas) boxes.push_back(px_box(mp, t));
  }
  // Boundary layers' boxes too, once here rather than in every band (a page of the atlas has 20 bands and
  // the 361 authorities' boxes each walk every vertex: 3.5% of a PNG atlas).
  std::vector<std::vector<PxBox>> outline_boxes;
  for (const auto& [geoms, style] : L.outlines) {
    outline_boxes.emplace_back();
    if (!geoms || style.width_px <= 0) continue;
    outline_boxes.back().reserve(geoms->size());
    for (const auto& mp : *geoms) outline_boxes.back().push_back(px_box(mp, t));
  }
  constexpr int kBand = 64;
  int bands = (h + kBand - 1) / kBand;
  auto draw_band = [&](int band) {
    if (!sp.poll(double(band) / bands)) return;
    // Within a band, poll every few thousand areas too (a band across dense cities visits many).
    auto keep_going = [&](size_t i) { return i % 2048 != 0 || sp.poll(double(band) / bands); };
    int by0 = y0 + band * kBand, bh = std::min(kBand, y0 + h - by0);
    CoverageCanvas cv(bgra + size_t(by0 - y0) * stride, stride, x0, by0, w, bh);
    // A band left by an exception (a progress callback that throws, no memory) would leave this thread's
    // scratch dirty, and pool threads live on to draw the next map: clear it.
    struct DiscardOnThrow {
      CoverageCanvas& cv;
      int before = std::uncaught_exceptions();
      ~DiscardOnThrow() {
        if (std::uncaught_exceptions() > before) cv.discard();
      }
    } discard_on_throw{cv};
    auto hits = [&](const PxBox& b, double pad) {
      return !(b.y1 + pad < by0 || b.y0 - pad > by0 + bh || b.x1 + pad < x0 || b.x0 - pad > x0 + w);
    };
    if (L.areas && L.fills) {
      for (size_t i = 0; i < L.areas->size(); ++i) {
        if (!keep_going(i)) return cv.discard();
        if (hits(boxes[i], 0)) cv.fill((*L.areas)[i], t, (*L.fills)[i]);
      }
      cv.resolve_fills(background, L.fills_over_image);
      // Borders one area at a time: accumulated coverage unions a ring's own quads exactly, but the two
      // copies of an edge shared by neighbours would add their partial coverages; composited separately
      // they blend like two translucent strokes, as the GL path does.
      if (L.borders.width_px > 0 && L.borders.colour.a > 0) {
        double hw = L.borders.width_px / 2;
        for (size_t i = 0; i < L.areas->size(); ++i) {
          if (!keep_going(i)) return cv.discard();
          if (!hits(boxes[i], hw)) continue;
          add_ring_strokes(cv, (*L.areas)[i], t, hw, x0, by0);
          cv.composite(L.borders.colour);
        }
      }
    }
    for (size_t o = 0; o < L.outlines.size(); ++o) {
      const auto& [geoms, style] = L.outlines[o];
      if (!geoms || style.width_px <= 0) continue;
      double hw = style.width_px / 2;
      for (size_t k = 0; k < geoms->size(); ++k)
        if (hits(outline_boxes[o][k], hw)) {
          add_ring_strokes(cv, (*geoms)[k], t, hw, x0, by0);
          cv.composite(style.colour);
        }
    }
    if (L.areas && !L.selection.empty()) {
      double hw = L.selection_style.width_px / 2;
      for (uint32_t a : L.selection)
        if (a < L.areas->size() && hits(boxes[a], hw)) add_ring_strokes(cv, (*L.areas)[a], t, hw, x0, by0);
      cv.composite(L.selection_style.colour);
    }
    if (L.points && L.point_colours) {
      const PointStyle& ps = L.point_style;
      double reach = ps.radius_px * kTriangleCircumradius;  // the largest shape's extent
      for (size_t i = 0; i < L.points->size(); ++i) {
        double px = t.px((*L.points)[i].x), py = t.py((*L.points)[i].y);
        PxBox b{px - reach, py - reach, px + reach, py + reach};
        if (!hits(b, 1)) continue;
        SymbolShape shape =
            L.point_shapes && i < L.point_shapes->size() ? (*L.point_shapes)[i] : SymbolShape::circle;
        auto outer = symbol_outline(shape, px, py, ps.radius_px, true);
        cv.add_polygon(outer.data(), outer.size());
        cv.composite(ps.stroke);
        auto inner = symbol_outline(shape, px, py, std::max(0.0, double(ps.radius_px - ps.stroke_px)), true);
        cv.add_polygon(inner.data(), inner.size());
        cv.composite((*L.point_colours)[i]);
      }
    }
  };
  parallel_for(size_t(bands), 1, threads, [&](size_t b, size_t e) {
    for (size_t band = b; band < e; ++band) draw_band(int(band));
  });
  sp.throw_if_cancelled();
}

}  // namespace nbhd
