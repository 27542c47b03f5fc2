#include "render/atlas/facet.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cmath>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/document/fonts.hpp"
#include "render/style/palette.hpp"

namespace nbhd {

namespace {

constexpr double kGap = 8, kPanelTitle = 8.5, kTitleRow = kPanelTitle * 1.6;

// Rows x columns of panels in `frame` for maps of aspect `ew` : `eh`: the count of columns that gives the
// largest panel scale (fewest columns on a tie).
struct Grid {
  int cols = 1, rows = 1;
  double cell_w = 0, cell_h = 0, scale = 0;
};

Grid best_grid(size_t n, const RectPt& frame, double ew, double eh) {
  Grid best;
  for (int c = 1; c <= int(n); ++c) {
    int r = int((n + size_t(c) - 1) / size_t(c));
    double w = (frame.w - kGap * (c - 1)) / c, h = (frame.h - kGap * (r - 1)) / r - kTitleRow;
    if (w <= 0 || h <= 0) continue;
    double s = std::min(w / ew, h / eh);
    if (s > best.scale * (1 + 1e-9)) best = Grid{c, r, w, h, s};
  }
  return best;
}

void panel_title(cairo_t* cr, double x, double baseline, double max_w, const std::string& s) {
  cairo_save(cr);
  cairo_rectangle(cr, x, baseline - kPanelTitle * 1.2, max_w, kPanelTitle * 1.6);
  cairo_clip(cr);
  cairo_set_font_face(cr, map_fonts().bold());
  cairo_set_font_size(cr, kPanelTitle);
  cairo_set_source_rgb(cr, 33 / 255.0, 33 / 255.0, 33 / 255.0);
  cairo_move_to(cr, x, baseline);
  cairo_show_text(cr, s.c_str());
  cairo_new_path(cr);
  cairo_restore(cr);
}

}  // namespace

FacetResult write_facets(const AreaLayer& L, const FacetOptions& o, const PageSpec& page,
                         const std::filesystem::path& out) {
  std::string suffix = out.extension().string();
  if (suffix != ".png" && suffix != ".svg" && suffix != ".pdf")
    throw Error("small multiples are written as PNG, SVG or PDF; name " + out.string() +
                " .png, .svg or .pdf");
  if (o.columns.size() < 2 || o.columns.size() > 16)
    throw Error("small multiples need 2 to 16 columns, one map each (got " +
                std::to_string(o.columns.size()) + ")");
  if (!o.style.bivariate.empty())
    throw Error("small multiples map one column per panel, not a bivariate map");
  // Every column first: an unknown one is an error before anything is drawn.
  std::vector<const std::vector<double>*> values;
  for (const auto& c : o.columns) values.push_back(&L.attrs.numeric(c).num);

  // One classification over every panel's values together.
  std::vector<double> all;
  all.reserve(L.size() * values.size());
  for (const auto* v : values) all.insert(all.end(), v->begin(), v->end());
  ClassifyOptions co;
  co.method = o.style.method;
  co.classes = o.style.classes;
  co.column = "the columns of the panels";
  if (o.style.centre) {
    co.method = ClassifyMethod::Manual;
    co.manual_breaks = diverging_breaks(all, *o.style.centre, o.style.classes);
  }
  FacetResult res;
  res.page = page;
  res.classes = classify(all, co);
  std::string palette =
      o.style.palette.empty() ? (o.style.centre ? "RdBu" : default_palette(o.style.method)) : o.style.palette;
  Palette pal = make_palette(palette, std::max(res.classes.classes(), 1), o.style.reverse, o.style.nodata);
  MapStyle style;
  style.palette = palette;
  for (int k = 0; k < res.classes.classes(); ++k)
    style.legend.push_back({res.classes.labels[size_t(k)], rgba(pal.classes[size_t(k)]), -1});
  if (res.classes.nodata > 0) style.no_data = LegendEntry{kNoDataLabel, rgba(o.style.nodata), -1};
  style.fills.assign(L.size(), rgba(o.style.nodata));
  res.legend = style.legend;

  MapDocumentOptions mo = o.doc;
  mo.column = o.columns.front();
  if (!mo.title) {  // the labels, while they fit a title line
    std::string t;
    for (size_t i = 0; i < o.columns.size(); ++i)
      t += (i == 0 ? "" : i + 1 == o.columns.size() ? " and " : ", ") + mo.labels.label(o.columns[i]);
    mo.title = o.columns.size() <= 3 && t.size() <= 70
                   ? t
                   : std::to_string(o.columns.size()) + " indicators on one set of classes";
  }
  if (!mo.legend_title) mo.legend_title = "All panels";
  MapDocument doc = build_map_document(L, style, o.outlines, nullptr, mo);
  for (const auto& c : o.columns) {  // each panel's source in the attribution, once
    std::string line = mo.labels.source_line(c);
    if (!line.empty() &&
        std::find(doc.attribution.begin(), doc.attribution.end(), line) == doc.attribution.end())
      doc.attribution.push_back(line);
  }
  doc.subtitle = o.doc.subtitle;
  doc.labels.clear();
  doc.border_width_pt = o.doc.border_width_pt.value_or(L.size() > 4000 ? 0.0 : 0.1);

  // The page's layout, then the grid in its frame; laid out again around an extent of the panels' scale
  // so the scale bar measures the panels.
  MapLayout outer = compute_layout(doc, page);
  BBox ext = doc.extent.empty() ? BBox{0, 0, 1, 1} : doc.extent;
  double ew = std::max(ext.width(), 1e-9), eh = std::max(ext.height(), 1e-9);
  Grid g = best_grid(o.columns.size(), outer.frame, ew, eh);
  if (g.scale <= 0)
    throw Error("the page is too small for " + std::to_string(o.columns.size()) + " maps; use a larger page",
                Need::Paper);
  double cx = (ext.minx + ext.maxx) / 2, cy = (ext.miny + ext.maxy) / 2;
  MapDocument sized = doc;
  sized.extent = BBox{cx - outer.frame.w / g.scale / 2, cy - outer.frame.h / g.scale / 2,
                      cx + outer.frame.w / g.scale / 2, cy + outer.frame.h / g.scale / 2};
  res.layout = compute_layout(sized, page);

  for (size_t k = 0; k < o.columns.size(); ++k) {
    int r = int(k) / g.cols, c = int(k) % g.cols;
    FacetPanel p;
    p.column = o.columns[k];
    p.title = mo.labels.label(o.columns[k]);
    double x = outer.frame.x + c * (g.cell_w + kGap), y = outer.frame.y + r * (g.cell_h + kTitleRow + kGap);
    p.frame = RectPt{x, y + kTitleRow, g.cell_w, g.cell_h};
    p.world_to_pt =
        PixelTransform{g.scale, x + g.cell_w / 2 - g.scale * cx, y + kTitleRow + g.cell_h / 2 + g.scale * cy};
    p.counts.assign(size_t(res.classes.classes()), 0);
    res.panels.push_back(p);
  }
  std::vector<std::vector<Rgba>> fills(o.columns.size());
  for (size_t k = 0; k < o.columns.size(); ++k) {
    fills[k].reserve(L.size());
    for (size_t i = 0; i < L.size(); ++i) {
      int cls = res.classes.class_of[k * L.size() + i];
      if (cls >= 0) ++res.panels[k].counts[size_t(cls)];
      fills[k].push_back(rgba(pal.colour_of(cls)));
    }
  }

  auto draw = [&](cairo_t* cr) {
    draw_background(cr, doc, page);
    for (size_t k = 0; k < res.panels.size(); ++k) {
      report(o.progress, double(k) / double(res.panels.size()), "drawing panels");
      const FacetPanel& p = res.panels[k];
      MapLayout pl = res.layout;
      pl.frame = p.frame;
      pl.world_to_pt = p.world_to_pt;
      pl.visible = BBox{
          (p.frame.x - p.world_to_pt.ox) / g.scale, (p.world_to_pt.oy - p.frame.y - p.frame.h) / g.scale,
          (p.frame.x + p.frame.w - p.world_to_pt.ox) / g.scale, (p.world_to_pt.oy - p.frame.y) / g.scale};
      MapDocument pd = doc;
      pd.fills = fills[k];
      draw_map_vectors(cr, pd, pl);
      cairo_set_source_rgb(cr, 160 / 255.0, 160 / 255.0, 160 / 255.0);
      cairo_set_line_width(cr, 0.4);
      cairo_rectangle(cr, p.frame.x, p.frame.y, p.frame.w, p.frame.h);
      cairo_stroke(cr);
      panel_title(cr, p.frame.x, p.frame.y - kPanelTitle * 0.55, p.frame.w, p.title);
    }
    MapDocument frame_doc = sized;
    draw_layout(cr, frame_doc, res.layout);
  };

  AtomicOutput atomic(out, o.overwrite);
  if (suffix == ".png") {
    CairoSurfacePtr surf(cairo_image_surface_create(CAIRO_FORMAT_RGB24, page.width_px, page.height_px));
    {
      CairoPtr cr(cairo_create(surf.get()));
      cairo_scale(cr.get(), page.px_per_pt, page.px_per_pt);
      draw(cr.get());
    }
    if (cairo_surface_write_to_png(surf.get(), atomic.temp_path().c_str()) != CAIRO_STATUS_SUCCESS)
      throw Error("cannot write " + out.string() + "; check the free disk space");
  } else {
    CairoSurfacePtr surf(
        suffix == ".pdf"
            ? cairo_pdf_surface_create(atomic.temp_path().c_str(), page.width_pt, page.height_pt)
            : cairo_svg_surface_create(atomic.temp_path().c_str(), page.width_pt, page.height_pt));
    if (suffix == ".svg") cairo_svg_surface_set_document_unit(surf.get(), CAIRO_SVG_UNIT_PT);
    {
      CairoPtr cr(cairo_create(surf.get()));
      draw(cr.get());
      cairo_show_page(cr.get());
    }
    cairo_surface_finish(surf.get());
    if (cairo_surface_status(surf.get()) != CAIRO_STATUS_SUCCESS)
      throw Error("cannot write " + out.string() + ": " +
                  cairo_status_to_string(cairo_surface_status(surf.get())));
  }
  report(o.progress, 1, "drawing panels");
  atomic.commit();
  return res;
}

}  // namespace nbhd
