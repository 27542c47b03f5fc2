#pragma once
// Test helpers for rendered output: decode a PNG into RGBA pixels, count SVG paths outside glyph
// definitions, and read pdfinfo's page report.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "render/style/color.hpp"

namespace nbhd::test {

struct Pixels {
  int w = 0, h = 0;
  std::vector<uint8_t> rgba;
  Rgba at(int x, int y) const {
    const uint8_t* p = &rgba[(size_t(y) * size_t(w) + size_t(x)) * 4];
    return {p[0], p[1], p[2], p[3]};
  }
};

// Decodes any PNG libpng reads (our writer's RGB included); throws std::runtime_error when invalid.
Pixels read_png(const std::filesystem::path& p);

// Parses an SVG with libxml2 (throws when it is not well-formed) and returns the fill colour ("#rrggbb"
// or "rgb(...)", as written) of every <path> that is not inside <defs>/<symbol> (glyph outlines).
std::vector<std::string> svg_path_fills(const std::filesystem::path& p);

// Every <text> element of an SVG (libxml2; throws when it is not well-formed): its text, position, font
// family (its own or the nearest ancestor's) and stroke (the halo; "" = none).
struct SvgText {
  std::string text;
  double x = 0, y = 0;
  std::string font_family, stroke;
};
std::vector<SvgText> svg_texts(const std::filesystem::path& p);

// Output of `pdfinfo FILE` ("" when pdfinfo failed).
std::string pdfinfo(const std::filesystem::path& p);

}  // namespace nbhd::test

namespace nbhd::test {
// Streams a PNG row by row (RGBA), calling row(y, pixels) for each, so huge images are checked without
// holding them in memory. Returns {width, height}.
std::pair<int, int> scan_png_rows(const std::filesystem::path& p,
                                  const std::function<void(int y, const uint8_t* rgba)>& row);
}  // namespace nbhd::test
