#pragma once
// A PDF content stream written directly: the atlas's map bodies (draw_map_vectors into this sink), put under
// each page's Cairo-drawn title, legend and scale bar by pdf_pages. Cairo's PDF writer formats every
// coordinate with printf and deflates at zlib's default level, in one thread per document: most of an
// atlas's time. Here a coordinate is an integer conversion, and the caller picks the deflate level.
//
// Contract: callers give page points with y down (as to Cairo); the stream flips y itself and is wrapped in
// q ... Q, so it leaves no state behind for the content after it. Coordinates are written to 0.01 pt
// (Cairo's paths hold 1/256 pt; 0.01 pt is 3.5 um on paper), colours to 1/10000, opaque only (no
// transparency: callers check is_opaque and draw anything else through Cairo). Colour, line width and
// join are written only when they change. Speed: about 10 ns a coordinate before deflate.
#include <string>
#include <vector>

#include "render/document/vector_sink.hpp"

namespace nbhd {

class PdfContentSink final : public VectorSink {
 public:
  explicit PdfContentSink(double page_height_pt);
  void move_to(double x, double y) override;
  void line_to(double x, double y) override;
  void close_path() override;
  void circle(double cx, double cy, double r) override;
  void fill(Rgba colour, FillRule rule, const StrokeStyle* stroke) override;
  void stroke(const StrokeStyle& style) override;
  void save() override;
  void restore() override;
  void clip_rect(double x, double y, double w, double h) override;
  // Fills a rectangle (the page background).
  void fill_rect(double x, double y, double w, double h, Rgba colour);

  // The operators, complete (the closing Q added), uncompressed; once (the sink gives up its buffer).
  std::string finish();

 private:
  struct State {
    Rgba fill{0, 0, 0, 255}, stroke{0, 0, 0, 255};
    double width = 1;
    LineJoin join = LineJoin::Round;
    bool fill_set = false, stroke_set = false, width_set = false, join_set = false;
  };
  void num(double v);      // 0.01 precision, then a space
  void colour(double v);   // 1/10000 precision, then a space
  void op(const char* o);  // the operator and a newline
  void set_fill(Rgba c);
  void set_stroke(const StrokeStyle& s);
  std::string out_;
  std::vector<State> stack_{State{}};
  bool finished_ = false;
};

// `data` deflated with zlib at `level` (1 fastest .. 9 smallest), for a /FlateDecode stream.
std::string deflate_stream(const std::string& data, int level);

}  // namespace nbhd
