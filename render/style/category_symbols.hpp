#pragma once
// Point symbols by category (community assets), as `nbhd render --assets` and the viewer draw them.
// Categories in order of frequency (ties by name) take the 20 colours of kCategoryPalette as circles,
// then the same colours again as squares, triangles and diamonds: 80 distinct symbols. Any further
// categories share the grey "other" circle. A category the user fixes a colour for keeps its shape.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "render/document/map_document.hpp"
#include "render/style/color.hpp"
#include "render/style/symbol_shape.hpp"

namespace nbhd {

// Designed by scripts/design_category_palette.py (greedy max-min CIELAB distance, with protanopia and
// deuteranopia simulated; the script's docstring has the method). In that order any first k are well
// apart: the smallest CIE76 Delta E between two of all 20 is 27.5 in normal vision and 13.8 under
// simulated protanopia or deuteranopia (the first 8: 43.3 and 22.8), and none is near white, the "other"
// grey, the viewer's selection cyan or its distance-ring magenta. tests/render/style checks it.
inline constexpr std::array<Rgba, 20> kCategoryPalette = {{
    {0, 240, 0, 255},     {180, 0, 0, 255},    {0, 45, 255, 255},    {135, 225, 135, 255},
    {135, 60, 120, 255},  {195, 150, 60, 255}, {240, 30, 105, 255},  {90, 150, 255, 255},
    {30, 105, 75, 255},   {15, 90, 240, 255},  {255, 180, 210, 255}, {240, 120, 210, 255},
    {105, 105, 45, 255},  {135, 15, 180, 255}, {195, 210, 90, 255},  {30, 105, 165, 255},
    {165, 195, 150, 255}, {195, 90, 0, 255},   {225, 120, 90, 255},  {0, 150, 165, 255},
}};
inline constexpr Rgba kOtherCategoryColour{153, 153, 153, 255};
inline constexpr size_t kDistinctSymbols = kCategoryPalette.size() * kSymbolShapes;

struct CategorySymbol {
  Rgba colour;
  SymbolShape shape = SymbolShape::circle;
};

struct CategoryColours {
  std::vector<LegendEntry> legend;                  // categories by count, then "other" when used
  std::map<std::string, CategorySymbol> symbol_of;  // every category with a symbol of its own
  CategorySymbol other{kOtherCategoryColour, SymbolShape::circle};
  CategorySymbol symbol(const std::string& category) const {
    auto it = symbol_of.find(category);
    return it == symbol_of.end() ? other : it->second;
  }
  Rgba colour(const std::string& category) const { return symbol(category).colour; }
};

// `categories` holds one entry per point (its category). `fixed`: colours the user gave by category name
// (a project file's "category_colours", `nbhd render --category-colour NAME=#RRGGBB`); a fixed category
// keeps its place and shape, only its colour changes. A fixed name no point has is ignored.
CategoryColours category_colours(const std::vector<std::string>& categories,
                                 const std::map<std::string, Rgba>& fixed = {});

// "NAME=#RRGGBB" -> (NAME, colour). Throws nbhd::Error naming the text when it has no '=' or a bad colour.
std::pair<std::string, Rgba> parse_category_colour(const std::string& text);

}  // namespace nbhd
