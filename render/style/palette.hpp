#pragma once
// Colour schemes for choropleths: ColorBrewer sequential, diverging and qualitative schemes (Cynthia
// Brewer, colorbrewer2.org; the published RGB values), 3x3 bivariate schemes, reversing, and the colour
// of "No data". Colours only: no GL, no ImGui, so the renderer, the exporter and the viewer share them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// "#rrggbb" (lower case).
std::string to_hex(Rgb c);
// "#rrggbb", "rrggbb" or "#rgb"; nullopt otherwise.
std::optional<Rgb> parse_hex(std::string_view s);
// As parse_hex, throwing nbhd::Error naming `what` (e.g. "--nodata-colour") when it is not a colour.
Rgb parse_colour(std::string_view s, std::string_view what);

// Light grey: reads as "nothing here" on every ColorBrewer scheme without looking like a class colour.
inline constexpr Rgb kDefaultNoData{0xd9, 0xd9, 0xd9};

enum class SchemeKind { Sequential, Diverging, Qualitative };
const char* to_string(SchemeKind k);

struct SchemeInfo {
  std::string name;  // ColorBrewer name, e.g. "YlOrRd"
  SchemeKind kind;
  int native_min = 3, native_max = 9;  // sizes ColorBrewer publishes
  // ColorBrewer's colour-blind rating: safe for every n up to this (0 = not rated safe).
  int colorblind_safe_up_to = 0;
};

const std::vector<SchemeInfo>& colour_schemes();
// Case-insensitive look-up; nullptr when unknown.
const SchemeInfo* find_scheme(std::string_view name);

// Largest class count any scheme gives (sequential/diverging are extended by interpolation up to this).
inline constexpr int kMaxPaletteClasses = 12;

// `n` colours of a scheme, from low to high (reversed when `reverse`). Sizes ColorBrewer publishes come
// verbatim; 2 classes take the ends of the 3-class scheme; sequential and diverging schemes beyond their
// largest published size (e.g. 10 deciles in a 9-class sequential scheme) are interpolated along it.
// Qualitative schemes stop at their published size. Throws nbhd::Error for an unknown scheme (listing
// them) or an unsupported n.
std::vector<Rgb> scheme_colours(std::string_view name, int n, bool reverse = false);

// True when scheme_colours(name, n) is ColorBrewer's published list (not interpolated, not cut).
bool is_published(std::string_view name, int n);
bool colorblind_safe(std::string_view name, int n);

// Colours for a classification: one per class plus the no-data colour.
struct Palette {
  std::vector<Rgb> classes;
  Rgb nodata = kDefaultNoData;
  // Colour of class k, with -1 (no data) and out-of-range classes drawn in the no-data colour.
  Rgb colour_of(int k) const { return k >= 0 && k < static_cast<int>(classes.size()) ? classes[k] : nodata; }
};
Palette make_palette(std::string_view scheme, int n, bool reverse = false, Rgb nodata = kDefaultNoData);

// 3x3 bivariate schemes. colours[3 * b + a] with a, b = 0 (low) .. 2 (high): a runs along the x axis,
// b up the y axis, colours[0] is low/low and colours[8] high/high. geo/flag.hpp's bivariate class uses the
// same index, so colours[cls] is the colour of an area.
struct BivariateScheme {
  std::string name;
  std::string credit;
  std::array<Rgb, 9> colours;
};
const std::vector<BivariateScheme>& bivariate_schemes();
// Case-insensitive; throws nbhd::Error listing the schemes when unknown.
const BivariateScheme& bivariate_scheme(std::string_view name);

}  // namespace nbhd
