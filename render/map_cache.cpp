#include "render/map_cache.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "geo/error.hpp"
#include "render/gl.hpp"

namespace nbhd {

namespace {

using Clock = std::chrono::steady_clock;

// Framebuffer pixels, GL convention (origin bottom left).
struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

bool same(const NdcTransform& a, const NdcTransform& b) {
  return a.ax == b.ax && a.bx == b.bx && a.ay == b.ay && a.by == b.by;
}

// A cached render: a texture the map is drawn into, for one view, whole or tile by tile.
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
    tex = gl::make_texture();
    glBindTexture(GL_TEXTURE_2D, tex.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_BGRA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    fbo = gl::make_framebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex.get(), 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
      throw Error("cannot create a " + std::to_string(w) + " x " + std::to_string(h) +
                  " map texture (framebuffer incomplete); try a smaller window");
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    gl::check("allocating the map cache");
    reset();
  }

  void reset() {
    todo.clear();
    done.clear();
    next = 0;
    complete = false;
  }

  // Starts a progressive render of `view`: tiles of `tile` pixels, ordered by `priority` (lower first).
  template <class Priority>
  void start(const NdcTransform& view, int tile, Priority priority) {
    reset();
    t = view;
    for (int y = 0; y < h; y += tile)
      for (int x = 0; x < w; x += tile)
        todo.push_back(Rect{x, y, std::min(tile, w - x), std::min(tile, h - y)});
    std::stable_sort(todo.begin(), todo.end(),
                     [&](const Rect& a, const Rect& b) { return priority(a) < priority(b); });
  }
};

// Renders the rectangle r of target X: exactly the pixels a whole render of X.t would give there.
void render_rect(const Scene& scene, Target& X, Rect r, Rgba bg) {
  glBindFramebuffer(GL_FRAMEBUFFER, X.fbo.get());
  glViewport(0, 0, X.w, X.h);
  glEnable(GL_SCISSOR_TEST);
  glScissor(r.x, r.y, r.w, r.h);
  glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  BBox clip{double(r.x), double(r.y), double(r.x + r.w), double(r.y + r.h)};
  scene.draw(X.t, X.w, X.h, &clip);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace

struct MapCache::Impl {
  MapCacheOptions opt;
  Target shown;    // the last complete exact render, of view shown.t
  Target pending;  // the exact render of the resting view, in progress
  uint64_t generation = 0;
  int vw = 0, vh = 0;
  NdcTransform last_view;
  bool have_last = false, last_exact = false;
  double tile_ms = 2;  // running estimate of one tile's cost, to stop before the budget is spent

  // Copies rectangle r of X (rendered for this very view and size) to the same place in framebuffer 0.
  void blit(const Target& X, Rect r) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, X.fbo.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(r.x, r.y, r.x + r.w, r.y + r.h, r.x, r.y, r.x + r.w, r.y + r.h, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
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

MapCacheFrame MapCache::draw(const Scene& scene, const NdcTransform& t, int vw, int vh, Rgba bg) {
  auto& m = *impl_;
  auto frame_start = Clock::now();
  MapCacheFrame f;
  vw = std::max(vw, 1), vh = std::max(vh, 1);
  bool moving = m.have_last && !same(m.last_view, t);
  m.last_view = t, m.have_last = true;
  // The finest detail whose fills fit the quick frame's triangle budget (1 = the exact level of detail).
  double detail = 1;
  while (detail < m.opt.max_motion_detail && scene.fill_triangles(t, vw, vh, detail) > m.opt.quick_triangles)
    detail *= 2;
  f.detail = detail;
  bool cheap = detail == 1;  // the exact render fits the quick budget: draw it directly, no cache needed

  if (scene.generation() != m.generation || vw != m.vw || vh != m.vh) {
    m.generation = scene.generation();
    m.vw = vw, m.vh = vh;
    m.shown.allocate(vw, vh);
    m.pending.allocate(vw, vh);
    m.shown.reset();
    m.pending.reset();
    if (!moving && !cheap) {
      // New content at rest (a restyle, a click): rendered whole now, so it never shows coarse or stale.
      m.shown.t = t;
      render_rect(scene, m.shown, Rect{0, 0, vw, vh}, bg);
      m.shown.complete = true;
      f.full_render = true;
    }
  }
  bool have_exact = m.shown.complete && same(m.shown.t, t);
  if (moving || cheap) {
    m.pending.reset();  // a render of a view already left would never be shown
  } else if (!have_exact) {
    if (!m.pending.active() || !same(m.pending.t, t)) {
      double cx = vw / 2.0, cy = vh / 2.0;
      m.pending.start(t, m.opt.tile_px,
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
  glDisable(GL_SCISSOR_TEST);
  if (have_exact && !cheap) {
    m.blit(m.shown, Rect{0, 0, vw, vh});
    f.exact = true;
  } else {
    // The quick frame: the whole map at once (never blank, nothing stale), exact when cheap, else at
    // coarser detail with the exact tiles finished so far on top.
    glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    scene.draw(t, vw, vh, nullptr, detail);
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
