#include "render/scene/map_cache.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <vector>

#include "base/error.hpp"
#include "render/scene/gl.hpp"

namespace nbhd {

namespace {

using Clock = std::chrono::steady_clock;

using Rect = MapRect;

Rect intersect(const Rect& a, const Rect& b) {
  int x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
  int x1 = std::min(a.x + a.w, b.x + b.w), y1 = std::min(a.y + a.h, b.y + b.h);
  return x1 > x0 && y1 > y0 ? Rect{x0, y0, x1 - x0, y1 - y0} : Rect{};
}

bool same_rect(const Rect& a, const Rect& b) {
  return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

BBox clip_of(const Rect& r) {
  return BBox{double(r.x), double(r.y), double(r.x + r.w), double(r.y + r.h)};
}

bool same(const NdcTransform& a, const NdcTransform& b) {
  return a.ax == b.ax && a.bx == b.bx && a.ay == b.ay && a.by == b.by;
}

// A cached render: a texture the map is drawn into, for one view, whole or tile by tile. It holds the
// image upside down (rows mirrored, drawn with the transform mirrored, blitted back flipped) because Mesa
// keeps window framebuffers top-down and rasterises them through a mirrored viewport: a pixel whose centre
// lies exactly on a triangle's edge then goes to the same triangle as in the window, so the cached pixels
// equal a direct draw's (the viewer map cache test found one such pixel that differed the other way up).
struct Target {
  gl::Texture tex;
  gl::Framebuffer fbo;
  int w = 0, h = 0;
  NdcTransform t;
  std::vector<Rect> todo;  // tiles still to draw, in order from todo[next]
  size_t next = 0;
  std::vector<Rect> done;  // tiles drawn for `t`
  bool complete = false;   // every pixel is the exact render of `t`

  bool active() const { return next < todo.size(); }

  void allocate(int width, int height) {
    if (w == width && h == height && tex) return;
    w = width, h = height;
    auto target = gl::make_texture_target(w, h, GL_RGBA8, "map");
    tex = std::move(target.tex);
    fbo = std::move(target.fbo);
    gl::check("allocating the map cache");
    reset();
  }

  void reset() {
    todo.clear();
    done.clear();
    next = 0;
    complete = false;
  }

  // Starts a progressive render of `view` within `area`: tiles of `tile` pixels (a grid from the origin,
  // cut to `area`), ordered by `priority` (lower first).
  template <class Priority>
  void start(const NdcTransform& view, Rect area, int tile, Priority priority) {
    reset();
    t = view;
    for (int y = area.y / tile * tile; y < area.y + area.h; y += tile)
      for (int x = area.x / tile * tile; x < area.x + area.w; x += tile)
        if (Rect r = intersect(Rect{x, y, tile, tile}, area); r.w > 0) todo.push_back(r);
    std::stable_sort(todo.begin(), todo.end(),
                     [&](const Rect& a, const Rect& b) { return priority(a) < priority(b); });
  }
};

// Renders the rectangle r of target X: exactly the pixels a whole render of X.t would give there.
void render_rect(const Scene& scene, Target& X, Rect r, Rgba bg) {
  // Stored upside down (see Target): rows flipped, transform mirrored.
  Rect f{r.x, X.h - r.y - r.h, r.w, r.h};
  NdcTransform t = X.t;
  t.ay = -t.ay, t.by = -t.by;
  glBindFramebuffer(GL_FRAMEBUFFER, X.fbo.get());
  glViewport(0, 0, X.w, X.h);
  glEnable(GL_SCISSOR_TEST);
  glScissor(f.x, f.y, f.w, f.h);
  glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  BBox clip = clip_of(f);
  scene.draw(t, X.w, X.h, &clip);
  glDisable(GL_SCISSOR_TEST);
}

// The whole-pixel move (sx right, sy up) that takes X's exact image to view `t`, when `t` is X's view
// panned: the same scale, and offsets within a thousandth of a pixel of whole ones (a mouse drag).
bool pan_shift(const Target& X, const NdcTransform& t, int vw, int vh, int* sx, int* sy) {
  if (!X.complete || X.t.ax != t.ax || X.t.ay != t.ay) return false;
  double dx = (t.bx - X.t.bx) * vw / 2, dy = (t.by - X.t.by) * vh / 2;
  double rx = std::round(dx), ry = std::round(dy);
  if (std::abs(dx - rx) > 1e-3 || std::abs(dy - ry) > 1e-3 || std::abs(rx) > vw || std::abs(ry) > vh)
    return false;
  *sx = int(rx), *sy = int(ry);
  return true;
}

// `area` minus `kept` (a rectangle inside it): bands above and below `kept`, then beside it.
std::vector<Rect> uncovered(const Rect& area, const Rect& kept) {
  std::vector<Rect> out;
  int ax1 = area.x + area.w, ay1 = area.y + area.h, kx1 = kept.x + kept.w, ky1 = kept.y + kept.h;
  if (kept.y > area.y) out.push_back(Rect{area.x, area.y, area.w, kept.y - area.y});
  if (ky1 < ay1) out.push_back(Rect{area.x, ky1, area.w, ay1 - ky1});
  if (kept.x > area.x) out.push_back(Rect{area.x, kept.y, kept.x - area.x, kept.h});
  if (kx1 < ax1) out.push_back(Rect{kx1, kept.y, ax1 - kx1, kept.h});
  return out;
}

}  // namespace

struct MapCache::Impl {
  MapCacheOptions opt;
  Target shown;    // the last complete exact render, of view shown.t
  Target pending;  // the exact render of the resting view, in progress
  uint64_t generation = 0;
  int vw = 0, vh = 0;
  Rect area;  // the part of the framebuffer the map shows in (the rest is covered by the caller's panels)
  NdcTransform last_view;
  bool have_last = false, last_exact = false;
  double tile_ms = 2;  // running estimate of one tile's cost, to stop before the budget is spent

  // Copies rectangle r of X (rendered for this very view and size) to the same place in framebuffer 0.
  void blit(const Target& X, Rect r) const { blit(X, r, r); }

  // Copies rectangle `src` of X's image (framebuffer coordinates of its view) to rectangle `dst` (the same
  // size) of framebuffer 0. X is stored upside down, so its rows are read mirrored.
  void blit(const Target& X, Rect src, Rect dst) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, X.fbo.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(src.x, X.h - src.y, src.x + src.w, X.h - src.y - src.h, dst.x, dst.y, dst.x + dst.w,
                      dst.y + dst.h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
  }

  // The finest detail whose fills within `rects` fit the quick budget.
  double quick_detail(const Scene& scene, const NdcTransform& t, int vw, int vh,
                      const std::vector<Rect>& rects) const {
    auto count = [&](double detail) {
      size_t n = 0;
      for (const Rect& r : rects) {
        BBox c = clip_of(r);
        n += scene.fill_triangles(t, vw, vh, detail, &c);
      }
      return n;
    };
    double detail = 1;
    while (detail < opt.max_motion_detail && count(detail) > opt.quick_triangles) detail *= 2;
    return detail;
  }

  // Draws tiles of X until the frame's budget is spent (always one); returns the tiles drawn.
  int step(const Scene& scene, Target& X, Rgba bg, Clock::time_point frame_start) {
    int n = 0;
    while (X.active()) {
      double spent = std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count();
      if (n > 0 && spent + tile_ms > opt.budget_ms) break;
      auto t0 = Clock::now();
      Rect r = X.todo[X.next++];
      render_rect(scene, X, r, bg);
      // Waiting here is what makes the budget real: llvmpipe (and GPUs) rasterise asynchronously.
      glFinish();
      tile_ms = 0.7 * tile_ms + 0.3 * std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      X.done.push_back(r);
      ++n;
    }
    if (!X.active() && !X.todo.empty()) X.complete = true;
    return n;
  }
};

MapCache::MapCache(MapCacheOptions opt) : impl_(std::make_unique<Impl>()) {
  impl_->opt = opt;
  impl_->opt.tile_px = std::max(16, opt.tile_px);
  impl_->opt.max_motion_detail = std::max(1.0, opt.max_motion_detail);
}

MapCache::~MapCache() = default;

bool MapCache::busy() const {
  return impl_->have_last && !impl_->last_exact;
}

MapCacheFrame MapCache::draw(const Scene& scene, const NdcTransform& t, int vw, int vh, Rgba bg,
                             std::optional<MapRect> visible) {
  auto& m = *impl_;
  auto frame_start = Clock::now();
  MapCacheFrame f;
  vw = std::max(vw, 1), vh = std::max(vh, 1);
  Rect area = intersect(visible.value_or(Rect{0, 0, vw, vh}), Rect{0, 0, vw, vh});
  bool moving = m.have_last && !same(m.last_view, t);
  m.last_view = t, m.have_last = true;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, vw, vh);
  glDisable(GL_SCISSOR_TEST);
  if (area.w == 0) {
    // Panels cover the whole window: nothing of the map shows.
    m.last_exact = f.exact = true;
    return f;
  }
  BBox clip = clip_of(area);
  // The finest detail whose fills fit the quick frame's triangle budget (1 = the exact level of detail).
  // Only what reaches the visible area counts: triangles under the panels are culled, not drawn.
  double detail = m.quick_detail(scene, t, vw, vh, {area});
  f.detail = detail;
  bool cheap = detail == 1;  // the exact render fits the quick budget: draw it directly, no cache needed

  if (scene.generation() != m.generation || vw != m.vw || vh != m.vh || !same_rect(area, m.area)) {
    m.generation = scene.generation();
    m.vw = vw, m.vh = vh;
    m.area = area;
    m.shown.allocate(vw, vh);
    m.pending.allocate(vw, vh);
    m.shown.reset();
    m.pending.reset();
    if (!moving && !cheap) {
      // New content at rest (a restyle, a click, a panel opened or closed): rendered whole now, so it
      // never shows coarse or stale.
      m.shown.t = t;
      render_rect(scene, m.shown, area, bg);
      m.shown.complete = true;
      f.full_render = true;
    }
  }
  bool have_exact = m.shown.complete && same(m.shown.t, t);
  if (moving || cheap) {
    m.pending.reset();  // a render of a view already left would never be shown
  } else if (!have_exact) {
    if (!m.pending.active() || !same(m.pending.t, t)) {
      double cx = area.x + area.w / 2.0, cy = area.y + area.h / 2.0;
      m.pending.start(t, area, m.opt.tile_px,
                      [&](const Rect& r) { return std::hypot(r.x + r.w / 2.0 - cx, r.y + r.h / 2.0 - cy); });
    }
    f.tiles_drawn = m.step(scene, m.pending, bg, frame_start);
    if (m.pending.complete) {
      std::swap(m.shown, m.pending);
      m.pending.reset();
      f.completed = true;
      have_exact = true;
    }
  }

  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, vw, vh);
  if (have_exact && !cheap) {
    m.blit(m.shown, area);
    f.exact = true;
  } else {
    // The quick frame: the whole visible map at once (never blank, nothing stale), exact when cheap, else
    // at coarser detail with the exact tiles finished so far on top.
    // The whole framebuffer is cleared: on llvmpipe an unscissored clear is a fast fill (~1 ms at 1080p)
    // while a scissored one is drawn as a quad (~2.5 ms for the map between the viewer's panels).
    glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_SCISSOR_TEST);
    Rect kept;
    int sx = 0, sy = 0;
    if (!cheap && pan_shift(m.shown, t, vw, vh, &sx, &sy))
      kept = intersect(area, Rect{area.x + sx, area.y + sy, area.w, area.h});
    if (kept.w > 0) {
      // A pan (the same scale, moved by whole pixels): the last exact image, moved, where it still shows
      // (sharp while dragging, for the cost of one copy), and quick map only on the strips it uncovered.
      glDisable(GL_SCISSOR_TEST);
      m.blit(m.shown, Rect{kept.x - sx, kept.y - sy, kept.w, kept.h}, kept);
      glEnable(GL_SCISSOR_TEST);
      std::vector<Rect> strips = uncovered(area, kept);
      f.detail = m.quick_detail(scene, t, vw, vh, strips);
      f.shifted = true;
      for (const Rect& r : strips) {
        BBox c = clip_of(r);
        glScissor(r.x, r.y, r.w, r.h);
        scene.draw(t, vw, vh, &c, f.detail);
      }
    } else {
      glScissor(area.x, area.y, area.w, area.h);
      scene.draw(t, vw, vh, &clip, detail);
    }
    glDisable(GL_SCISSOR_TEST);
    f.exact = cheap;
    if (!cheap && same(m.pending.t, t))
      for (const Rect& r : m.pending.done) m.blit(m.pending, r);
  }
  m.last_exact = f.exact;
  glDisable(GL_BLEND);
  glBindVertexArray(0);
  gl::check("drawing the cached map");
  return f;
}

}  // namespace nbhd
