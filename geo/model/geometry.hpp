#pragma once
// Plain value types for geometry in the working CRS (metres). No GEOS or GDAL handles live in the model,
// so layers copy, move and cross threads freely; GEOS geometries are built on demand (geos_bridge.hpp).
#include <algorithm>
#include <limits>
#include <vector>

namespace nbhd {

struct Point {
  double x = 0, y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

// A closed ring: front() == back(). Exterior rings are counter-clockwise, holes clockwise after ingest.
using Ring = std::vector<Point>;

struct Polygon {
  std::vector<Ring> rings;  // rings[0] is the exterior, the rest are holes
};

using MultiPolygon = std::vector<Polygon>;

struct BBox {
  double minx = std::numeric_limits<double>::infinity();
  double miny = std::numeric_limits<double>::infinity();
  double maxx = -std::numeric_limits<double>::infinity();
  double maxy = -std::numeric_limits<double>::infinity();

  bool empty() const { return minx > maxx || miny > maxy; }
  double width() const { return empty() ? 0 : maxx - minx; }
  double height() const { return empty() ? 0 : maxy - miny; }
  void expand(Point p) {
    minx = std::min(minx, p.x);
    miny = std::min(miny, p.y);
    maxx = std::max(maxx, p.x);
    maxy = std::max(maxy, p.y);
  }
  void expand(const BBox& b) {
    if (b.empty()) return;
    expand(Point{b.minx, b.miny});
    expand(Point{b.maxx, b.maxy});
  }
  bool intersects(const BBox& b) const {
    return !(b.minx > maxx || b.maxx < minx || b.miny > maxy || b.maxy < miny);
  }
  bool contains(Point p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
};

BBox bbox_of(const MultiPolygon& mp);

// Signed area of a closed ring (shoelace): positive when counter-clockwise.
double signed_area(const Ring& r);

// True when every coordinate is a finite number (no NaN, no infinity).
bool finite(const MultiPolygon& mp);

// Closes rings, drops repeated consecutive points and rings too short to bound an area (and polygons left
// without an exterior), and orients exteriors counter-clockwise and holes clockwise. Returns true when a
// ring was dropped. Afterwards every ring is closed with >= 4 points, as GEOS requires.
bool clean_rings(MultiPolygon& mp);

// Area of a multipolygon: exteriors minus holes.
double area(const MultiPolygon& mp);

// Even-odd point-in-polygon over all rings of all parts. Points exactly on an edge count as inside.
bool contains(const MultiPolygon& mp, Point p);

}  // namespace nbhd
