#include "render/style/color.hpp"

#include <cstdio>

#include "base/error.hpp"

namespace nbhd {

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Rgba parse_hex_colour(std::string_view hex) {
  std::string_view s = hex;
  if (!s.empty() && s[0] == '#') s.remove_prefix(1);
  if (s.size() != 6 && s.size() != 8)
    throw Error("colour '" + std::string(hex) + "' is not of the form #rrggbb or #rrggbbaa");
  uint8_t v[4] = {0, 0, 0, 255};
  for (size_t i = 0; i < s.size() / 2; ++i) {
    int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
    if (hi < 0 || lo < 0)
      throw Error("colour '" + std::string(hex) + "' has a character that is not hexadecimal");
    v[i] = uint8_t(hi * 16 + lo);
  }
  return {v[0], v[1], v[2], v[3]};
}

std::string to_hex(Rgba c) {
  char buf[10];
  if (c.a == 255)
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  else
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
  return buf;
}

}  // namespace nbhd
