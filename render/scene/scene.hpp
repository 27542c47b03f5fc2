#pragma once
// The GL scene shared by the exporter and the interactive viewer: area fills (geometry uploaded once,
// colours in their own per-area buffer so a restyle uploads only colours), area borders, thicker
// boundary layers (wards, local authorities), a selection highlight, and point symbols by category.
// Requires a current OpenGL 3.3 core context for its whole life (EglContext, or the viewer's window).
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "geo/model/geometry.hpp"
#include "render/style/color.hpp"
#include "render/style/symbol_shape.hpp"
#include "render/triangulate/area_mesh.hpp"

namespace nbhd {

// World (working CRS) to normalised device coordinates: ndc = (ax * x + bx, ay * y + by).
struct NdcTransform {
  double ax = 1, bx = 0, ay = 1, by = 0;
};

// World to image pixels, north up: px = scale * x + ox, py (down) = -scale * y + oy.
struct PixelTransform {
  double scale = 1, ox = 0, oy = 0;
  double px(double x) const { return scale * x + ox; }
  double py(double y) const { return -scale * y + oy; }
  Point world(double px_, double py_) const { return {(px_ - ox) / scale, (oy - py_) / scale}; }
};

// The NDC transform that draws the image-pixel rectangle (x, y, w, h) of `t` into a w x h viewport.
// top_row_first: framebuffer row 0 holds the rectangle's top row, so glReadPixels yields image order
// (no flip); the viewer passes false.
NdcTransform tile_ndc(const PixelTransform& t, double x, double y, double w, double h, bool top_row_first);

struct LineStyle {
  Rgba colour{0, 0, 0, 255};
  float width_px = 1;  // < 1 is drawn 1 px wide with proportionally less opacity
};

struct PointStyle {
  float radius_px = 4;
  Rgba stroke{255, 255, 255, 255};
  float stroke_px = 1;
};

class Scene {
 public:
  Scene();
  ~Scene();
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;

  // Uploads the area layer's geometry (once per layer) with every level of detail, built here (seconds for
  // a layer of ten million vertices). Colours start as the no-data colour below.
  void set_areas(const AreaMesh& mesh);
  // The same, returning once the mesh and its full-detail level are uploaded: the coarser levels are built
  // on the pool in the background (the scene keeps `mesh` alive until then) and uploaded by
  // upload_ready_levels(), which the frame loop calls. Drawing meanwhile works, with the levels there are
  // (finer than ideal, so slower: the viewer waits instead). When the last level is in, the generation
  // changes, so cached frames are drawn again.
  // `ready`, when given, is called on the builder's thread each time levels are ready to upload (a viewer
  // wakes its event loop with it).
  void set_areas_progressive(std::shared_ptr<const AreaMesh> mesh, std::function<void()> ready = {});
  // GL thread: uploads the levels built since the last call; true when it uploaded any.
  bool upload_ready_levels();
  bool levels_pending() const;
  // Why the background build of the levels stopped early ("" when it did not); the map still draws.
  const std::string& levels_error() const;
  // Restyle: uploads one colour per area (size must equal the mesh's area count).
  void set_area_colours(std::span<const Rgba> colours);
  // Borders of the areas themselves; width 0 hides them.
  void set_area_borders(LineStyle style);
  // A boundary-only layer drawn above the fills (e.g. wards over LSOAs); returns its index.
  size_t add_outline_layer(const AreaMesh& mesh, LineStyle style);
  // Restyles outline layer `layer` (width 0 hides it; the viewer's on/off toggle).
  void set_outline_style(size_t layer, LineStyle style);
  // Highlighted areas of the area layer (indices into it), drawn on top.
  void set_selection(std::span<const uint32_t> areas, LineStyle style);
  // Free-standing closed rings in world coordinates (the viewer's "D metres from the selection" ring),
  // drawn as outlines above the selection and below the points. An empty list removes them.
  void set_overlay(const std::vector<Ring>& rings, LineStyle style);
  // Point symbols, one colour and shape each (by category), drawn last; no shapes: all circles.
  void set_points(std::span<const Point> pts, std::span<const Rgba> colours, PointStyle style,
                  std::span<const SymbolShape> shapes = {});

  // A basemap under everything: `rgba` (w x h, top row first, straight alpha) covering `world` (working
  // CRS, pixel edges), drawn as one textured rectangle, bilinear. Replaces any earlier one and shows it.
  void set_basemap(std::span<const uint8_t> rgba, int w, int h, const BBox& world);
  // Shows or hides the basemap set (the viewer's on/off); without one, nothing to show.
  void show_basemap(bool on);

  // Draws into the currently bound framebuffer with the current viewport (vw x vh pixels). With `clip`
  // (framebuffer pixels, GL convention: origin bottom left), only fills that can reach that rectangle are
  // submitted; the caller scissors to it. The pixels inside `clip` are exactly those of a draw without it,
  // because the transform and viewport are the same and culling drops only triangles that miss it.
  // Returns the number of fill triangles submitted (a cost estimate for progressive drawing).
  // `detail` >= 1 coarsens the fills' level of detail: vertices snap to cells of up to `detail` pixels
  // instead of one (the map cache's quick frames while the view moves; never used for an exact render).
  size_t draw(const NdcTransform& t, int vw, int vh, const BBox* clip = nullptr, double detail = 1) const;

  // The fill triangles draw(t, vw, vh, clip, detail) would submit, counted without drawing.
  size_t fill_triangles(const NdcTransform& t, int vw, int vh, double detail = 1,
                        const BBox* clip = nullptr) const;

  size_t area_count() const;
  // Changes whenever anything drawn changes (geometry, colours, styles, selection, points); unique across
  // scenes, so a cache of rendered pixels keyed on it is never fooled by a new scene.
  uint64_t generation() const;

 private:
  void upload_mesh(const AreaMesh& mesh);  // the mesh, no level yet; stops a background build
  void stop_levels();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
