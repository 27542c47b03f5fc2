#pragma once
// Text on a brief's page: DejaVu Sans (the maps' font) measured, wrapped at word boundaries (a word too
// long for the line is broken), shrunk to fit one line, and drawn left, right or centred. Sizes are in
// points; y is the baseline.
#include <cairo.h>

#include <string>
#include <vector>

#include "render/style/color.hpp"

namespace nbhd::brief_text {

inline const Rgba kInk{33, 33, 33, 255}, kGrey{96, 96, 96, 255}, kRule{190, 190, 190, 255},
    kAccent{0, 110, 170, 255}, kWarn{170, 40, 30, 255};

double width(cairo_t* cr, const std::string& s, double size, bool bold);
// Lines of `s` no wider than `w`.
std::vector<std::string> wrap(cairo_t* cr, const std::string& s, double size, bool bold, double w);
// The largest size <= `size` (and >= `min_size`) at which `s` fits `w` on one line.
double fit_size(cairo_t* cr, const std::string& s, double size, bool bold, double w, double min_size);

enum class Align { Left, Right, Centre };
void draw(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, Rgba c,
          Align a = Align::Left);
// Draws wrapped lines from baseline `y` with `leading` between baselines; returns the baseline after the
// last line.
double draw_wrapped(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold, Rgba c,
                    double w, double leading);

void rule(cairo_t* cr, double x0, double x1, double y, Rgba c, double width_pt = 0.5);

// "12,345", "12.3", "0.045": numbers as the tables print them (format_number) with thousands separators
// on integers.
std::string number(double v);

}  // namespace nbhd::brief_text
