#include "data/demo_basemap.hpp"

#include <algorithm>
#include <cmath>

namespace nbhd {

namespace {

constexpr double kMetresPerPx = 20;
constexpr double kPi = 3.14159265358979323846;

struct Rgb8 {
  double r, g, b;
};

const Rgb8 kTown{242, 238, 230}, kCountry{228, 236, 214}, kPark{178, 218, 160}, kStreet{255, 255, 255},
    kMain{246, 205, 120}, kRiver{160, 200, 232};

// Coverage of a line `half` pixels wide at distance `d` pixels from its centre: one pixel of anti-aliasing.
double cover(double d, double half) {
  return std::clamp(half + 0.5 - d, 0.0, 1.0);
}

void blend(Rgb8& c, const Rgb8& over, double k) {
  c.r += (over.r - c.r) * k, c.g += (over.g - c.g) * k, c.b += (over.b - c.b) * k;
}

// Distance (metres) to the nearest line of a wobbly family of parallel streets `spacing` apart.
double street_distance(double u, double v, double spacing, double phase) {
  double w = u + 38 * std::sin(v / 610 + phase);
  return std::abs(w - spacing * std::round(w / spacing));
}

}  // namespace

RgbaImage draw_demo_basemap(Point centre, double reach, const std::function<bool(Point)>& in_town,
                            const std::vector<Point>& parks) {
  RgbaImage img;
  img.width = img.height = int(std::lround(2 * reach / kMetresPerPx));
  img.world = BBox{centre.x - reach, centre.y - reach, centre.x + reach, centre.y + reach};
  img.rgba.resize(size_t(img.width) * size_t(img.height) * 4);
  const double ca = std::cos(0.35), sa = std::sin(0.35);
  for (int py = 0; py < img.height; ++py)
    for (int px = 0; px < img.width; ++px) {
      Point p{img.world.minx + (px + 0.5) * kMetresPerPx, img.world.maxy - (py + 0.5) * kMetresPerPx};
      double dx = p.x - centre.x, dy = p.y - centre.y, r = std::hypot(dx, dy);
      bool town = in_town(p);
      Rgb8 c = town ? kTown : kCountry;
      // Parks: round-ish patches of 160-360 m, their size from their position (deterministic).
      for (size_t i = 0; i < parks.size(); ++i) {
        if (std::abs(p.x - parks[i].x) > 400 || std::abs(p.y - parks[i].y) > 400) continue;
        double pr = 160 + 200 * std::fmod(std::abs(parks[i].x * 0.37 + parks[i].y * 0.11), 1.0);
        double d = std::hypot(p.x - parks[i].x, (p.y - parks[i].y) * 1.3) - pr;
        if (d < kMetresPerPx) blend(c, kPark, std::clamp(0.5 - d / kMetresPerPx, 0.0, 1.0));
      }
      // Residential streets: two crossing families on a grid turned 20 degrees, in town only.
      if (town) {
        double u = dx * ca + dy * sa, v = -dx * sa + dy * ca;
        double d = std::min(street_distance(u, v, 330, 0.0), street_distance(v, u, 410, 1.7));
        blend(c, kStreet, cover(d / kMetresPerPx, 0.6));
      }
      // A river from west to east, meandering.
      double river_y = centre.y - 900 + 420 * std::sin(dx / 1500) + 160 * std::sin(dx / 430);
      blend(c, kRiver, cover(std::abs(p.y - river_y) / kMetresPerPx, 2.2));
      // Main roads: six radial roads out of the centre and a ring road.
      double ring = std::abs(r - 2600);
      double radial = 1e18;
      for (int k = 0; k < 6; ++k) {
        double t = 0.3 + k * kPi / 3, ux = std::cos(t), uy = std::sin(t);
        if (dx * ux + dy * uy > 0) radial = std::min(radial, std::abs(-dx * uy + dy * ux));
      }
      blend(c, kMain, cover(std::min(ring, radial) / kMetresPerPx, 1.6));
      uint8_t* o = &img.rgba[(size_t(py) * size_t(img.width) + size_t(px)) * 4];
      o[0] = uint8_t(std::lround(c.r)), o[1] = uint8_t(std::lround(c.g)), o[2] = uint8_t(std::lround(c.b));
      o[3] = 255;
    }
  return img;
}

}  // namespace nbhd
