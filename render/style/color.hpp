#pragma once
// 8-bit sRGB colour with alpha, the unit every renderer output (GL, PNG, SVG, PDF) shares exactly.
#include <cstdint>
#include <string>
#include <string_view>

namespace nbhd {

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  friend bool operator==(const Rgba&, const Rgba&) = default;
};

// "#rrggbb" or "#rrggbbaa" (leading '#' optional); throws nbhd::Error naming the text otherwise.
Rgba parse_hex_colour(std::string_view hex);
std::string to_hex(Rgba c);  // "#rrggbb", or "#rrggbbaa" when not opaque

}  // namespace nbhd
