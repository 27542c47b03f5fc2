#include "render/document/vector_sink.hpp"

#include <cmath>

namespace nbhd {

namespace {

void set_source(cairo_t* cr, Rgba c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

void set_stroke(cairo_t* cr, const StrokeStyle& s) {
  set_source(cr, s.colour);
  cairo_set_line_width(cr, s.width);
  cairo_set_line_join(cr, s.join == LineJoin::Bevel ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
}

}  // namespace

void CairoSink::circle(double cx, double cy, double r) {
  cairo_new_sub_path(cr_);
  cairo_arc(cr_, cx, cy, r, 0, 2 * M_PI);
}

void CairoSink::fill(Rgba colour, FillRule rule, const StrokeStyle* stroke) {
  cairo_set_fill_rule(cr_, rule == FillRule::NonZero ? CAIRO_FILL_RULE_WINDING : CAIRO_FILL_RULE_EVEN_ODD);
  set_source(cr_, colour);
  if (!stroke) {
    cairo_fill(cr_);
    return;
  }
  cairo_fill_preserve(cr_);
  set_stroke(cr_, *stroke);
  cairo_stroke(cr_);
}

void CairoSink::stroke(const StrokeStyle& style) {
  set_stroke(cr_, style);
  cairo_stroke(cr_);
}

void CairoSink::clip_rect(double x, double y, double w, double h) {
  cairo_rectangle(cr_, x, y, w, h);
  cairo_clip(cr_);
}

}  // namespace nbhd
