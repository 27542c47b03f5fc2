#pragma once
// Offscreen rasterisation of a Scene into client memory: a 4x multisampled FBO, resolved and read back
// tile by tile, so images larger than GL_MAX_RENDERBUFFER_SIZE (or than memory allows at once) work.
#include <cstdint>
#include <memory>

#include "render/scene/scene.hpp"
#include "render/style/color.hpp"

namespace nbhd {

struct OffscreenOptions {
  int samples = 4;                       // MSAA samples (llvmpipe offers at most 4); 0 or 1 = none
  int max_tile = 0;                      // 0 = the GL limit; tests force small tiles to exercise tiling
  long long max_tile_pixels = 16 << 20;  // bounds GL memory: 16 Mpx * 4 samples * 4 B = 256 MiB
};

class OffscreenRenderer {
 public:
  // Needs a current GL context (EglContext).
  explicit OffscreenRenderer(OffscreenOptions opt = {});
  ~OffscreenRenderer();
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

  // Draws the image-pixel rectangle (x, y, w, h) of the map with world->pixel transform `t` over
  // `background`, writing pixels as Cairo ARGB32 (B, G, R, A bytes, premultiplied) to dst, whose row 0 is
  // image row y, `stride` bytes apart. Tiles internally.
  void render(const Scene& scene, const PixelTransform& t, int x, int y, int w, int h, Rgba background,
              uint8_t* dst, size_t stride);

  int max_tile_size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
