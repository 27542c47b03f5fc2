#pragma once
// The viewer's map layer as cached pixels. Drawing the national LSOA map exactly costs up to ~100 ms on
// llvmpipe, while copying a finished image costs a fraction of that, so:
// - at rest, the exact render of the view is kept in a texture and copied each frame (UI-only changes,
//   hover and panels, cost a copy plus ImGui);
// - while the view moves, each frame draws the whole map at once, at the exact level of detail when that
//   fits a triangle budget and otherwise coarser (vertices snapped to cells of 2, 4 ... pixels: far fewer
//   triangles), so no edge is ever blank or stale; a pan by whole pixels (a drag) instead moves the last
//   exact image and draws quick map only on the strips it uncovered;
// - once the view rests, its exact render is drawn progressively in tiles, a bounded amount of work per
//   frame, shown tile by tile over the coarse frame, and then copied alone: pixel for pixel what
//   Scene::draw gives for that view.
// See render/README.md ("Map cache"). Requires a current OpenGL 3.3 core context for its whole life.
#include <cstdint>
#include <memory>
#include <optional>

#include "render/scene/scene.hpp"
#include "render/style/color.hpp"

namespace nbhd {

// A rectangle of framebuffer pixels, GL convention (origin bottom left).
struct MapRect {
  int x = 0, y = 0, w = 0, h = 0;
};

struct MapCacheOptions {
  int tile_px = 256;     // square tiles of the progressive exact render
  double budget_ms = 6;  // exact tiles per frame: until this is spent (at least one tile a frame)
  // Quick frames (while moving, and until the exact render is ready) draw the whole map at the finest
  // detail whose fill triangles stay within this budget: vertices snap to cells of 1, 2, 4 ... pixels.
  // llvmpipe on 2 cores rasterises ~3 million such triangles a second: 20,000 keep a quick frame near 7 ms.
  size_t quick_triangles = 20000;
  double max_motion_detail = 32;
};

// What the last draw() showed and did.
struct MapCacheFrame {
  bool exact = false;        // the displayed map is the exact render of this frame's view
  int tiles_drawn = 0;       // exact tiles rendered this frame
  bool full_render = false;  // the scene changed at rest, so the view was rendered whole this frame
  bool completed = false;    // a progressive render finished this frame and is now what is shown
  double detail = 1;         // the quick frame's cell size in pixels (1: the exact level of detail)
  bool shifted =
      false;  // a pan: the last exact image moved by whole pixels, quick map on the strips uncovered
};

class MapCache {
 public:
  explicit MapCache(MapCacheOptions opt = {});
  ~MapCache();
  MapCache(const MapCache&) = delete;
  MapCache& operator=(const MapCache&) = delete;

  // Draws the map for view `t` over `background` into the default framebuffer (vw x vh pixels), within
  // `visible` only (the whole framebuffer when absent): the caller covers the rest (the viewer's opaque
  // side panels), so pixels outside it are left undefined (background or as they were) and triangles
  // that cannot reach it are not drawn. The view moves when `t` differs from the previous call's. A change of
  // the scene (Scene::generation), of the size or of `visible` at rest renders the view whole at once, so a
  // restyle or a click never shows stale content. Inside `visible` the pixels are exactly those of a whole
  // render. Leaves framebuffer 0 bound, the viewport at the whole framebuffer, blending and scissor off.
  MapCacheFrame draw(const Scene& scene, const NdcTransform& t, int vw, int vh, Rgba background,
                     std::optional<MapRect> visible = std::nullopt);

  // More draw() calls are needed before the last view shows exactly.
  bool busy() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
