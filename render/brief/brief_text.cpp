#include "render/brief/brief_text.hpp"

#include <cmath>
#include <cstdio>

#include "base/text.hpp"
#include "render/document/fonts.hpp"
#include "render/document/layout.hpp"

namespace nbhd::brief_text {

namespace {

void use_font(cairo_t* cr, double size, bool bold) {
  cairo_set_font_face(cr, bold ? map_fonts().bold() : map_fonts().regular());
  cairo_set_font_size(cr, size);
}

void set_colour(cairo_t* cr, Rgba c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

// The byte length of the UTF-8 character starting at s[i].
size_t char_len(const std::string& s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(n, s.size() - i);
}

}  // namespace

double width(cairo_t* cr, const std::string& s, double size, bool bold) {
  if (s.empty()) return 0;
  use_font(cr, size, bold);
  cairo_text_extents_t e;
  cairo_text_extents(cr, s.c_str(), &e);
  return e.x_advance;
}

std::vector<std::string> wrap(cairo_t* cr, const std::string& s, double size, bool bold, double w) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    std::string word = s.substr(i, j - i);
    i = j + 1;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (width(cr, candidate, size, bold) <= w) {
      line = candidate;
      continue;
    }
    if (!line.empty()) lines.push_back(line);
    line.clear();
    // A word wider than the line (a path, a long code) is broken between characters.
    while (width(cr, word, size, bold) > w) {
      size_t k = 0, fit = 0;
      while (k < word.size()) {
        size_t n = char_len(word, k);
        if (width(cr, word.substr(0, k + n), size, bold) > w) break;
        k += n;
        fit = k;
      }
      if (fit == 0) fit = char_len(word, 0);
      lines.push_back(word.substr(0, fit));
      word = word.substr(fit);
    }
    line = word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

double fit_size(cairo_t* cr, const std::string& s, double size, bool bold, double w, double min_size) {
  double wd = width(cr, s, size, bold);
  if (wd <= w || wd <= 0) return size;
  return std::max(min_size, size * w / wd);
}

void draw(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, Rgba c, Align a) {
  if (s.empty()) return;
  double wd = a == Align::Left ? 0 : width(cr, s, size, bold);
  if (a == Align::Right) x -= wd;
  if (a == Align::Centre) x -= wd / 2;
  use_font(cr, size, bold);
  set_colour(cr, c);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, s.c_str());
  cairo_new_path(cr);
}

double draw_wrapped(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, Rgba c,
                    double w, double leading) {
  for (const auto& line : wrap(cr, s, size, bold, w)) {
    draw(cr, x, y, line, size, bold, c);
    y += leading;
  }
  return y;
}

void rule(cairo_t* cr, double x0, double x1, double y, Rgba c, double width_pt) {
  set_colour(cr, c);
  cairo_set_line_width(cr, width_pt);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
}

std::string number(double v) {
  if (std::isnan(v)) return "no data";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return thousands(static_cast<long long>(v));
  // Three decimals at most, trailing zeros dropped: comparators and rates, not round-trip values.
  char buf[64];
  std::snprintf(buf, sizeof buf, std::fabs(v) >= 0.01 ? "%.3f" : "%.3g", v);
  std::string s = buf;
  if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace nbhd::brief_text
