#pragma once
// Names on the map (`--labels FIELD` over the areas, `--outline-labels FIELD` over an outline layer):
// each at its polygon's pole of inaccessibility (geo/spatial/label_point), drawn with a white halo, and
// only where it fits: its box no wider than 3 and no taller than 2 inscribed-circle radii at the page's
// scale, inside the frame, and overlapping no label placed before it. Earlier layers go first (outline
// names over area names), then selected features, then larger ones (by inscribed radius), then by index,
// so the placement is deterministic. The layout reports what it placed, so tests check the rules from data.
#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "render/document/map_document.hpp"
#include "render/document/text_sink.hpp"
#include "render/scene/scene.hpp"

namespace nbhd {

struct PlacedLabel {
  size_t layer = 0, feature = 0;  // index into MapDocument::labels and that layer's features
  std::string text;
  Point anchor;                       // page points: the pole of inaccessibility
  double x = 0, y = 0, w = 0, h = 0;  // the label's box (halo included) in page points
  double size_pt = 0;
  bool bold = false;
};

// Text advance in points at `size` (regular or bold face).
using TextWidth = std::function<double(const std::string& text, double size, bool bold)>;

// `frame_*`: the map frame in page points; `world_to_pt` maps world coordinates onto the page.
std::vector<PlacedLabel> place_labels(const std::vector<LabelLayer>& layers,
                                      const PixelTransform& world_to_pt, double frame_x, double frame_y,
                                      double frame_w, double frame_h, const TextWidth& width);

// Draws placed labels (halo, then text) with `cr` in page points; labels outside the clip are skipped
// (a PNG strip draws only its own). With a `sink`, they are collected there instead, halo included (SVG).
void draw_labels(cairo_t* cr, const std::vector<PlacedLabel>& labels, TextSink* sink = nullptr);

}  // namespace nbhd
