#pragma once
// The shapes of point symbols. Categories take the qualitative palette's colours first (all circles);
// past its last colour they cycle through the colours again as squares, then triangles, then diamonds
// (render/style/category_symbols.hpp has the rule). Every renderer draws the same outline from here, so
// PNG, SVG/PDF, the GL scene and the viewer's legend agree.
#include <cstdint>
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd {

enum class SymbolShape : uint8_t { circle = 0, square = 1, triangle = 2, diamond = 3 };
inline constexpr int kSymbolShapes = 4;

// Sizes relative to the circle's radius, chosen so each shape has about the circle's area (a square
// of half side 0.886 and a diamond of half diagonal 1.25 match it; the triangle is a little smaller,
// circumradius 1.4, so its apex does not poke far out of a cluster). The GL point shader uses the same.
inline constexpr double kSquareHalfSide = 0.886, kDiamondHalfDiagonal = 1.25, kTriangleCircumradius = 1.4;

// The outline of a symbol of `radius` centred at (cx, cy), counter-clockwise with y up, or clockwise on a
// y-down image; a circle is a 20-gon. `y_down`: the triangle's apex points to smaller y (up on an image).
std::vector<Point> symbol_outline(SymbolShape shape, double cx, double cy, double radius, bool y_down);

}  // namespace nbhd
