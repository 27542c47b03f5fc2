#pragma once
// The demo borough's own basemap: streets, main roads, a river and parks of Eastbrook drawn by hand into a
// pixel buffer (no map data from anywhere), so `nbhd render --basemap` and the viewer's basemap work and
// are tested offline. Deterministic.
#include <functional>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/vector/basemap.hpp"

namespace nbhd {

// `centre` and `reach`: the borough's centre and the half-width of the square the image covers (metres,
// EPSG:27700); `in_town(p)`: whether p lies in the built-up borough (streets are drawn there); `parks`:
// centres of parks (drawn as green patches). 20 m a pixel.
RgbaImage draw_demo_basemap(Point centre, double reach, const std::function<bool(Point)>& in_town,
                            const std::vector<Point>& parks);

}  // namespace nbhd
