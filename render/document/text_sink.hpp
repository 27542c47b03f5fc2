#pragma once
// Text the layout would draw, collected instead of drawn: the SVG export writes it as <text> elements (real,
// searchable text) where Cairo's SVG surface would write glyph outlines. PNG and PDF draw text with Cairo
// (PDF text is real text already) and pass no sink.
#include <string>
#include <vector>

#include "render/style/color.hpp"

namespace nbhd {

struct TextItem {
  double x = 0, baseline = 0;  // page points: the start of the text's baseline
  std::string text;
  double size_pt = 0;
  bool bold = false;
  Rgba colour;
  double halo_pt = 0;  // > 0: a halo this wide around the glyphs (labels on the map)
  Rgba halo_colour{255, 255, 255, 230};
  double angle_deg = 0;  // rotation about (x, baseline); -90 reads upwards
};

using TextSink = std::vector<TextItem>;

}  // namespace nbhd
