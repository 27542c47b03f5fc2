#pragma once
// Real text in exported SVG: Cairo's SVG surface writes every glyph as an outline (<symbol>/<use>), which no
// reader can search, copy or translate. The SVG export collects the layout's and the labels' texts instead
// (render/document/text_sink.hpp) and writes them as <text> elements in DejaVu Sans, the font the PNG is
// drawn with, at the same positions; labels keep their halo (a stroke painted under the fill).
#include <filesystem>
#include <string>

#include "render/document/text_sink.hpp"

namespace nbhd {

// A <g> of one <text> per item; coordinates are page points times `scale` (the SVG's user units).
std::string svg_text_group(const TextSink& texts, double scale);

// Inserts `group` before the closing </svg> of the file at `path` (Cairo's output, still the temporary of an
// atomic write). Throws nbhd::Error naming `shown_as` when the file cannot be read or written.
void append_to_svg(const std::filesystem::path& path, const std::string& group, const std::string& shown_as);

}  // namespace nbhd
