#include "render/style/symbol_shape.hpp"

#include <cmath>

namespace nbhd {

std::vector<Point> symbol_outline(SymbolShape shape, double cx, double cy, double r, bool y_down) {
  double up = y_down ? -1 : 1;
  std::vector<Point> p;
  switch (shape) {
    case SymbolShape::circle: {
      constexpr int kSides = 20;
      for (int i = 0; i < kSides; ++i) {
        double a = 2 * M_PI * i / kSides;
        p.push_back({cx + r * std::cos(a), cy + up * r * std::sin(a)});
      }
      break;
    }
    case SymbolShape::square: {
      double h = kSquareHalfSide * r;
      p = {{cx - h, cy - up * h}, {cx + h, cy - up * h}, {cx + h, cy + up * h}, {cx - h, cy + up * h}};
      break;
    }
    case SymbolShape::triangle: {
      double R = kTriangleCircumradius * r;
      p = {{cx - R * 0.8660254, cy - up * R / 2}, {cx + R * 0.8660254, cy - up * R / 2}, {cx, cy + up * R}};
      break;
    }
    case SymbolShape::diamond: {
      double d = kDiamondHalfDiagonal * r;
      p = {{cx, cy - up * d}, {cx + d, cy}, {cx, cy + up * d}, {cx - d, cy}};
      break;
    }
  }
  return p;
}

}  // namespace nbhd
