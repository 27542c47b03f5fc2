#include "render/document/layout.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "base/error.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/document/fonts.hpp"
#include "render/document/ground_scale.hpp"

namespace nbhd {

namespace {

constexpr double kMargin = 22, kGap = 14;
constexpr double kTitleSize = 15, kSubtitleSize = 9.5, kHeadSize = 8.5, kLabelSize = 7.5, kCountSize = 7,
                 kAttribSize = 6;
constexpr double kRow = 13, kSwatchW = 16, kSwatchH = 9.5, kCell = 20;

// A scratch context for measuring text before anything is drawn.
struct Measurer {
  CairoSurfacePtr surf{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)};
  CairoPtr cr{cairo_create(surf.get())};
  double width(const std::string& s, double size, bool bold) {
    cairo_set_font_face(cr.get(), bold ? map_fonts().bold() : map_fonts().regular());
    cairo_set_font_size(cr.get(), size);
    cairo_text_extents_t e;
    cairo_text_extents(cr.get(), s.c_str(), &e);
    return e.x_advance;
  }
};

void set_colour(cairo_t* cr, Rgba c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

void text(cairo_t* cr, TextSink* sink, double x, double baseline, const std::string& s, double size,
          bool bold, Rgba c, bool right_align = false) {
  if (s.empty()) return;
  cairo_set_font_face(cr, bold ? map_fonts().bold() : map_fonts().regular());
  cairo_set_font_size(cr, size);
  if (right_align) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    x -= e.x_advance;
  }
  if (sink) {
    TextItem t;
    t.x = x, t.baseline = baseline, t.text = s, t.size_pt = size, t.bold = bold, t.colour = c;
    sink->push_back(t);
    return;
  }
  set_colour(cr, c);
  cairo_move_to(cr, x, baseline);
  cairo_show_text(cr, s.c_str());
  cairo_new_path(cr);
}

// A point symbol's outline as a sub-path (a real arc for circles, so SVG/PDF keep them round).
void symbol_path(cairo_t* cr, SymbolShape shape, double cx, double cy, double r) {
  cairo_new_sub_path(cr);
  if (shape == SymbolShape::circle) {
    cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
    return;
  }
  auto pts = symbol_outline(shape, cx, cy, r, true);
  for (const Point& p : pts) cairo_line_to(cr, p.x, p.y);
  cairo_close_path(cr);
}

std::string count_text(long long n) {
  return n < 0 ? "" : "(" + thousands(n) + ")";
}

const Rgba kInk{33, 33, 33, 255}, kGrey{100, 100, 100, 255}, kFrame{160, 160, 160, 255};

}  // namespace

std::string thousands(long long n) {
  std::string s = std::to_string(n < 0 ? -n : n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
  return n < 0 ? "-" + s : s;
}

MapLayout compute_layout(const MapDocument& doc, const PageSpec& page) {
  MapLayout L;
  Measurer m;
  const double W = page.width_pt, H = page.height_pt;

  double top = kMargin;
  if (!doc.title.empty()) top += kTitleSize * 1.35;
  if (!doc.subtitle.empty()) top += kSubtitleSize * 1.45;
  if (!doc.title.empty() || !doc.subtitle.empty()) top += 6;
  double bottom =
      H - kMargin - double(doc.attribution.size()) * kAttribSize * 1.35 - (doc.attribution.empty() ? 0 : 6);

  // Legend column width: the widest line it holds.
  double lw = 110;
  auto fit = [&](double w) { lw = std::max(lw, w); };
  fit(m.width(doc.legend_title, kHeadSize, true));
  double count_w = 0;
  auto entry_w = [&](const LegendEntry& e) {
    count_w = std::max(count_w, m.width(count_text(e.count), kCountSize, false));
    return kSwatchW + 6 + m.width(e.label, kLabelSize, false);
  };
  double label_w = 0;
  if (!doc.bivariate)
    for (const auto& e : doc.legend) label_w = std::max(label_w, entry_w(e));
  if (doc.no_data) label_w = std::max(label_w, entry_w(*doc.no_data));
  if (doc.points) {
    fit(m.width(doc.points->title, kHeadSize, true));
    for (const auto& e : doc.points->legend) label_w = std::max(label_w, entry_w(e));
  }
  for (const auto& o : doc.outlines)
    if (!o.label.empty()) label_w = std::max(label_w, kSwatchW + 6 + m.width(o.label, kLabelSize, false));
  fit(label_w + (count_w > 0 ? count_w + 8 : 0));
  if (doc.bivariate) {
    fit(m.width(doc.bivariate->x_title + " →", kLabelSize, false) + 16);
    fit(3 * kCell + 18 + 10);
  }
  lw = std::min(lw, W * 0.4);

  L.frame = {kMargin, top, W - 2 * kMargin - lw - kGap, bottom - top};
  if (L.frame.w < 40 || L.frame.h < 40)
    throw Error("the page is too small for a map with this legend; use a larger page", Need::Paper);
  L.legend_column = {L.frame.x + L.frame.w + kGap, top, lw, L.frame.h};

  // Fit the extent into the frame, centred, aspect kept: the visible extent widens along one axis.
  BBox ext = doc.extent;
  if (ext.empty()) ext = BBox{0, 0, 1, 1};
  double ew = std::max(ext.width(), 1e-9), eh = std::max(ext.height(), 1e-9);
  double s = std::min(L.frame.w / ew, L.frame.h / eh);
  double cx = (ext.minx + ext.maxx) / 2, cy = (ext.miny + ext.maxy) / 2;
  L.world_to_pt = PixelTransform{s, L.frame.x + L.frame.w / 2 - s * cx, L.frame.y + L.frame.h / 2 + s * cy};
  L.visible =
      BBox{cx - L.frame.w / 2 / s, cy - L.frame.h / 2 / s, cx + L.frame.w / 2 / s, cy + L.frame.h / 2 / s};

  // Legend entries, top down.
  double y = top + kHeadSize;  // baseline of the heading
  double x = L.legend_column.x;
  if (!doc.legend_title.empty()) y += kRow;
  if (doc.bivariate) {
    double gx = x + 18, gy = y + 2;  // room for the y axis title on the left
    L.bivariate_cells.resize(9);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c)
        L.bivariate_cells[size_t(r * 3 + c)] = {gx + c * kCell, gy + (2 - r) * kCell, kCell, kCell};
    y = gy + 3 * kCell + kRow * 1.6;
  } else {
    for (size_t i = 0; i < doc.legend.size(); ++i, y += kRow)
      L.swatches.push_back({x, y - kSwatchH + 1, kSwatchW, kSwatchH});
  }
  if (doc.no_data) {
    y += 3;
    L.swatches.push_back({x, y - kSwatchH + 1, kSwatchW, kSwatchH});
    y += kRow;
  }
  if (doc.points) {
    y += 6 + kRow;
    for (size_t i = 0; i < doc.points->legend.size(); ++i, y += kRow)
      L.point_swatches.push_back({x, y - kSwatchH + 1, kSwatchW, kSwatchH});
  }

  // North arrow and scale bar at the foot of the legend column.
  L.metres_per_unit = ground_metres_per_unit(doc.crs, Point{cx, cy});
  double bar_max_pt = std::min(lw - 4, 120.0);
  double metres = nice_floor(bar_max_pt / s * L.metres_per_unit);
  L.scale_bar_metres = metres;
  L.scale_bar_label = format_distance(metres);
  double bar_pt = metres / L.metres_per_unit * s;
  double foot = L.frame.y + L.frame.h;
  L.scale_bar = {x, foot - 4 - 4, bar_pt, 4};
  L.north_arrow = {x + 2, foot - 4 - 4 - 16 - 30, 14, 26};
  (void)y;
  if (!doc.labels.empty()) {
    Measurer lm;
    L.labels =
        place_labels(doc.labels, L.world_to_pt, L.frame.x, L.frame.y, L.frame.w, L.frame.h,
                     [&](const std::string& t, double size, bool bold) { return lm.width(t, size, bold); });
  }
  return L;
}

void draw_background(cairo_t* cr, const MapDocument& doc, const PageSpec& page) {
  set_colour(cr, doc.background);
  cairo_rectangle(cr, 0, 0, page.width_pt, page.height_pt);
  cairo_fill(cr);
}

void draw_layout(cairo_t* cr, const MapDocument& doc, const MapLayout& L, TextSink* sink) {
  cairo_save(cr);
  // Frame
  set_colour(cr, kFrame);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, L.frame.x, L.frame.y, L.frame.w, L.frame.h);
  cairo_stroke(cr);

  // Title block
  double y = kMargin;
  if (!doc.title.empty()) {
    y += kTitleSize;
    text(cr, sink, kMargin, y, doc.title, kTitleSize, true, kInk);
    y += kTitleSize * 0.35;
  }
  if (!doc.subtitle.empty()) {
    y += kSubtitleSize * 1.2;
    text(cr, sink, kMargin, y, doc.subtitle, kSubtitleSize, false, kGrey);
  }

  // Legend
  double x = L.legend_column.x, right = L.legend_column.x + L.legend_column.w;
  double base = L.legend_column.y + kHeadSize;
  if (!doc.legend_title.empty()) text(cr, sink, x, base, doc.legend_title, kHeadSize, true, kInk);
  auto swatch = [&](const RectPt& r, Rgba c) {
    set_colour(cr, c);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_fill(cr);
    set_colour(cr, Rgba{120, 120, 120, 255});
    cairo_set_line_width(cr, 0.3);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_stroke(cr);
  };
  auto entry = [&](const RectPt& r, const LegendEntry& e) {
    swatch(r, e.colour);
    double bl = r.y + r.h - 1.5;
    text(cr, sink, r.x + r.w + 6, bl, e.label, kLabelSize, false, kInk);
    text(cr, sink, right, bl, count_text(e.count), kCountSize, false, kGrey, true);
  };
  if (doc.bivariate) {
    const auto& b = *doc.bivariate;
    for (size_t i = 0; i < 9 && i < L.bivariate_cells.size(); ++i) {
      const RectPt& r = L.bivariate_cells[i];
      set_colour(cr, b.cells[i]);
      cairo_rectangle(cr, r.x, r.y, r.w, r.h);
      cairo_fill(cr);
      if (b.counts[i] >= 0) {
        Rgba c = (b.cells[i].r * 299 + b.cells[i].g * 587 + b.cells[i].b * 114) / 1000 < 128
                     ? Rgba{255, 255, 255, 255}
                     : kInk;
        std::string t = thousands(b.counts[i]);
        cairo_set_font_face(cr, map_fonts().regular());
        cairo_set_font_size(cr, 5.5);
        cairo_text_extents_t e;
        cairo_text_extents(cr, t.c_str(), &e);
        text(cr, sink, r.x + (r.w - e.x_advance) / 2, r.y + r.h / 2 + 2, t, 5.5, false, c);
      }
    }
    const RectPt& g0 = L.bivariate_cells[0];  // bottom-left cell
    double gx = g0.x, gbottom = g0.y + g0.h;
    text(cr, sink, gx, gbottom + 9, b.x_title + " →", kLabelSize, false, kInk);
    cairo_save(cr);
    cairo_move_to(cr, gx - 5, gbottom);
    cairo_rotate(cr, -M_PI / 2);
    cairo_set_font_face(cr, map_fonts().regular());
    cairo_set_font_size(cr, kLabelSize);
    set_colour(cr, kInk);
    cairo_show_text(cr, (b.y_title + " →").c_str());
    cairo_new_path(cr);
    cairo_restore(cr);
  } else {
    for (size_t i = 0; i < doc.legend.size() && i < L.swatches.size(); ++i)
      entry(L.swatches[i], doc.legend[i]);
  }
  if (doc.no_data && !L.swatches.empty()) entry(L.swatches.back(), *doc.no_data);
  if (doc.points && !L.point_swatches.empty()) {
    text(cr, sink, x, L.point_swatches[0].y - 5, doc.points->title, kHeadSize, true, kInk);
    for (size_t i = 0; i < L.point_swatches.size(); ++i) {
      const RectPt& r = L.point_swatches[i];
      const auto& e = doc.points->legend[i];
      set_colour(cr, e.colour);
      symbol_path(cr, e.shape, r.x + r.w / 2, r.y + r.h / 2, r.h / 2 - 0.5);
      cairo_fill_preserve(cr);
      set_colour(cr, Rgba{255, 255, 255, 255});
      cairo_set_line_width(cr, 0.6);
      cairo_stroke(cr);
      double bl = r.y + r.h - 1.5;
      text(cr, sink, r.x + r.w + 6, bl, e.label, kLabelSize, false, kInk);
      text(cr, sink, right, bl, count_text(e.count), kCountSize, false, kGrey, true);
    }
  }
  double oy = (L.point_swatches.empty() ? (L.swatches.empty() ? L.legend_column.y + 60 : L.swatches.back().y)
                                        : L.point_swatches.back().y) +
              kRow + 6;
  if (!L.bivariate_cells.empty() && L.point_swatches.empty())
    oy = L.bivariate_cells[0].y + kCell + kRow * 1.6;
  for (const auto& o : doc.outlines) {
    if (o.label.empty()) continue;
    set_colour(cr, o.colour);
    cairo_set_line_width(cr, o.width_pt);
    cairo_move_to(cr, x, oy - 3);
    cairo_line_to(cr, x + kSwatchW, oy - 3);
    cairo_stroke(cr);
    text(cr, sink, x + kSwatchW + 6, oy, o.label, kLabelSize, false, kInk);
    oy += kRow;
  }

  // North arrow: a split arrowhead with an N above it.
  if (doc.north_arrow) {
    const RectPt& r = L.north_arrow;
    double cx = r.x + r.w / 2, tip = r.y + 10, tail = r.y + r.h;
    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, r.x, tail);
    cairo_line_to(cr, cx, tail - 5);
    cairo_close_path(cr);
    set_colour(cr, kInk);
    cairo_fill(cr);
    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, r.x + r.w, tail);
    cairo_line_to(cr, cx, tail - 5);
    cairo_close_path(cr);
    set_colour(cr, Rgba{255, 255, 255, 255});
    cairo_fill_preserve(cr);
    set_colour(cr, kInk);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    cairo_set_font_face(cr, map_fonts().bold());
    cairo_set_font_size(cr, 8);
    cairo_text_extents_t e;
    cairo_text_extents(cr, "N", &e);
    text(cr, sink, cx - e.x_advance / 2, r.y + 7.5, "N", 8, true, kInk);
  }

  // Scale bar: four alternating segments, 0 and the length labelled.
  if (doc.scale_bar) {
    const RectPt& b = L.scale_bar;
    for (int i = 0; i < 4; ++i) {
      cairo_rectangle(cr, b.x + b.w * i / 4, b.y, b.w / 4, b.h);
      set_colour(cr, i % 2 ? Rgba{255, 255, 255, 255} : kInk);
      cairo_fill(cr);
    }
    set_colour(cr, kInk);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, b.x, b.y, b.w, b.h);
    cairo_stroke(cr);
    text(cr, sink, b.x, b.y - 2.5, "0", kCountSize, false, kInk);
    text(cr, sink, b.x + b.w, b.y - 2.5, L.scale_bar_label, kCountSize, false, kInk, true);
  }

  // Attribution, bottom left.
  double ay = L.frame.y + L.frame.h + 6;
  for (const auto& line : doc.attribution) {
    ay += kAttribSize * 1.35;
    text(cr, sink, kMargin, ay, line, kAttribSize, false, kGrey);
  }
  cairo_restore(cr);
}

void draw_map_vectors(cairo_t* cr, const MapDocument& doc, const MapLayout& L, const Progress& progress,
                      AreaPaths paths) {
  CairoSink sink(cr);
  draw_map_vectors(sink, doc, L, progress, paths);
}

void draw_map_vectors(VectorSink& out, const MapDocument& doc, const MapLayout& L, const Progress& progress,
                      AreaPaths paths) {
  out.save();
  out.clip_rect(L.frame.x, L.frame.y, L.frame.w, L.frame.h);
  const auto& t = L.world_to_pt;
  auto add_rings = [&](const MultiPolygon& mp) {
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings) {
        if (ring.size() < 4) continue;
        out.move_to(t.px(ring[0].x), t.py(ring[0].y));
        for (size_t i = 1; i + 1 < ring.size(); ++i) out.line_to(t.px(ring[i].x), t.py(ring[i].y));
        out.close_path();
      }
  };
  if (doc.areas) {
    // Each area's border is stroked from its fill's path (PDF's fill-and-stroke operator, one SVG <path>),
    // so every vertex is written once, not again in a separate border path: that halves the path data that
    // Cairo's number formatting and deflate spend most of a PDF's time on. A later area's fill covers half
    // of an earlier border on their shared edge and its own stroke draws that edge again, so every border
    // still shows at its full width. Bevel joins: on a border this thin they differ from round ones by a
    // fraction of its width, and Cairo works out the exact extent of every stroke: round joins made that 9%
    // of an atlas (callgrind, 30 pages).
    const StrokeStyle border{doc.border_colour, doc.border_width_pt, LineJoin::Bevel};
    const StrokeStyle* borders = doc.border_width_pt > 0 ? &border : nullptr;
    auto fill_of = [&](size_t i) { return i < doc.fills.size() ? doc.fills[i] : Rgba{200, 200, 200, 255}; };
    const size_t n = doc.areas->size();
    if (paths == AreaPaths::PerArea) {
      // One path per visible area, so SVG consumers can pick areas apart.
      for (size_t i = 0; i < n; ++i) {
        if (i % 512 == 0) report(progress, 0.9 * double(i) / double(n), "drawing areas");
        const auto& mp = (*doc.areas)[i];
        if (!bbox_of(mp).intersects(L.visible)) continue;
        add_rings(mp);
        out.fill(fill_of(i), FillRule::EvenOdd, borders);
      }
    } else {
      // One path per colour (in order of first appearance): each area and each border looks the same, but
      // Cairo handles and writes tens of operations instead of thousands, each with its colours. Ingest
      // orients exteriors counter-clockwise and holes clockwise, so the non-zero rule fills every area of
      // the path and no hole; even-odd would empty a sliver where two areas overlap.
      std::vector<Rgba> colours;
      std::vector<std::vector<uint32_t>> members;
      for (size_t i = 0; i < n; ++i) {
        if (!bbox_of((*doc.areas)[i]).intersects(L.visible)) continue;
        Rgba c = fill_of(i);
        size_t k = size_t(std::find(colours.begin(), colours.end(), c) - colours.begin());
        if (k == colours.size()) {
          colours.push_back(c);
          members.emplace_back();
        }
        members[k].push_back(uint32_t(i));
      }
      for (size_t k = 0; k < colours.size(); ++k) {
        report(progress, 0.9 * double(k) / double(colours.size()), "drawing areas");
        for (uint32_t i : members[k]) add_rings((*doc.areas)[i]);
        out.fill(colours[k], FillRule::NonZero, borders);
      }
    }
  }
  // A boundary layer's rings, without the runs of segments that lie wholly outside the frame (grown by the
  // line's width): a large authority next to a small one's page was written whole, most of it clipped away.
  // A run's ends are then outside the grown frame, so their caps never show; a ring left whole stays closed.
  auto add_outline_rings = [&](const MultiPolygon& mp, double width_pt) {
    double m = (width_pt + 1) / std::max(t.scale, 1e-300);  // world units
    BBox keep{L.visible.minx - m, L.visible.miny - m, L.visible.maxx + m, L.visible.maxy + m};
    auto seg_in = [&](const Point& a, const Point& b) {
      return std::max(a.x, b.x) >= keep.minx && std::min(a.x, b.x) <= keep.maxx &&
             std::max(a.y, b.y) >= keep.miny && std::min(a.y, b.y) <= keep.maxy;
    };
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings) {
        const size_t n = ring.size();  // closed: ring[n - 1] == ring[0]
        if (n < 4) continue;
        size_t outside = n;  // a segment (i, i + 1) outside, where runs start after
        for (size_t i = 0; i + 1 < n && outside == n; ++i)
          if (!seg_in(ring[i], ring[i + 1])) outside = i;
        if (outside == n) {
          add_rings(MultiPolygon{Polygon{{ring}}});
          continue;
        }
        bool drawing = false;
        for (size_t k = 1; k < n; ++k) {  // segments after `outside`, round the ring back to it
          size_t i = (outside + k) % (n - 1), j = i + 1;
          if (!seg_in(ring[i], ring[j])) {
            drawing = false;
            continue;
          }
          if (!drawing) out.move_to(t.px(ring[i].x), t.py(ring[i].y));
          out.line_to(t.px(ring[j].x), t.py(ring[j].y));
          drawing = true;
        }
      }
  };
  for (const auto& o : doc.outlines) {
    if (!o.geoms) continue;
    for (const auto& mp : *o.geoms)
      if (bbox_of(mp).intersects(L.visible)) add_outline_rings(mp, o.width_pt);
    out.stroke(StrokeStyle{o.colour, o.width_pt, LineJoin::Round});
  }
  if (doc.areas && !doc.selection.empty()) {
    for (uint32_t a : doc.selection)
      if (a < doc.areas->size()) add_rings((*doc.areas)[a]);
    out.stroke(StrokeStyle{doc.selection_colour, 1.5, LineJoin::Round});
  }
  if (doc.points && doc.points->pts) {
    const auto& P = *doc.points;
    for (size_t i = 0; i < P.pts->size(); ++i) {
      Point p = (*P.pts)[i];
      if (!L.visible.contains(p)) continue;
      SymbolShape shape = i < P.shapes.size() ? P.shapes[i] : SymbolShape::circle;
      double cx = t.px(p.x), cy = t.py(p.y);
      if (shape == SymbolShape::circle) {
        out.circle(cx, cy, P.radius_pt);  // a real arc, so SVG/PDF keep them round
      } else {
        auto pts = symbol_outline(shape, cx, cy, P.radius_pt, true);
        for (size_t k = 0; k < pts.size(); ++k)
          k == 0 ? out.move_to(pts[k].x, pts[k].y) : out.line_to(pts[k].x, pts[k].y);
        out.close_path();
      }
      const StrokeStyle halo{Rgba{255, 255, 255, 255}, P.radius_pt * 0.3, LineJoin::Round};
      out.fill(i < P.colours.size() ? P.colours[i] : kInk, FillRule::EvenOdd, &halo);
    }
  }
  out.restore();
}

}  // namespace nbhd
