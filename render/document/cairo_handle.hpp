#pragma once
// Owners for Cairo contexts and surfaces (the layout's measurer, the exporters' pages and strips).
#include <cairo.h>

#include <memory>

namespace nbhd {

struct CairoDel {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDel>;
using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoDel>;

}  // namespace nbhd
