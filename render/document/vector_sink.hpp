#pragma once
// Where draw_map_vectors puts the map's vectors: paths in page points (y down), filled and stroked. Two
// sinks: CairoSink draws through a cairo_t (the PDF, SVG and PNG surfaces of export, brief and facets);
// PdfContentSink (render/export/pdf_content.hpp) writes PDF content-stream operators itself, which the
// atlas uses because Cairo's PDF writer spends most of a page formatting numbers and deflating at its
// default level, in one thread per document.
//
// A path is built with move_to/line_to/close_path/circle/rectangle and consumed by fill, stroke or clip.
// Colours are opaque for PdfContentSink (it has no transparency groups): callers check with is_opaque.
#include <cairo.h>

#include "render/style/color.hpp"

namespace nbhd {

enum class LineJoin { Round, Bevel };

struct StrokeStyle {
  Rgba colour{0, 0, 0, 255};
  double width = 1;
  LineJoin join = LineJoin::Round;
};

enum class FillRule { NonZero, EvenOdd };

class VectorSink {
 public:
  virtual ~VectorSink() = default;
  virtual void move_to(double x, double y) = 0;
  virtual void line_to(double x, double y) = 0;
  virtual void close_path() = 0;
  virtual void circle(double cx, double cy, double r) = 0;  // a closed sub-path
  // Fills the current path, then (given a style) strokes the same path, and clears it.
  virtual void fill(Rgba colour, FillRule rule, const StrokeStyle* stroke) = 0;
  virtual void stroke(const StrokeStyle& style) = 0;  // strokes the current path and clears it
  virtual void save() = 0;
  virtual void restore() = 0;
  // Intersects the clip with a rectangle (the current path must be empty).
  virtual void clip_rect(double x, double y, double w, double h) = 0;
};

// Draws through a Cairo context, in the calls export made before sinks existed (same bytes out).
class CairoSink final : public VectorSink {
 public:
  explicit CairoSink(cairo_t* cr) : cr_(cr) {}
  void move_to(double x, double y) override { cairo_move_to(cr_, x, y); }
  void line_to(double x, double y) override { cairo_line_to(cr_, x, y); }
  void close_path() override { cairo_close_path(cr_); }
  void circle(double cx, double cy, double r) override;
  void fill(Rgba colour, FillRule rule, const StrokeStyle* stroke) override;
  void stroke(const StrokeStyle& style) override;
  void save() override { cairo_save(cr_); }
  void restore() override { cairo_restore(cr_); }
  void clip_rect(double x, double y, double w, double h) override;

 private:
  cairo_t* cr_;  // not owned
};

inline bool is_opaque(Rgba c) {
  return c.a == 255;
}

}  // namespace nbhd
