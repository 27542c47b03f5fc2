#include "render/scene/offscreen.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "render/scene/gl.hpp"

namespace nbhd {

struct OffscreenRenderer::Impl {
  OffscreenOptions opt;
  int limit = 0;  // largest tile side the driver allows
  int tw = 0, th = 0;
  gl::Framebuffer ms_fbo, resolve_fbo;
  gl::Renderbuffer ms_rb, resolve_rb;

  void ensure_target(int w, int h) {
    if (w == tw && h == th) return;
    tw = w;
    th = h;
    bool msaa = opt.samples > 1;
    resolve_rb = gl::make_renderbuffer();
    glBindRenderbuffer(GL_RENDERBUFFER, resolve_rb.get());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    resolve_fbo = gl::make_framebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, resolve_fbo.get());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolve_rb.get());
    if (msaa) {
      ms_rb = gl::make_renderbuffer();
      glBindRenderbuffer(GL_RENDERBUFFER, ms_rb.get());
      glRenderbufferStorageMultisample(GL_RENDERBUFFER, opt.samples, GL_RGBA8, w, h);
      ms_fbo = gl::make_framebuffer();
      glBindFramebuffer(GL_FRAMEBUFFER, ms_fbo.get());
      glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, ms_rb.get());
    }
    gl::check("allocating the offscreen image");
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
      throw Error("cannot render offscreen: the driver refused a " + std::to_string(w) + "x" +
                  std::to_string(h) + " framebuffer with " + std::to_string(opt.samples) + " samples");
  }
};

OffscreenRenderer::OffscreenRenderer(OffscreenOptions opt) : impl_(std::make_unique<Impl>()) {
  impl_->opt = opt;
  GLint rb = 0, vp[2] = {0, 0}, samples = 0;
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
  glGetIntegerv(GL_MAX_SAMPLES, &samples);
  impl_->limit = std::min({rb, vp[0], vp[1]});
  if (opt.max_tile > 0) impl_->limit = std::min(impl_->limit, opt.max_tile);
  if (impl_->opt.samples > samples) impl_->opt.samples = samples;
  if (impl_->limit < 64)
    throw Error("cannot render offscreen: the OpenGL driver's largest framebuffer is too small");
}

OffscreenRenderer::~OffscreenRenderer() = default;

int OffscreenRenderer::max_tile_size() const {
  return impl_->limit;
}

void OffscreenRenderer::render(const Scene& scene, const PixelTransform& t, int x, int y, int w, int h,
                               Rgba background, uint8_t* dst, size_t stride) {
  auto& m = *impl_;
  if (w <= 0 || h <= 0) return;
  // Tile shape: as wide as allowed (rows stay contiguous for readback), then as tall as the pixel budget.
  int tile_w = std::min(w, m.limit);
  int tile_h = int(std::clamp<long long>(m.opt.max_tile_pixels / tile_w, 1, m.limit));
  tile_h = std::min(tile_h, h);
  m.ensure_target(tile_w, tile_h);
  bool msaa = m.opt.samples > 1;
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glPixelStorei(GL_PACK_ROW_LENGTH, GLint(stride / 4));
  for (int ty = 0; ty < h; ty += tile_h) {
    int th = std::min(tile_h, h - ty);
    for (int tx = 0; tx < w; tx += tile_w) {
      int tw = std::min(tile_w, w - tx);
      glBindFramebuffer(GL_FRAMEBUFFER, msaa ? m.ms_fbo.get() : m.resolve_fbo.get());
      glViewport(0, 0, tw, th);
      glClearColor(background.r / 255.0f, background.g / 255.0f, background.b / 255.0f,
                   background.a / 255.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      scene.draw(tile_ndc(t, x + tx, y + ty, tw, th, true), tw, th);
      if (msaa) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, m.ms_fbo.get());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m.resolve_fbo.get());
        glBlitFramebuffer(0, 0, tw, th, 0, 0, tw, th, GL_COLOR_BUFFER_BIT, GL_NEAREST);
      }
      glBindFramebuffer(GL_READ_FRAMEBUFFER, m.resolve_fbo.get());
      // Row 0 of the tile is its top row (tile_ndc top_row_first), so rows land in image order.
      glReadPixels(0, 0, tw, th, GL_BGRA, GL_UNSIGNED_BYTE, dst + size_t(ty) * stride + size_t(tx) * 4);
      gl::check("reading back the rendered map");
    }
  }
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace nbhd
