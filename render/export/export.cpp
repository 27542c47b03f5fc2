#include "render/export/export.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/thread_pool.hpp"
#include "geo/vector/basemap.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/export/coverage_raster.hpp"
#include "render/export/svg_text.hpp"
#include "render/scene/egl_context.hpp"
#include "render/scene/scene.hpp"
#include "render/triangulate/area_mesh.hpp"

namespace nbhd {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct FileDel {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string lower_ext(const std::filesystem::path& p) {
  std::string e = p.extension().string();
  for (auto& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

void check_surface(cairo_surface_t* s, const std::filesystem::path& out) {
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    throw Error("cannot write " + out.string() + ": " + cairo_status_to_string(cairo_surface_status(s)));
}

// Layout for --no-layout: the map frame is the whole page.
MapLayout bare_layout(const MapDocument& doc, const PageSpec& page) {
  MapDocument d = doc;
  MapLayout L = compute_layout(d, page);  // for scale bar fields; then override the frame
  L.frame = {0, 0, page.width_pt, page.height_pt};
  BBox ext = doc.extent.empty() ? BBox{0, 0, 1, 1} : doc.extent;
  double s = std::min(L.frame.w / std::max(ext.width(), 1e-9), L.frame.h / std::max(ext.height(), 1e-9));
  double cx = (ext.minx + ext.maxx) / 2, cy = (ext.miny + ext.maxy) / 2;
  L.world_to_pt = PixelTransform{s, L.frame.w / 2 - s * cx, L.frame.h / 2 + s * cy};
  L.visible =
      BBox{cx - L.frame.w / 2 / s, cy - L.frame.h / 2 / s, cx + L.frame.w / 2 / s, cy + L.frame.h / 2 / s};
  return L;
}

// The basemap over image pixels [x0, x1) x [y0, y1) of `t`, blended over the pixels already in `dst` (the
// background), which holds those rows from its first byte.
void draw_basemap_rows(const Basemap& bm, const PixelTransform& t, int x0, int y0, int x1, int y1,
                       uint8_t* dst, size_t stride) {
  Point lo = t.world(x0, y1), hi = t.world(x1, y0);
  RgbaImage img = bm.warp(BBox{lo.x, lo.y, hi.x, hi.y}, x1 - x0, y1 - y0);
  for (int y = 0; y < img.height; ++y) {
    const uint8_t* s = img.rgba.data() + size_t(y) * size_t(img.width) * 4;
    uint8_t* p = dst + size_t(y) * stride;
    for (int x = 0; x < img.width; ++x, s += 4, p += 4) {
      unsigned a = s[3], rest = 255 - a;
      p[0] = uint8_t((s[2] * a + p[0] * rest + 127) / 255);
      p[1] = uint8_t((s[1] * a + p[1] * rest + 127) / 255);
      p[2] = uint8_t((s[0] * a + p[2] * rest + 127) / 255);
    }
  }
}

// SVG/PDF: the basemap as one image under the frame, at the page's resolution up to 150 dpi (enough under
// translucent fills, and it keeps the file small).
void draw_basemap_image(cairo_t* cr, const Basemap& bm, const MapLayout& L, const PageSpec& page) {
  double k = std::min(page.px_per_pt, 150.0 / 72);
  int w = std::max(1, int(std::ceil(L.frame.w * k))), h = std::max(1, int(std::ceil(L.frame.h * k)));
  RgbaImage img = bm.warp(L.visible, w, h);
  CairoSurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS)
    throw Error("cannot draw basemap " + bm.source() + ": out of memory");
  uint8_t* data = cairo_image_surface_get_data(s.get());
  size_t stride = size_t(cairo_image_surface_get_stride(s.get()));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const uint8_t* q = img.rgba.data() + (size_t(y) * size_t(w) + size_t(x)) * 4;
      uint8_t* p = data + size_t(y) * stride + size_t(x) * 4;
      unsigned a = q[3];  // Cairo wants premultiplied B, G, R, A
      p[0] = uint8_t((q[2] * a + 127) / 255), p[1] = uint8_t((q[1] * a + 127) / 255),
      p[2] = uint8_t((q[0] * a + 127) / 255), p[3] = uint8_t(a);
    }
  cairo_surface_mark_dirty(s.get());
  cairo_save(cr);
  cairo_rectangle(cr, L.frame.x, L.frame.y, L.frame.w, L.frame.h);
  cairo_clip(cr);
  cairo_translate(cr, L.frame.x, L.frame.y);
  cairo_scale(cr, L.frame.w / w, L.frame.h / h);
  cairo_set_source_surface(cr, s.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}

ExportResult export_png(const MapDocument& doc, const PageSpec& page, const std::filesystem::path& out,
                        const ExportOptions& opt, const MapLayout& L, const Basemap* basemap) {
  ExportResult res;
  auto t_all = Clock::now();
  const int W = page.width_px, H = page.height_px;
  const double k = page.px_per_pt;

  const bool use_gl = opt.raster == Raster::Gl;
  if (basemap && use_gl)
    throw Error("a basemap is drawn by the CPU rasteriser only; leave out the GL rasteriser (--raster gl)");
  AtomicOutput atomic(out, opt.overwrite);
  auto t0 = Clock::now();

  // World -> image pixels; the map covers the frame rectangle rounded to whole pixels.
  PixelTransform t{L.world_to_pt.scale * k, L.world_to_pt.ox * k, L.world_to_pt.oy * k};
  int fx0 = int(std::lround(L.frame.x * k)), fy0 = int(std::lround(L.frame.y * k));
  int fx1 = int(std::lround((L.frame.x + L.frame.w) * k)),
      fy1 = int(std::lround((L.frame.y + L.frame.h) * k));
  fx0 = std::clamp(fx0, 0, W), fx1 = std::clamp(fx1, 0, W), fy0 = std::clamp(fy0, 0, H),
  fy1 = std::clamp(fy1, 0, H);

  std::unique_ptr<EglContext> ctx;
  std::unique_ptr<Scene> scene;
  std::unique_ptr<OffscreenRenderer> gl_out;
  CpuMapLayers cpu;
  std::vector<BBox> area_boxes;
  if (use_gl) {
    ctx = std::make_unique<EglContext>();
    res.renderer = ctx->renderer();
    res.timings.context_s = since(t0);
    t0 = Clock::now();
    scene = std::make_unique<Scene>();
    if (doc.areas) {
      AreaMesh mesh = build_area_mesh(
          *doc.areas, Point{(L.visible.minx + L.visible.maxx) / 2, (L.visible.miny + L.visible.maxy) / 2},
          true, 0, opt.progress);
      res.timings.tessellate_s = since(t0);
      auto t1 = Clock::now();
      scene->set_areas(mesh);
      scene->set_area_colours(doc.fills);
      scene->set_area_borders(LineStyle{doc.border_colour, float(doc.border_width_pt * k)});
      if (!doc.selection.empty())
        scene->set_selection(doc.selection, LineStyle{doc.selection_colour, float(1.5 * k)});
      res.timings.upload_s = since(t1);
    }
    for (const auto& o : doc.outlines) {
      if (!o.geoms) continue;
      AreaMesh om = build_area_mesh(*o.geoms, centre_of(*o.geoms), false, 0, opt.progress);
      scene->add_outline_layer(om, LineStyle{o.colour, float(o.width_pt * k)});
    }
    if (doc.points && doc.points->pts)
      scene->set_points(*doc.points->pts, doc.points->colours,
                        PointStyle{float(doc.points->radius_pt * k), Rgba{255, 255, 255, 255},
                                   float(std::max(1.0, doc.points->radius_pt * 0.3 * k))},
                        doc.points->shapes);
    gl_out = std::make_unique<OffscreenRenderer>(opt.gl);
  } else {
    res.renderer = "cpu coverage rasteriser";
    cpu.areas = doc.areas;
    cpu.fills = &doc.fills;
    if (doc.areas) {  // once for every strip below
      area_boxes.resize(doc.areas->size());
      parallel_for(area_boxes.size(), 2048, 0, [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; ++i) area_boxes[i] = bbox_of((*doc.areas)[i]);
      });
      cpu.area_boxes = &area_boxes;
    }
    cpu.borders = LineStyle{doc.border_colour, float(doc.border_width_pt * k)};
    for (const auto& o : doc.outlines)
      if (o.geoms) cpu.outlines.push_back({o.geoms, LineStyle{o.colour, float(o.width_pt * k)}});
    cpu.fills_over_image = basemap != nullptr;
    cpu.selection = doc.selection;
    cpu.selection_style = LineStyle{doc.selection_colour, float(1.5 * k)};
    if (doc.points && doc.points->pts) {
      cpu.points = doc.points->pts;
      cpu.point_colours = &doc.points->colours;
      cpu.point_shapes = &doc.points->shapes;
      cpu.point_style = PointStyle{float(doc.points->radius_pt * k), Rgba{255, 255, 255, 255},
                                   float(std::max(1.0, doc.points->radius_pt * 0.3 * k))};
    }
  }

  std::unique_ptr<std::FILE, FileDel> f(std::fopen(atomic.temp_path().c_str(), "wb"));
  if (!f) throw Error("cannot write " + out.string() + ": " + std::strerror(errno));
  PngWriter png(f.get(), W, H, opt.png);

  int strip_h = int(std::clamp<long long>(opt.strip_pixels / std::max(1, W), 1, H));
  CairoSurfacePtr surf(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, strip_h));
  check_surface(surf.get(), out);
  uint8_t* data = cairo_image_surface_get_data(surf.get());
  size_t stride = size_t(cairo_image_surface_get_stride(surf.get()));
  for (int y0 = 0; y0 < H; y0 += strip_h) {
    report(opt.progress, double(y0) / H, "rendering");
    int sh = std::min(strip_h, H - y0);
    auto tr = Clock::now();
    cairo_surface_flush(surf.get());
    // Background: only what the map frame does not cover (the GL pass fills the frame itself).
    {
      CairoPtr cr(cairo_create(surf.get()));
      cairo_set_source_rgba(cr.get(), doc.background.r / 255.0, doc.background.g / 255.0,
                            doc.background.b / 255.0, 1);
      cairo_set_operator(cr.get(), CAIRO_OPERATOR_SOURCE);
      cairo_rectangle(cr.get(), 0, 0, W, sh);
      if (use_gl) cairo_rectangle(cr.get(), fx0, fy0 - y0, fx1 - fx0, fy1 - fy0);
      cairo_set_fill_rule(cr.get(), CAIRO_FILL_RULE_EVEN_ODD);
      cairo_fill(cr.get());
    }
    cairo_surface_flush(surf.get());
    int ry0 = std::max(y0, fy0), ry1 = std::min(y0 + sh, fy1);
    if (ry1 > ry0 && fx1 > fx0) {
      uint8_t* dst = data + size_t(ry0 - y0) * stride + size_t(fx0) * 4;
      if (basemap) draw_basemap_rows(*basemap, t, fx0, ry0, fx1, ry1, dst, stride);
      if (use_gl)
        gl_out->render(*scene, t, fx0, ry0, fx1 - fx0, ry1 - ry0, doc.background, dst, stride);
      else
        draw_map_cpu(cpu, t, fx0, ry0, fx1 - fx0, ry1 - ry0, doc.background, dst, stride, 0, opt.progress);
    }
    cairo_surface_mark_dirty(surf.get());
    if (opt.layout || !L.labels.empty()) {
      CairoPtr cr(cairo_create(surf.get()));
      cairo_translate(cr.get(), 0, -y0);
      cairo_scale(cr.get(), k, k);
      draw_labels(cr.get(), L.labels);
      if (opt.layout) draw_layout(cr.get(), doc, L);
    }
    cairo_surface_flush(surf.get());
    res.timings.raster_s += since(tr);
    auto te = Clock::now();
    png.write_rows(data, stride, sh, opt.progress);
    res.timings.encode_s += since(te);
  }
  report(opt.progress, 1, "rendering");
  auto te = Clock::now();
  png.finish();
  if (std::fflush(f.get()) != 0 || std::ferror(f.get()))
    throw Error("cannot write " + out.string() + ": " + std::strerror(errno) + "; free some disk space");
  f.reset();
  atomic.commit();
  res.timings.encode_s += since(te);
  if (gl_out) res.tiles_w = size_t(std::min(fx1 - fx0, gl_out->max_tile_size()));
  res.timings.total_s = since(t_all);
  return res;
}

ExportResult export_vector(const MapDocument& doc, const PageSpec& page, const std::filesystem::path& out,
                           const ExportOptions& opt, const MapLayout& L, bool svg, const Basemap* basemap) {
  ExportResult res;
  auto t_all = Clock::now();
  AtomicOutput atomic(out, opt.overwrite);
  TextSink texts;  // SVG: written as <text> after Cairo's part
  double k = 1;
  {
    CairoSurfacePtr surf;
    if (svg) {
      if (page.pixel_units) {
        surf.reset(cairo_svg_surface_create(atomic.temp_path().c_str(), page.width_px, page.height_px));
        cairo_svg_surface_set_document_unit(surf.get(), CAIRO_SVG_UNIT_PX);
        k = page.px_per_pt;
      } else {
        surf.reset(cairo_svg_surface_create(atomic.temp_path().c_str(), page.width_pt, page.height_pt));
        cairo_svg_surface_set_document_unit(surf.get(), CAIRO_SVG_UNIT_PT);
      }
    } else {
      surf.reset(cairo_pdf_surface_create(atomic.temp_path().c_str(), page.width_pt, page.height_pt));
      cairo_pdf_surface_set_metadata(surf.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
      cairo_pdf_surface_set_metadata(surf.get(), CAIRO_PDF_METADATA_CREATOR, "nbhd");
    }
    check_surface(surf.get(), out);
    CairoPtr cr(cairo_create(surf.get()));
    cairo_scale(cr.get(), k, k);
    draw_background(cr.get(), doc, page);
    if (basemap) draw_basemap_image(cr.get(), *basemap, L, page);
    draw_map_vectors(cr.get(), doc, L, opt.progress);
    draw_labels(cr.get(), L.labels, svg ? &texts : nullptr);
    if (opt.layout) draw_layout(cr.get(), doc, L, svg ? &texts : nullptr);
    cairo_show_page(cr.get());
    cr.reset();
    cairo_surface_finish(surf.get());
    check_surface(surf.get(), out);
  }
  if (svg && !texts.empty()) append_to_svg(atomic.temp_path(), svg_text_group(texts, k), out.string());
  atomic.commit();
  res.timings.total_s = since(t_all);
  return res;
}

}  // namespace

PageSpec page_from_pixels(int width_px, int height_px) {
  if (width_px < kMinImagePx || height_px < kMinImagePx || width_px > kMaxImagePx || height_px > kMaxImagePx)
    throw Error("image size " + std::to_string(width_px) + "x" + std::to_string(height_px) +
                    " is out of range; give a width and height between 100 and 50000 pixels",
                Need::ImageSize);
  PageSpec p;
  p.width_px = width_px;
  p.height_px = height_px;
  p.px_per_pt = std::min(width_px, height_px) / 595.276;
  p.width_pt = width_px / p.px_per_pt;
  p.height_pt = height_px / p.px_per_pt;
  p.pixel_units = true;
  return p;
}

PageSpec page_from_paper(const std::string& paper, double dpi, bool landscape) {
  std::string up = paper;
  for (auto& c : up) c = char(std::toupper(static_cast<unsigned char>(c)));
  double w_mm, h_mm;
  if (up == "A4")
    w_mm = 210, h_mm = 297;
  else if (up == "A3")
    w_mm = 297, h_mm = 420;
  else
    throw Error("unknown paper size '" + paper + "'; use A4 or A3, or give the image size in pixels",
                Need::Paper);
  if (!(dpi >= kMinDpi && dpi <= kMaxDpi))
    throw Error("the resolution must be between 30 and 1200 dpi", Need::Dpi);
  if (landscape) std::swap(w_mm, h_mm);
  PageSpec p;
  p.width_pt = w_mm / 25.4 * 72;
  p.height_pt = h_mm / 25.4 * 72;
  p.px_per_pt = dpi / 72;
  p.width_px = int(std::lround(p.width_pt * p.px_per_pt));
  p.height_px = int(std::lround(p.height_pt * p.px_per_pt));
  return p;
}

ExportResult export_map(const MapDocument& doc, const PageSpec& page, const std::filesystem::path& out,
                        const ExportOptions& opt) {
  std::string ext = lower_ext(out);
  if (ext != ".png" && ext != ".svg" && ext != ".pdf" && ext != ".html")
    throw Error("cannot tell the format of " + out.string() + "; name the output .png, .svg, .pdf or .html");
  if (doc.areas && doc.fills.size() != doc.areas->size())
    throw Error("internal error: " + std::to_string(doc.fills.size()) + " fill colours for " +
                std::to_string(doc.areas->size()) + " areas; please report this");
  if (ext == ".html") {
    auto t0 = Clock::now();
    HtmlOptions ho = opt.html;
    ho.overwrite = opt.overwrite;
    ho.progress = opt.progress;
    ExportResult r;
    r.html = export_html(doc, out, ho);
    r.page = page;
    r.format = "html";
    r.timings.total_s = since(t0);
    return r;
  }
  MapLayout L = opt.layout ? compute_layout(doc, page) : bare_layout(doc, page);
  // Over a basemap the fills are drawn translucent; the legend keeps the classes' own colours.
  std::optional<Basemap> basemap;
  MapDocument faded;
  const MapDocument* drawn = &doc;
  if (doc.basemap) {
    basemap.emplace(doc.basemap->source, doc.crs);
    faded = doc;
    for (auto& f : faded.fills)
      f.a = uint8_t(std::lround(f.a * std::clamp(doc.basemap->fill_opacity, 0.0, 1.0)));
    drawn = &faded;
  }
  const Basemap* bm = basemap ? &*basemap : nullptr;
  ExportResult r;
  if (ext == ".png")
    r = export_png(*drawn, page, out, opt, L, bm);
  else
    r = export_vector(*drawn, page, out, opt, L, ext == ".svg", bm);
  r.layout = L;
  r.page = page;
  r.format = ext.substr(1);
  return r;
}

}  // namespace nbhd
