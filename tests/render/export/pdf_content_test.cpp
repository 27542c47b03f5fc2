// PdfContentSink (map bodies written as PDF operators) and pdf_pages (parts joined, content put under a
// page): the operators themselves, and a page whose map body is our stream, rasterised by poppler
// (pdftoppm), against the same map drawn by Cairo into an image.
#include <gtest/gtest.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "base/error.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/document/fonts.hpp"
#include "render/document/layout.hpp"
#include "render/export/pdf_content.hpp"
#include "render/export/pdf_pages.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

TEST(PdfContent, WritesOperatorsAndStateOnlyWhenItChanges) {
  PdfContentSink s(100);
  s.save();
  s.clip_rect(10, 20, 30.5, 40.25);
  s.move_to(12.5, -3.25);
  s.line_to(0.999, 100);
  s.line_to(-0.004, 7.126);
  s.close_path();
  const StrokeStyle border{Rgba{255, 255, 255, 255}, 0.2, LineJoin::Bevel};
  s.fill(Rgba{253, 219, 199, 255}, FillRule::NonZero, &border);
  s.move_to(1, 1);
  s.line_to(2, 2);
  s.close_path();
  s.fill(Rgba{253, 219, 199, 255}, FillRule::EvenOdd, &border);  // same colours, width, join: none written
  s.move_to(1, 1);
  s.line_to(2, 2);
  s.stroke(StrokeStyle{Rgba{30, 30, 30, 255}, 0.8, LineJoin::Round});
  s.restore();
  s.fill_rect(0, 0, 5, 5, Rgba{0, 0, 0, 255});
  EXPECT_EQ(s.finish(),
            "q\n1 0 0 -1 0 100 cm\n"
            "q\n10 20 30.5 40.25 re W n\n"
            "12.5 -3.25 m\n1 100 l\n0 7.13 l\nh\n"
            "0.9922 0.8588 0.7804 rg\n1 1 1 RG\n0.2 w\n2 j\nB\n"
            "1 1 m\n2 2 l\nh\nB*\n"
            "1 1 m\n2 2 l\n0.1176 0.1176 0.1176 RG\n0.8 w\n1 j\nS\n"
            "Q\n"
            // after Q the state is as before the q: the fill colour is written again
            "0 0 0 rg\n0 0 5 5 re f\n"
            "Q\n");
}

TEST(PdfContent, UnbalancedSaveAndRestoreAreErrors) {
  PdfContentSink a(100);
  EXPECT_EQ(test::message_of([&] { a.restore(); }), "PDF content: restore without a save");
  PdfContentSink b(100);
  b.save();
  EXPECT_EQ(test::message_of([&] { b.finish(); }), "PDF content: a save without its restore");
}

Ring square(double x0, double y0, double s) {  // counter-clockwise, as ingest orients exteriors
  return Ring{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}};
}

TEST(PdfContent, PageWithTheStreamUnderItLooksLikeCairosDrawing) {
  // A grid of areas in three colours with white borders, one with a hole, and a boundary ring crossing
  // the frame, on an A4-sized page at 72 dpi (1 px = 1 pt).
  std::vector<MultiPolygon> geoms;
  MapDocument doc;
  const std::vector<Rgba> palette = {{215, 48, 39, 255}, {145, 191, 219, 255}, {69, 117, 180, 255}};
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 5; ++c) {
      geoms.push_back({Polygon{{square(c * 1000, r * 1000, 1000)}}});
      doc.fills.push_back(palette[size_t((r + c / 2) % 3)]);
    }
  geoms[7][0].rings.push_back(Ring{{2200, 1200}, {2200, 1800}, {2800, 1800}, {2800, 1200}, {2200, 1200}});
  std::vector<MultiPolygon> outline = {
      {Polygon{{Ring{{-5000, 800}, {2500, 2600}, {9000, 800}, {9000, 9000}, {-5000, 9000}, {-5000, 800}}}}}};
  doc.areas = &geoms;
  doc.border_width_pt = 2;
  doc.outlines.push_back(OutlineLayer{"", &outline, Rgba{30, 30, 30, 255}, 1.5});
  for (const auto& g : geoms) doc.extent.expand(bbox_of(g));
  doc.legend.push_back({"one", palette[0], 1});
  PageSpec page = page_from_paper("A4", 72, true);
  MapLayout L = compute_layout(doc, page);

  // Cairo's drawing, in an image.
  CairoSurfacePtr img(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, page.width_px, page.height_px));
  {
    CairoPtr cr(cairo_create(img.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    draw_map_vectors(cr.get(), doc, L, {}, AreaPaths::PerColour);
  }
  cairo_surface_flush(img.get());
  auto cairo_at = [&](int x, int y) {
    const uint8_t* p = cairo_image_surface_get_data(img.get()) +
                       size_t(y) * size_t(cairo_image_surface_get_stride(img.get())) + size_t(x) * 4;
    return Rgba{p[2], p[1], p[0], 255};
  };

  // Our stream under an empty Cairo page, read back by poppler.
  auto dir = test::scratch_dir();
  fs::path pdf = dir / "page.pdf";
  {
    CairoSurfacePtr surf(cairo_pdf_surface_create(pdf.c_str(), page.width_pt, page.height_pt));
    CairoPtr cr(cairo_create(surf.get()));
    cairo_show_page(cr.get());
    cr.reset();
    cairo_surface_finish(surf.get());
  }
  PdfContentSink body(page.height_pt);
  body.fill_rect(0, 0, page.width_pt, page.height_pt, Rgba{255, 255, 255, 255});
  draw_map_vectors(body, doc, L, {}, AreaPaths::PerColour);
  underlay_pdf_pages(pdf, {deflate_stream(body.finish(), 6)});
  ASSERT_EQ(
      std::system(("pdftoppm -png -r 72 -singlefile '" + pdf.string() + "' '" + (dir / "page").string() + "'")
                      .c_str()),
      0);
  test::Pixels ours = test::read_png(dir / "page.png");
  // Poppler rounds the page's 841.89 x 595.28 pt up to whole pixels.
  ASSERT_NEAR(ours.w, page.width_px, 1);
  ASSERT_NEAR(ours.h, page.height_px, 1);
  const int w = std::min(ours.w, page.width_px), h = std::min(ours.h, page.height_px);

  auto px = [&](Point p) {
    return std::pair<int, int>{int(L.world_to_pt.px(p.x)), int(L.world_to_pt.py(p.y))};
  };
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 5; ++c) {
      const int k = r * 5 + c;  // the centre, or beside area 7's hole
      auto [x, y] = px({c * 1000 + (k == 7 ? 150.0 : 500.0), r * 1000 + (k == 7 ? 150.0 : 500.0)});
      EXPECT_EQ(ours.at(x, y), doc.fills[size_t(r * 5 + c)]) << "area " << r * 5 + c;
    }
  auto [hx, hy] = px({2400, 1400});
  EXPECT_EQ(ours.at(hx, hy), (Rgba{255, 255, 255, 255})) << "the hole is empty";
  auto [ox, oy] = px({2500, 2600});  // the outline's apex, inside the frame
  EXPECT_LT(ours.at(ox, oy).r, 128) << "the boundary is drawn";
  long differ = 0, dark = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Rgba a = ours.at(x, y), b = cairo_at(x, y);
      dark += a.r < 100 && a.g < 100 && a.b < 100;
      differ += std::abs(a.r - b.r) > 64 || std::abs(a.g - b.g) > 64 || std::abs(a.b - b.b) > 64;
    }
  EXPECT_GT(dark, 200);
  // Two rasterisers anti-alias every edge differently (2% of pixels by more than 8/255 here); a shape
  // misplaced or a wrong colour would differ by far more than 64/255 over far more pixels.
  EXPECT_LT(double(differ) / (w * h), 0.01) << differ << " pixels differ";
}

TEST(PdfPages, PartsJoinInOrderWithTheFirstPartsInformation) {
  auto dir = test::scratch_dir();
  std::vector<fs::path> parts;
  for (int k = 0; k < 3; ++k) {
    parts.push_back(dir / ("part" + std::to_string(k) + ".pdf"));
    CairoSurfacePtr surf(cairo_pdf_surface_create(parts.back().c_str(), 200, 100));
    cairo_pdf_surface_set_metadata(surf.get(), CAIRO_PDF_METADATA_TITLE,
                                   ("Part " + std::to_string(k)).c_str());
    CairoPtr cr(cairo_create(surf.get()));
    // The map fonts (DejaVu by path): Cairo's toy font API would go through fontconfig, whose caches LSan
    // reports at exit.
    cairo_set_font_face(cr.get(), map_fonts().regular());
    for (int p = 0; p <= k; ++p) {  // 1, 2, 3 pages
      cairo_move_to(cr.get(), 20, 50);
      cairo_show_text(cr.get(), ("page " + std::to_string(k) + "." + std::to_string(p)).c_str());
      cairo_show_page(cr.get());
    }
    cr.reset();
    cairo_surface_finish(surf.get());
  }
  merge_pdfs(parts, dir / "all.pdf");
  std::string info = test::pdfinfo(dir / "all.pdf");
  EXPECT_NE(info.find("Pages:           6"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           Part 0"), std::string::npos) << info;
  ASSERT_EQ(
      std::system(
          ("pdftotext '" + (dir / "all.pdf").string() + "' '" + (dir / "all.txt").string() + "'").c_str()),
      0);
  std::string text = test::read_file(dir / "all.txt");
  size_t at = 0;
  for (const char* p : {"page 0.0", "page 1.0", "page 1.1", "page 2.0", "page 2.1", "page 2.2"}) {
    size_t next = text.find(p, at);
    ASSERT_NE(next, std::string::npos) << p << " in order in: " << text;
    at = next;
  }
  // The same parts give the same bytes.
  merge_pdfs(parts, dir / "again.pdf");
  EXPECT_EQ(test::read_file(dir / "all.pdf"), test::read_file(dir / "again.pdf"));
}

TEST(PdfPages, APartThatIsNotAPdfIsNamed) {
  auto dir = test::scratch_dir();
  std::ofstream(dir / "bad.pdf") << "not a PDF";
  std::string m = test::message_of([&] { merge_pdfs({dir / "bad.pdf"}, dir / "out.pdf"); });
  EXPECT_EQ(m.rfind("cannot read the PDF part " + (dir / "bad.pdf").string() + ": ", 0), 0u) << m;
  EXPECT_FALSE(fs::exists(dir / "out.pdf"));
  EXPECT_EQ(test::message_of([&] {
              underlay_pdf_pages(dir / "bad.pdf", {std::nullopt});
            }).rfind("cannot read the PDF part " + (dir / "bad.pdf").string() + ": ", 0),
            0u);
}

}  // namespace
}  // namespace nbhd
