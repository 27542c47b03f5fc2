#pragma once
// CPU scanline rasteriser with exact area coverage (signed-area accumulation per pixel, then a prefix sum
// along each row), used for PNG export where it beats llvmpipe's 4x MSAA by an order of magnitude and
// anti-aliases better (exact coverage instead of 4 samples).
//
// Area fills are accumulated additively (sum of colour x coverage, plus total coverage) and resolved over
// the background once, so the shared edge of two adjacent areas blends the two colours exactly, without
// the faint background-coloured seams ("conflation") of painting one anti-aliased polygon over another.
#include <cstdint>
#include <vector>

#include "base/shared_progress.hpp"
#include "geo/model/geometry.hpp"
#include "render/scene/scene.hpp"
#include "render/style/color.hpp"

namespace nbhd {

// Draws into a Cairo ARGB32 (B, G, R, A bytes, opaque) pixel block of w x h whose (0, 0) is image pixel
// (x0, y0). Coordinates given to it are image pixels.
class CoverageCanvas {
 public:
  CoverageCanvas(uint8_t* bgra, size_t stride, int x0, int y0, int w, int h);

  // Additive fills: call fill() for each area, then resolve_fills() once.
  void fill(const MultiPolygon& mp, const PixelTransform& t, Rgba colour);
  // Partly covered pixels (and translucent fills) blend over `background`, or, with `over_image`, over the
  // pixel already there (a basemap drawn into the block first).
  void resolve_fills(Rgba background, bool over_image = false);
  // Clears the per-thread scratch after work abandoned half-way (cancelled), so the next canvas on this
  // thread starts from zero as the sweeps and resolves otherwise guarantee.
  void discard();

  // Shapes composited over the image: add any number of closed paths (unioned), then composite them in one
  // colour. Paths are given in image pixels; orientation must be consistent (all counter-clockwise on
  // screen, or all clockwise) for the union; holes the other way.
  void add_polygon(const Point* pts, size_t n);
  void composite(Rgba colour);

  int width() const { return w_; }
  int height() const { return h_; }

 private:
  void line(double ax, double ay, double bx, double by);  // in block pixels
  // Sweeps rows [ry0, ry1) from column cx0, turning accumulated signed area into coverage (and clearing it).
  template <class F>
  void sweep(int ry0, int ry1, int cx0, int cx1, F&& per_pixel);

  uint8_t* px_;
  size_t stride_;
  int x0_, y0_, w_, h_;
  // Per-thread scratch, kept all-zero between uses (sweeps and resolves clear what they read), so bands
  // do not pay for allocating and zeroing megabytes each.
  std::vector<float>& acc_;  // (w + 2) per row: signed area deltas
  std::vector<float>&
      sum_;  // 4 per pixel: colour x coverage (r, g, b) and coverage; partly covered pixels only
  std::vector<uint32_t> partial_;  // pixels with something in sum_ (resolve visits only these)
  int dirty_y0_, dirty_y1_, dirty_x0_, dirty_x1_;
  void reset_dirty();
};

// Draws the map content (fills, borders, outline layers, selection, points) of the pixel block with the
// CPU rasteriser, in parallel bands. `outlines` are (geometry, style) pairs.
struct CpuMapLayers {
  const std::vector<MultiPolygon>* areas = nullptr;
  const std::vector<Rgba>* fills = nullptr;
  // The areas' boxes (working CRS), when the caller draws several blocks of one map: computed once instead
  // of once per block (each is a pass over every vertex: 10 M on a full-resolution national layer). Null:
  // computed here.
  const std::vector<BBox>* area_boxes = nullptr;
  LineStyle borders;
  std::vector<std::pair<const std::vector<MultiPolygon>*, LineStyle>> outlines;
  std::vector<uint32_t> selection;
  LineStyle selection_style;
  const std::vector<Point>* points = nullptr;
  const std::vector<Rgba>* point_colours = nullptr;
  const std::vector<SymbolShape>* point_shapes = nullptr;  // null or empty: circles
  PointStyle point_style;
  bool fills_over_image =
      false;  // translucent fills blend over the block's pixels (a basemap), not the background
};
// `progress` is polled for each band and every few thousand areas within one, so Ctrl-C stops a national
// map within milliseconds; when it asks to stop, this throws nbhd::Cancelled (the block is then garbage).
void draw_map_cpu(const CpuMapLayers& layers, const PixelTransform& t, int x0, int y0, int w, int h,
                  Rgba background, uint8_t* bgra, size_t stride, unsigned threads = 0,
                  const Progress& progress = {});

}  // namespace nbhd
