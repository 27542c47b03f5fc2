#pragma once
// A grid of small areas, enough that the tessellator and the rasteriser split their work over threads:
// 40 x 30 cells of 200 m in BNG, 32 vertices a ring, every fifth with a hole.
#include <vector>

#include "geo/model/geometry.hpp"

namespace nbhd::test {

inline std::vector<MultiPolygon> worker_grid() {
  std::vector<MultiPolygon> geoms;
  const double X = 380000, Y = 395000, S = 200;
  for (int r = 0; r < 30; ++r)
    for (int c = 0; c < 40; ++c) {
      double x0 = X + c * S, y0 = Y + r * S;
      Ring ring;
      for (int k = 0; k < 8; ++k) {  // counter-clockwise, 8 vertices a side
        double f = k / 8.0;
        ring.push_back({x0 + f * S, y0});
      }
      for (int k = 0; k < 8; ++k) {
        double f = k / 8.0;
        ring.push_back({x0 + S, y0 + f * S});
      }
      for (int k = 0; k < 8; ++k) {
        double f = k / 8.0;
        ring.push_back({x0 + S - f * S, y0 + S});
      }
      for (int k = 0; k < 8; ++k) {
        double f = k / 8.0;
        ring.push_back({x0, y0 + S - f * S});
      }
      ring.push_back(ring.front());
      Polygon p{{ring}};
      if ((r * 40 + c) % 5 == 0) {
        Ring hole;  // 40 m square, clockwise
        for (Point d : {Point{80, 80}, Point{80, 120}, Point{120, 120}, Point{120, 80}, Point{80, 80}})
          hole.push_back({x0 + d.x, y0 + d.y});
        p.rings.push_back(hole);
      }
      geoms.push_back({p});
    }
  return geoms;
}

}  // namespace nbhd::test
