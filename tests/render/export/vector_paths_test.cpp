// draw_map_vectors' two ways of making paths (one per area; one per fill colour, which an atlas PDF uses)
// must draw the same map: each area in its colour with its border, holes empty, an island in a hole and the
// overlap of two areas of one colour filled. Both are rasterised by Cairo into an image and compared.
#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdlib>
#include <utility>

#include "render/document/cairo_handle.hpp"
#include "render/document/layout.hpp"

namespace nbhd {
namespace {

Ring square(double x0, double y0, double s) {  // counter-clockwise, as ingest orients exteriors
  return Ring{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}};
}

struct Map {
  std::vector<MultiPolygon> geoms;
  MapDocument doc;
  Rgba background{255, 255, 255, 255};
  std::vector<Rgba> palette = {{215, 48, 39, 255}, {145, 191, 219, 255}, {69, 117, 180, 255}};

  Map() {
    const double S = 1000;
    // A 5 x 4 grid of squares, three colours in a pattern that puts equal colours side by side.
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 5; ++c) {
        geoms.push_back({Polygon{{square(c * S, r * S, S)}}});
        doc.fills.push_back(palette[size_t((r + c / 2) % 3)]);
      }
    // Area 7 gets a clockwise hole, and an island of its own colour lies in that hole.
    Ring hole{{2200, 1200}, {2200, 1800}, {2800, 1800}, {2800, 1200}, {2200, 1200}};
    geoms[7][0].rings.push_back(hole);
    geoms.push_back({Polygon{{square(2400, 1400, 200)}}});
    doc.fills.push_back(doc.fills[7]);
    // Two areas of one colour east of the grid overlap by 200 m: even-odd would leave the overlap empty.
    geoms.push_back({Polygon{{square(5500, 500, 1000)}}});
    geoms.push_back({Polygon{{square(6300, 500, 1000)}}});
    doc.fills.push_back(palette[0]);
    doc.fills.push_back(palette[0]);
    doc.areas = &geoms;
    doc.border_width_pt = 2;  // wide enough that the middle of a border is a whole white pixel
    doc.background = background;
    for (const auto& g : geoms) doc.extent.expand(bbox_of(g));
    doc.legend.push_back({"one", palette[0], 1});
  }
};

struct Image {
  CairoSurfacePtr surf;
  int w = 0, h = 0;
  Rgba at(int x, int y) const {
    const uint8_t* p = cairo_image_surface_get_data(surf.get()) +
                       size_t(y) * size_t(cairo_image_surface_get_stride(surf.get())) + size_t(x) * 4;
    return Rgba{p[2], p[1], p[0], p[3]};  // ARGB32, little-endian
  }
};

Image draw(const Map& m, const PageSpec& page, const MapLayout& L, AreaPaths paths) {
  Image im{CairoSurfacePtr(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, page.width_px, page.height_px)),
           page.width_px, page.height_px};
  CairoPtr cr(cairo_create(im.surf.get()));
  cairo_scale(cr.get(), page.px_per_pt, page.px_per_pt);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  draw_map_vectors(cr.get(), m.doc, L, {}, paths);
  cr.reset();
  cairo_surface_flush(im.surf.get());
  return im;
}

TEST(VectorPaths, OnePathPerColourDrawsWhatOnePathPerAreaDraws) {
  Map m;
  PageSpec page = page_from_pixels(1400, 700);
  MapLayout L = compute_layout(m.doc, page);
  Image per_area = draw(m, page, L, AreaPaths::PerArea);
  Image per_colour = draw(m, page, L, AreaPaths::PerColour);
  auto pixel_of = [&](Point p) {
    return std::pair<int, int>{int(L.world_to_pt.px(p.x) * page.px_per_pt),
                               int(L.world_to_pt.py(p.y) * page.px_per_pt)};
  };
  auto colour_at = [&](const Image& im, Point p) {
    auto [x, y] = pixel_of(p);
    return im.at(x, y);
  };
  for (const Image* im : {&per_area, &per_colour}) {
    const char* name = im == &per_area ? "per area" : "per colour";
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 5; ++c)
        EXPECT_EQ(colour_at(*im, {c * 1000 + 100.0, r * 1000 + 100.0}), m.doc.fills[size_t(r * 5 + c)])
            << name << ": area " << r * 5 + c;
    EXPECT_EQ(colour_at(*im, {2300, 1300}), m.background) << name << ": the hole is empty";
    EXPECT_EQ(colour_at(*im, {2500, 1500}), m.doc.fills[7]) << name << ": the island in the hole is filled";
    EXPECT_EQ(colour_at(*im, {6400, 1000}), m.palette[0]) << name << ": the overlap of two areas is filled";
    // The white border between two areas of different colours (areas 0 and 1 at x = 1000).
    EXPECT_EQ(colour_at(*im, {1000, 500}), (Rgba{255, 255, 255, 255})) << name << ": border";
  }
  // Everywhere else the two differ at most by the anti-aliasing of borders drawn in another order.
  long differ = 0;
  for (int y = 0; y < per_area.h; ++y)
    for (int x = 0; x < per_area.w; ++x) {
      Rgba a = per_area.at(x, y), b = per_colour.at(x, y);
      differ += std::abs(a.r - b.r) > 8 || std::abs(a.g - b.g) > 8 || std::abs(a.b - b.b) > 8;
    }
  EXPECT_LT(double(differ) / (per_area.w * per_area.h), 0.01) << differ << " pixels differ";
}

// A boundary layer's ring that reaches far outside the frame is written without its outside runs: what the
// frame shows is what stroking the whole ring shows (drawn here with Cairo directly, the same transform).
TEST(VectorPaths, BoundaryRingsCutAtTheFrameLookWhole) {
  Map m;
  // One ring crossing the frame's left, top and right edges, reaching 50 km out (its corners far outside),
  // with a zigzag inside; and one ring wholly inside.
  std::vector<MultiPolygon> outline = {{Polygon{{Ring{{-50000, 800},
                                                      {1500, 900},
                                                      {2500, 2600},
                                                      {3500, 900},
                                                      {60000, 800},
                                                      {60000, 60000},
                                                      {-50000, 60000},
                                                      {-50000, 800}}}}},
                                       {Polygon{{square(3200, 3200, 500)}}}};
  m.doc.areas = nullptr;
  m.doc.outlines.push_back(OutlineLayer{"", &outline, Rgba{30, 30, 30, 255}, 1.5});
  PageSpec page = page_from_pixels(1400, 700);
  MapLayout L = compute_layout(m.doc, page);
  Image cut = draw(m, page, L, AreaPaths::PerArea);

  Image whole{CairoSurfacePtr(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, page.width_px, page.height_px)),
              page.width_px, page.height_px};
  {
    CairoPtr cr(cairo_create(whole.surf.get()));
    cairo_scale(cr.get(), page.px_per_pt, page.px_per_pt);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_rectangle(cr.get(), L.frame.x, L.frame.y, L.frame.w, L.frame.h);
    cairo_clip(cr.get());
    cairo_set_line_join(cr.get(), CAIRO_LINE_JOIN_ROUND);
    for (const auto& mp : outline)
      for (const auto& ring : mp[0].rings) {
        cairo_move_to(cr.get(), L.world_to_pt.px(ring[0].x), L.world_to_pt.py(ring[0].y));
        for (size_t i = 1; i + 1 < ring.size(); ++i)
          cairo_line_to(cr.get(), L.world_to_pt.px(ring[i].x), L.world_to_pt.py(ring[i].y));
        cairo_close_path(cr.get());
      }
    cairo_set_source_rgb(cr.get(), 30 / 255.0, 30 / 255.0, 30 / 255.0);
    cairo_set_line_width(cr.get(), 1.5);
    cairo_stroke(cr.get());
  }
  cairo_surface_flush(whole.surf.get());
  long dark = 0, differ = 0;
  for (int y = 0; y < cut.h; ++y)
    for (int x = 0; x < cut.w; ++x) {
      Rgba a = cut.at(x, y), b = whole.at(x, y);
      dark += b.r < 128;
      differ += std::abs(a.r - b.r) > 2 || std::abs(a.g - b.g) > 2 || std::abs(a.b - b.b) > 2;
    }
  EXPECT_GT(dark, 1000) << "the outlines show in the frame";
  EXPECT_EQ(differ, 0);
}

}  // namespace
}  // namespace nbhd
