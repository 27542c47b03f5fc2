#include "render/export/pdf_content.hpp"

#include <zlib.h>

#include <charconv>
#include <cmath>

#include "base/error.hpp"

namespace nbhd {

PdfContentSink::PdfContentSink(double page_height_pt) {
  out_.reserve(1 << 16);
  out_ += "q\n1 0 0 -1 0 ";
  num(page_height_pt);
  op("cm");
}

void PdfContentSink::num(double v) {
  long long q = std::llround(v * 100);
  if (q < 0) {
    out_ += '-';
    q = -q;
  }
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, q / 100);
  out_.append(buf, r.ptr);
  if (int f = int(q % 100); f != 0) {
    out_ += '.';
    out_ += char('0' + f / 10);
    if (f % 10) out_ += char('0' + f % 10);
  }
  out_ += ' ';
}

void PdfContentSink::colour(double v) {
  long long q = std::llround(v * 10000);
  if (q >= 10000) {
    out_ += "1 ";
    return;
  }
  if (q <= 0) {
    out_ += "0 ";
    return;
  }
  char buf[8] = {
      '0', '.', char('0' + q / 1000), char('0' + q / 100 % 10), char('0' + q / 10 % 10), char('0' + q % 10)};
  size_t n = 6;
  while (buf[n - 1] == '0') --n;
  out_.append(buf, n);
  out_ += ' ';
}

void PdfContentSink::op(const char* o) {
  out_ += o;
  out_ += '\n';
}

void PdfContentSink::move_to(double x, double y) {
  num(x), num(y), op("m");
}

void PdfContentSink::line_to(double x, double y) {
  num(x), num(y), op("l");
}

void PdfContentSink::close_path() {
  op("h");
}

void PdfContentSink::circle(double cx, double cy, double r) {
  // Four cubic Béziers, each a quarter circle (control points at kappa * r: radial error 0.03% of r).
  const double k = 0.5522847498307936 * r;
  num(cx + r), num(cy), op("m");
  num(cx + r), num(cy + k), num(cx + k), num(cy + r), num(cx), num(cy + r), op("c");
  num(cx - k), num(cy + r), num(cx - r), num(cy + k), num(cx - r), num(cy), op("c");
  num(cx - r), num(cy - k), num(cx - k), num(cy - r), num(cx), num(cy - r), op("c");
  num(cx + k), num(cy - r), num(cx + r), num(cy - k), num(cx + r), num(cy), op("c");
  op("h");
}

void PdfContentSink::set_fill(Rgba c) {
  State& s = stack_.back();
  if (s.fill_set && s.fill == c) return;
  colour(c.r / 255.0), colour(c.g / 255.0), colour(c.b / 255.0), op("rg");
  s.fill = c, s.fill_set = true;
}

void PdfContentSink::set_stroke(const StrokeStyle& st) {
  State& s = stack_.back();
  if (!s.stroke_set || !(s.stroke == st.colour)) {
    colour(st.colour.r / 255.0), colour(st.colour.g / 255.0), colour(st.colour.b / 255.0), op("RG");
    s.stroke = st.colour, s.stroke_set = true;
  }
  if (!s.width_set || s.width != st.width) {
    num(st.width), op("w");
    s.width = st.width, s.width_set = true;
  }
  if (!s.join_set || s.join != st.join) {
    op(st.join == LineJoin::Bevel ? "2 j" : "1 j");
    s.join = st.join, s.join_set = true;
  }
}

void PdfContentSink::fill(Rgba c, FillRule rule, const StrokeStyle* stroke) {
  set_fill(c);
  if (stroke) set_stroke(*stroke);
  const bool nz = rule == FillRule::NonZero;
  op(stroke ? (nz ? "B" : "B*") : (nz ? "f" : "f*"));
}

void PdfContentSink::stroke(const StrokeStyle& style) {
  set_stroke(style);
  op("S");
}

void PdfContentSink::save() {
  op("q");
  stack_.push_back(stack_.back());
}

void PdfContentSink::restore() {
  if (stack_.size() < 2) throw Error("PDF content: restore without a save");
  op("Q");
  stack_.pop_back();
}

void PdfContentSink::clip_rect(double x, double y, double w, double h) {
  num(x), num(y), num(w), num(h), op("re W n");
}

void PdfContentSink::fill_rect(double x, double y, double w, double h, Rgba c) {
  set_fill(c);
  num(x), num(y), num(w), num(h), op("re f");
}

std::string PdfContentSink::finish() {
  if (finished_) throw Error("PDF content: finished twice");
  if (stack_.size() != 1) throw Error("PDF content: a save without its restore");
  op("Q");
  finished_ = true;
  return std::move(out_);
}

std::string deflate_stream(const std::string& data, int level) {
  uLongf size = compressBound(uLong(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                uLong(data.size()), level) != Z_OK)
    throw Error("cannot compress a PDF content stream (out of memory)");
  out.resize(size);
  return out;
}

}  // namespace nbhd
