#pragma once
// The side panels' pixels, kept between frames. On llvmpipe ImGui's rendering of the two side panels costs
// 3-5 ms a frame (blended, textured glyph and widget quads), yet while the map moves the panels' draw lists
// are the same in almost every frame (bench/bench_gaps_frames.sh: the Map and Explore panels changed in 5
// of 300 frames while D moved; the status bar in every one). So an opaque panel (a backdrop) is drawn as
// before only when its draw lists differ from those last drawn, and its pixels are then copied into a
// texture; in other frames that copy is put back instead: one copy of what the panel's lists cover, and a
// clear of the rest of its rectangle, in place of the widgets.
#include <imgui.h>

#include <string>
#include <vector>

#include "app/viewer/backdrop.hpp"
#include "render/scene/gl.hpp"

namespace nbhd::view {

// An opaque window: its rectangle and its name (ImGui's draw lists of it and of its child windows, whose
// names begin with "<name>/", come in a run in the draw data).
struct OpaqueWindow {
  Backdrop rect;
  std::string name;
};

class PanelCache {
 public:
  // Renders `dd` into framebuffer 0 as ImGui's OpenGL backend would, with the rectangles of `windows`
  // cleared to `colour` (RGBA 0..1, opaque) beneath their lists; a window whose draw lists are those last
  // drawn comes from the cache. The caller does not paint these rectangles (they are painted here, just
  // before the window, so what earlier lists drew there is covered, as the opaque panel covers it). `on`
  // false: every window is drawn (the reference).
  void render(ImDrawData* dd, const std::vector<OpaqueWindow>& windows, const float colour[4],
              bool on = true);

  // Windows copied from the cache and windows drawn, since the start.
  long reused() const { return reused_; }
  long drawn() const { return drawn_; }

 private:
  struct Entry {
    std::string name;
    MapRect rect;                    // where its pixels are in the texture
    std::vector<unsigned char> key;  // everything that sets them
  };
  gl::Texture tex_;
  gl::Framebuffer fbo_;
  int w_ = 0, h_ = 0;
  std::vector<Entry> entries_;
  long reused_ = 0, drawn_ = 0;

  void allocate(int w, int h);
};

}  // namespace nbhd::view
