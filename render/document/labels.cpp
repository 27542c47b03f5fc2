#include "render/document/labels.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "render/document/fonts.hpp"

namespace nbhd {

namespace {

constexpr double kHaloFraction = 0.18;  // halo width per point of text size (each side)
// The Cairo colours below (white at 0.9, grey 0.1), for the SVG's <text>.
constexpr Rgba kHalo{255, 255, 255, 230}, kLabelInk{26, 26, 26, 255};
constexpr double kGridPt = 24;  // cell of the overlap grid

struct Candidate {
  size_t layer, feature;
  bool selected;
  double radius;
};

bool overlaps(const PlacedLabel& a, const PlacedLabel& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

}  // namespace

std::vector<PlacedLabel> place_labels(const std::vector<LabelLayer>& layers, const PixelTransform& t,
                                      double fx, double fy, double fw, double fh, const TextWidth& width) {
  std::vector<Candidate> cands;
  for (size_t l = 0; l < layers.size(); ++l) {
    const LabelLayer& L = layers[l];
    for (size_t i = 0; i < L.texts.size() && i < L.anchors.size(); ++i) {
      if (L.texts[i].empty() || L.anchors[i].radius <= 0) continue;
      double ax = t.px(L.anchors[i].at.x), ay = t.py(L.anchors[i].at.y);
      if (ax < fx || ax > fx + fw || ay < fy || ay > fy + fh) continue;
      cands.push_back({l, i, i < L.selected.size() && L.selected[i], L.anchors[i].radius});
    }
  }
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    return std::make_tuple(a.layer, !a.selected, -a.radius, a.feature) <
           std::make_tuple(b.layer, !b.selected, -b.radius, b.feature);
  });
  std::vector<PlacedLabel> out;
  std::unordered_map<long long, std::vector<size_t>> grid;  // cell -> placed labels touching it
  auto cells = [&](const PlacedLabel& p, auto&& f) {
    for (long long cy = (long long)std::floor(p.y / kGridPt);
         cy <= (long long)std::floor((p.y + p.h) / kGridPt); ++cy)
      for (long long cx = (long long)std::floor(p.x / kGridPt);
           cx <= (long long)std::floor((p.x + p.w) / kGridPt); ++cx)
        f(cy * 1000003 + cx);
  };
  for (const Candidate& c : cands) {
    const LabelLayer& L = layers[c.layer];
    double r_pt = c.radius * t.scale;
    double halo = L.size_pt * kHaloFraction;
    PlacedLabel p;
    p.layer = c.layer, p.feature = c.feature, p.text = L.texts[c.feature];
    p.size_pt = L.size_pt, p.bold = L.bold;
    p.anchor = {t.px(L.anchors[c.feature].at.x), t.py(L.anchors[c.feature].at.y)};
    p.w = width(p.text, L.size_pt, L.bold) + 2 * halo;
    p.h = L.size_pt * 1.2 + 2 * halo;
    p.x = p.anchor.x - p.w / 2, p.y = p.anchor.y - p.h / 2;
    // Fits at this scale: the name stays about within its polygon's largest inscribed circle.
    if (p.w > 3 * r_pt || p.h > 2 * r_pt) continue;
    if (p.x < fx || p.y < fy || p.x + p.w > fx + fw || p.y + p.h > fy + fh) continue;
    bool clash = false;
    cells(p, [&](long long k) {
      if (clash) return;
      auto it = grid.find(k);
      if (it != grid.end())
        for (size_t j : it->second)
          if (overlaps(p, out[j])) {
            clash = true;
            return;
          }
    });
    if (clash) continue;
    cells(p, [&](long long k) { grid[k].push_back(out.size()); });
    out.push_back(std::move(p));
  }
  return out;
}

void draw_labels(cairo_t* cr, const std::vector<PlacedLabel>& labels, TextSink* sink) {
  double cx0, cy0, cx1, cy1;
  cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
  cairo_save(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const PlacedLabel& p : labels) {
    if (p.y > cy1 || p.y + p.h < cy0 || p.x > cx1 || p.x + p.w < cx0) continue;
    double halo = p.size_pt * kHaloFraction;
    cairo_set_font_face(cr, p.bold ? map_fonts().bold() : map_fonts().regular());
    cairo_set_font_size(cr, p.size_pt);
    // Baseline so the capitals sit centred on the anchor.
    double base = p.anchor.y + p.size_pt * 0.36;
    if (sink) {
      TextItem t;
      t.x = p.x + halo, t.baseline = base, t.text = p.text, t.size_pt = p.size_pt, t.bold = p.bold;
      t.colour = kLabelInk, t.halo_pt = halo, t.halo_colour = kHalo;
      sink->push_back(t);
      continue;
    }
    cairo_move_to(cr, p.x + halo, base);
    cairo_text_path(cr, p.text.c_str());
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_set_line_width(cr, 2 * halo);
    cairo_stroke(cr);
    cairo_move_to(cr, p.x + halo, base);
    cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 1);
    cairo_show_text(cr, p.text.c_str());  // real text in PDF and SVG (glyphs Cairo embeds)
    cairo_new_path(cr);
  }
  cairo_restore(cr);
}

}  // namespace nbhd
