#include "app/viewer/panel_cache.hpp"

#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

#include "base/error.hpp"

namespace nbhd::view {

namespace {

void append(std::vector<unsigned char>& k, const void* p, size_t n) {
  const auto* b = static_cast<const unsigned char*>(p);
  k.insert(k.end(), b, b + n);
}

// One past the last draw list of the window whose own list is dd->CmdLists[i]: ImGui puts a window's child
// windows' lists right after its own, named "<window>/<child>".
int run_end(const ImDrawData* dd, int i, const std::string& name) {
  std::string prefix = name + "/";
  int j = i + 1;
  while (j < dd->CmdListsCount && dd->CmdLists[j]->_OwnerName &&
         std::string_view(dd->CmdLists[j]->_OwnerName).starts_with(prefix))
    ++j;
  return j;
}

void draw_lists(ImDrawData* dd, int from, int to) {
  if (from >= to) return;
  ImDrawData part = *dd;
  part.CmdLists = dd->CmdLists + from;
  part.CmdListsCount = to - from;
  part.TotalVtxCount = part.TotalIdxCount = 0;
  for (int i = from; i < to; ++i) {
    part.TotalVtxCount += dd->CmdLists[i]->VtxBuffer.Size;
    part.TotalIdxCount += dd->CmdLists[i]->IdxBuffer.Size;
  }
  ImGui_ImplOpenGL3_RenderDrawData(&part);
}

// What lists [from, to) draw, clipped: a rectangle in display coordinates (empty when nothing), or nothing
// when part of it lies outside `b` or a command is a callback (whose drawing the key could not describe):
// such a window is drawn directly (a hovered resize edge, for one, is drawn across the window's border).
std::optional<Backdrop> drawn_box(const ImDrawData* dd, int from, int to, const Backdrop& b) {
  Backdrop box{b.x1, b.y1, b.x0, b.y0};
  for (int l = from; l < to; ++l) {
    const ImDrawList* L = dd->CmdLists[l];
    for (const ImDrawCmd& c : L->CmdBuffer) {
      if (c.UserCallback) return std::nullopt;
      float x0 = c.ClipRect.z, y0 = c.ClipRect.w, x1 = c.ClipRect.x, y1 = c.ClipRect.y;
      for (unsigned e = 0; e < c.ElemCount; ++e) {
        const ImVec2& p = L->VtxBuffer[int(c.VtxOffset + L->IdxBuffer[int(c.IdxOffset + e)])].pos;
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
      }
      x0 = std::max(x0, c.ClipRect.x), y0 = std::max(y0, c.ClipRect.y);
      x1 = std::min(x1, c.ClipRect.z), y1 = std::min(y1, c.ClipRect.w);
      if (x0 >= x1 || y0 >= y1) continue;
      if (x0 < b.x0 || y0 < b.y0 || x1 > b.x1 || y1 > b.y1) return std::nullopt;
      box = Backdrop{std::min(box.x0, x0), std::min(box.y0, y0), std::max(box.x1, x1), std::max(box.y1, y1)};
    }
  }
  if (box.x0 >= box.x1 || box.y0 >= box.y1) return Backdrop{};
  return box;
}

// Everything that sets the pixels of the window drawn by lists [from, to) in rectangle r.
std::vector<unsigned char> key_of(const ImDrawData* dd, int from, int to, const MapRect& r,
                                  const float colour[4]) {
  std::vector<unsigned char> k;
  append(k, &r, sizeof r);
  append(k, colour, 4 * sizeof(float));
  append(k, &dd->DisplayPos, sizeof dd->DisplayPos);
  append(k, &dd->DisplaySize, sizeof dd->DisplaySize);
  append(k, &dd->FramebufferScale, sizeof dd->FramebufferScale);
  for (int l = from; l < to; ++l) {
    const ImDrawList* L = dd->CmdLists[l];
    int n[3] = {L->VtxBuffer.Size, L->IdxBuffer.Size, L->CmdBuffer.Size};
    append(k, n, sizeof n);
    // ImDrawVert is three packed fields (pos, uv, col) and indices are integers: no padding bytes.
    append(k, L->VtxBuffer.Data, size_t(L->VtxBuffer.Size) * sizeof(ImDrawVert));
    append(k, L->IdxBuffer.Data, size_t(L->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : L->CmdBuffer) {  // field by field: the struct has padding
      append(k, &c.ClipRect, sizeof c.ClipRect);
      append(k, &c.TextureId, sizeof c.TextureId);
      unsigned u[3] = {c.VtxOffset, c.IdxOffset, c.ElemCount};
      append(k, u, sizeof u);
    }
  }
  return k;
}

bool overlap(const MapRect& a, const MapRect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

void clear_rect(const MapRect& r, const float colour[4]) {
  if (r.w <= 0 || r.h <= 0) return;
  glEnable(GL_SCISSOR_TEST);
  glScissor(r.x, r.y, r.w, r.h);
  glClearColor(colour[0], colour[1], colour[2], 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
}

// Clears `r` except `c` (a rectangle inside it): the bands below and above `c`, then beside it.
void clear_around(const MapRect& r, const MapRect& c, const float colour[4]) {
  if (c.w <= 0 || c.h <= 0) return clear_rect(r, colour);
  clear_rect(MapRect{r.x, r.y, r.w, c.y - r.y}, colour);
  clear_rect(MapRect{r.x, c.y + c.h, r.w, r.y + r.h - c.y - c.h}, colour);
  clear_rect(MapRect{r.x, c.y, c.x - r.x, c.h}, colour);
  clear_rect(MapRect{c.x + c.w, c.y, r.x + r.w - c.x - c.w, c.h}, colour);
}

}  // namespace

void PanelCache::allocate(int w, int h) {
  if (w == w_ && h == h_ && tex_) return;
  w_ = w, h_ = h;
  entries_.clear();
  auto target = gl::make_texture_target(w, h, GL_RGB8, "panel");
  tex_ = std::move(target.tex);
  fbo_ = std::move(target.fbo);
  gl::check("allocating the panel cache");
}

void PanelCache::render(ImDrawData* dd, const std::vector<OpaqueWindow>& windows, const float colour[4],
                        bool on) {
  const float sx = dd->FramebufferScale.x > 0 ? dd->FramebufferScale.x : 1;
  const int fw = int(dd->DisplaySize.x * sx), fh = int(dd->DisplaySize.y * dd->FramebufferScale.y);
  if (fw <= 0 || fh <= 0) return;
  std::vector<MapRect> rects;
  for (const OpaqueWindow& w : windows) rects.push_back(framebuffer_rect(w.rect, dd->DisplaySize.y, sx));
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (on) allocate(fw, fh);
  int direct_from = 0;  // lists not yet drawn that go straight to the window
  for (int i = 0; i < dd->CmdListsCount;) {
    const char* owner = dd->CmdLists[i]->_OwnerName;
    size_t w = 0;
    while (w < windows.size() && !(owner && windows[w].name == owner)) ++w;
    if (w == windows.size()) {
      ++i;
      continue;
    }
    draw_lists(dd, direct_from, i);
    const int end = run_end(dd, i, windows[w].name);
    const MapRect& r = rects[w];
    bool alone = true;  // another cached window over this one would overwrite its pixels in the texture
    for (size_t o = 0; o < rects.size(); ++o) alone = alone && (o == w || !overlap(r, rects[o]));
    const std::optional<Backdrop> box = drawn_box(dd, i, end, windows[w].rect);
    if (!on || !alone || r.w <= 0 || r.h <= 0 || !box) {
      clear_rect(r, colour);
      draw_lists(dd, i, end);
      ++drawn_;
      i = direct_from = end;
      continue;
    }
    // Only what the lists draw is copied; the rest of the panel is its background, cleared (on llvmpipe a
    // clear costs less than a copy, and a panel's lower part is often empty).
    MapRect c = box->x1 > box->x0 ? framebuffer_rect(*box, dd->DisplaySize.y, sx) : MapRect{};
    int cx0 = std::max(c.x, r.x), cy0 = std::max(c.y, r.y), cx1 = std::min(c.x + c.w, r.x + r.w),
        cy1 = std::min(c.y + c.h, r.y + r.h);
    c = cx1 > cx0 && cy1 > cy0 ? MapRect{cx0, cy0, cx1 - cx0, cy1 - cy0} : MapRect{};
    std::vector<unsigned char> key = key_of(dd, i, end, r, colour);
    auto e = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& x) { return x.name == owner; });
    const bool same = e != entries_.end() && e->key == key;
    if (same) {
      ++reused_;
      clear_around(r, c, colour);
    } else {
      // Drawn in the window as without the cache, then kept: the texture holds a copy of those very pixels
      // (drawing into the texture instead gave a few pixels on triangle edges that differed by one level).
      clear_rect(r, colour);
      draw_lists(dd, i, end);
      ++drawn_;
      std::erase_if(entries_, [&](const Entry& x) { return x.name == owner || overlap(x.rect, r); });
      entries_.push_back(Entry{owner, r, std::move(key)});
    }
    if (c.w > 0) {
      glBindFramebuffer(GL_READ_FRAMEBUFFER, same ? fbo_.get() : 0);
      glBindFramebuffer(GL_DRAW_FRAMEBUFFER, same ? 0 : fbo_.get());
      glBlitFramebuffer(c.x, c.y, c.x + c.w, c.y + c.h, c.x, c.y, c.x + c.w, c.y + c.h, GL_COLOR_BUFFER_BIT,
                        GL_NEAREST);
      glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }
    i = direct_from = end;
  }
  draw_lists(dd, direct_from, dd->CmdListsCount);
}

}  // namespace nbhd::view
