#include "render/brief/brief_map.hpp"

#include <algorithm>
#include <cmath>

#include "geo/spatial/label_point.hpp"
#include "render/document/build_map_document.hpp"
#include "render/document/layout.hpp"
#include "render/style/category_symbols.hpp"

namespace nbhd {

namespace {

constexpr double kLocatorPxPerPt = 3;
constexpr double kLayoutMargin = 22;  // the map layout's own margin (render/document/layout.cpp)

void ring_path(cairo_t* cr, const MultiPolygon& mp, const PixelTransform& t) {
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings) {
      if (ring.size() < 4) continue;
      cairo_move_to(cr, t.px(ring[0].x), t.py(ring[0].y));
      for (size_t k = 1; k + 1 < ring.size(); ++k) cairo_line_to(cr, t.px(ring[k].x), t.py(ring[k].y));
      cairo_close_path(cr);
    }
}

// The names of the areas the focus map can show, at their poles of inaccessibility (as `nbhd render
// --labels name`), the brief's area placed first. Only those areas are measured: the whole national layer's
// inscribed circles cost seconds.
LabelLayer visible_labels(const AreaLayer& layer, const BBox& ext, const std::vector<size_t>& areas) {
  LabelLayer ll;
  ll.size_pt = 6;
  ll.texts.assign(layer.size(), "");
  ll.anchors.assign(layer.size(), LabelPoint{});
  ll.selected.assign(layer.size(), 0);
  for (size_t a : areas) ll.selected[a] = 1;
  std::vector<size_t> idx;
  std::vector<MultiPolygon> geoms;
  for (size_t k = 0; k < layer.size(); ++k)
    if (bbox_of(layer.geoms[k]).intersects(ext)) {
      idx.push_back(k);
      geoms.push_back(layer.geoms[k]);
    }
  std::vector<LabelPoint> pts = label_points(geoms);
  for (size_t j = 0; j < idx.size(); ++j) {
    const size_t k = idx[j];
    ll.texts[k] = layer.names.empty() || layer.names[k].empty() ? layer.codes[k] : layer.names[k];
    ll.anchors[k] = pts[j];
  }
  return ll;
}

}  // namespace

BriefMaps prepare_brief_maps(const AreaLayer& layer, const BriefOptions& opt, const BriefFigures& figs) {
  BriefMaps m;
  m.opt = &opt;
  // Locator: every area in one path, filled once (areas do not overlap), at 3 px per point.
  BBox all;
  for (const auto& g : layer.geoms) all.expand(bbox_of(g));
  if (all.empty()) all = BBox{0, 0, 1, 1};
  const double inner = kLocatorSize - 8;
  const double s = std::min(inner / std::max(all.width(), 1e-9), inner / std::max(all.height(), 1e-9));
  const double cx = (all.minx + all.maxx) / 2, cy = (all.miny + all.maxy) / 2;
  m.locator_to_pt = PixelTransform{s, kLocatorSize / 2 - s * cx, kLocatorSize / 2 + s * cy};
  const int px = int(std::lround(kLocatorSize * kLocatorPxPerPt));
  m.locator.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px));
  {
    CairoPtr cr(cairo_create(m.locator.get()));
    cairo_scale(cr.get(), kLocatorPxPerPt, kLocatorPxPerPt);
    cairo_set_source_rgb(cr.get(), 0.96, 0.96, 0.96);
    cairo_paint(cr.get());
    cairo_set_fill_rule(cr.get(), CAIRO_FILL_RULE_EVEN_ODD);
    for (const auto& g : layer.geoms) ring_path(cr.get(), g, m.locator_to_pt);
    cairo_set_source_rgb(cr.get(), 0.74, 0.74, 0.74);
    cairo_fill(cr.get());
  }
  // Focus map fills: the first key-figure column in national quintiles, the worse end red.
  if (!figs.indicators.empty()) {
    const IndicatorFigures& first = figs.indicators.front();
    StyleSpec ss;
    ss.column = first.column;
    ss.classes = 5;
    ss.reverse = first.worse == Worse::Low;
    m.style = style_map(layer, ss);
    m.column = first.column;
  } else {
    m.style.fills.assign(layer.size(), Rgba{225, 225, 225, 255});
  }
  if (!opt.assets.empty()) {
    std::vector<std::string> cats;
    for (const PointLayer* p : opt.assets)
      cats.insert(cats.end(), p->categories.begin(), p->categories.end());
    CategoryColours cc = category_colours(cats);
    for (const auto& [name, sym] : cc.symbol_of) m.category_colours[name] = sym.colour;
  }
  return m;
}

void draw_locator(cairo_t* cr, const BriefMaps& m, const MultiPolygon& area, double x, double y) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_save(cr);
  cairo_scale(cr, 1 / kLocatorPxPerPt, 1 / kLocatorPxPerPt);
  cairo_set_source_surface(cr, m.locator.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_rectangle(cr, 0, 0, kLocatorSize, kLocatorSize);
  cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
  cairo_set_line_width(cr, 0.5);
  cairo_stroke(cr);
  // An LSOA is a speck at this scale: a ring around it says where it is, its own fill what it is.
  cairo_rectangle(cr, 0, 0, kLocatorSize, kLocatorSize);
  cairo_clip(cr);
  const PixelTransform& t = m.locator_to_pt;
  ring_path(cr, area, t);
  cairo_set_source_rgb(cr, 0.0, 0.35, 0.78);
  cairo_fill(cr);
  BBox b = bbox_of(area);
  double r = std::max(5.0, 0.5 * t.scale * std::max(b.width(), b.height()) + 3);
  cairo_new_sub_path(cr);
  cairo_arc(cr, t.px((b.minx + b.maxx) / 2), t.py((b.miny + b.maxy) / 2), r, 0, 2 * M_PI);
  cairo_set_source_rgb(cr, 0.78, 0.1, 0.1);
  cairo_set_line_width(cr, 1.4);
  cairo_stroke(cr);
  cairo_restore(cr);
}

std::unique_ptr<FocusMap> focus_map(const BriefMaps& m, const AreaLayer& layer, size_t i, double w,
                                    double h) {
  return focus_map(m, layer, std::vector<size_t>{i}, w, h);
}

std::unique_ptr<FocusMap> focus_map(const BriefMaps& m, const AreaLayer& layer,
                                    const std::vector<size_t>& areas, double w, double h) {
  auto fm = std::make_unique<FocusMap>();
  PointLayer& near = fm->near;
  const BriefOptions& o = *m.opt;
  // What the map shows: the area and its neighbours, and the assets within D when assets are given.
  BBox area;
  for (size_t i : areas) area.expand(bbox_of(layer.geoms[i]));
  double grow =
      std::max({0.6 * std::max(area.width(), area.height()), 300.0, o.assets.empty() ? 0.0 : o.within_m});
  BBox ext{area.minx - grow, area.miny - grow, area.maxx + grow, area.maxy + grow};

  for (const PointLayer* a : o.assets) {
    near.category_field = a->category_field;
    near.working_crs = a->working_crs;
    for (size_t k = 0; k < a->pts.size(); ++k) {
      Point p = a->pts[k];
      if (p.x < ext.minx || p.x > ext.maxx || p.y < ext.miny || p.y > ext.maxy) continue;
      near.pts.push_back(p);
      near.categories.push_back(a->categories[k]);
      near.names.push_back(k < a->names.size() ? a->names[k] : "");
    }
  }
  MapDocumentOptions mo;
  mo.column = m.column;
  mo.bbox = ext;
  mo.title = "";
  const std::string outlined = areas.size() == 1
                                   ? "the area outlined in blue"
                                   : "the " + std::to_string(areas.size()) + " areas outlined in blue";
  mo.subtitle = m.column.empty() ? "T" + outlined.substr(1)
                                 : o.labels.label(m.column) + " in national quintiles; " + outlined;
  for (size_t i : areas) mo.selection.push_back(static_cast<uint32_t>(i));
  mo.labels = o.labels;
  mo.category_colours = m.category_colours;
  if (!m.column.empty()) mo.legend_title = o.labels.title(m.column);
  fm->doc = build_map_document(layer, m.style, {}, o.assets.empty() ? nullptr : &near, mo);
  MapDocument& doc = fm->doc;
  doc.labels.push_back(visible_labels(layer, ext, areas));
  doc.selection_colour = Rgba{0, 90, 200, 255};
  if (doc.points) doc.points->title = "Assets (" + std::to_string(near.pts.size()) + " on the map)";

  // The legend (classes, then one line per asset category on the map) must end above the north arrow:
  // the map grows taller until it does, so nothing in the legend column is drawn over.
  PageSpec page;
  page.width_pt = w + 2 * kLayoutMargin;
  page.height_pt = h;
  MapLayout& L = fm->layout;
  L = compute_layout(doc, page);
  for (int k = 0; k < 8; ++k) {
    double bottom = 0;
    for (const auto& r : L.swatches) bottom = std::max(bottom, r.y + r.h);
    for (const auto& r : L.point_swatches) bottom = std::max(bottom, r.y + r.h);
    double overlap = bottom + 8 - L.north_arrow.y;
    if (overlap <= 0) break;
    page.height_pt += overlap;
    L = compute_layout(doc, page);
  }
  fm->height = page.height_pt - kLayoutMargin;
  return fm;
}

void draw_focus_map(cairo_t* cr, const FocusMap& fm, double x, double y) {
  cairo_save(cr);
  cairo_translate(cr, x - kLayoutMargin, y - kLayoutMargin / 2);
  draw_map_vectors(cr, fm.doc, fm.layout);
  draw_labels(cr, fm.layout.labels);
  draw_layout(cr, fm.doc, fm.layout);
  cairo_restore(cr);
}

}  // namespace nbhd
