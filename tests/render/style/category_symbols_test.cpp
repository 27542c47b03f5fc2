// The point-category rule: the designed palette's separation (recomputed here from the stated method:
// CIE76 Delta E in normal vision and under simulated protanopia/deuteranopia), the order colours and
// shapes are given in, "other" past 80 categories, and a colour the user fixes.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>

#include "base/error.hpp"
#include "render/style/category_symbols.hpp"

namespace nbhd {
namespace {

using Lab = std::array<double, 3>;

double linear(double c) {
  c /= 255;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Lab lab_of_linear(std::array<double, 3> rgb) {
  for (double& v : rgb) v = std::clamp(v, 0.0, 1.0);
  double x = (0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]) / 0.95047;
  double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
  double z = (0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]) / 1.08883;
  auto f = [](double t) { return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

// Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
using Matrix = std::array<std::array<double, 3>, 3>;
const Matrix kProtan{
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};
const Matrix kDeutan{
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};

Lab lab(Rgba c, const Matrix* sim) {
  std::array<double, 3> l{linear(c.r), linear(c.g), linear(c.b)};
  if (!sim) return lab_of_linear(l);
  std::array<double, 3> o{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) o[size_t(i)] += (*sim)[size_t(i)][size_t(j)] * l[size_t(j)];
  return lab_of_linear(o);
}

double delta_e(Lab a, Lab b) {
  return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// Smallest pairwise distance among the first n palette colours, in one kind of vision.
double min_distance(size_t n, const Matrix* sim) {
  double m = 1e9;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      m = std::min(m, delta_e(lab(kCategoryPalette[i], sim), lab(kCategoryPalette[j], sim)));
  return m;
}

TEST(CategorySymbols, PaletteIsTwentyColoursApartInNormalAndColourBlindVision) {
  ASSERT_EQ(kCategoryPalette.size(), 20u);
  // The figures category_symbols.hpp states (to one decimal, rounded down here).
  EXPECT_GE(min_distance(20, nullptr), 27.4);
  EXPECT_GE(std::min(min_distance(20, &kProtan), min_distance(20, &kDeutan)), 13.7);
  EXPECT_GE(min_distance(8, nullptr), 43.2);
  EXPECT_GE(std::min(min_distance(8, &kProtan), min_distance(8, &kDeutan)), 22.7);
  // Apart from the "other" grey, the white background and symbol ring, and the viewer's selection cyan
  // and distance-ring magenta too.
  for (Rgba c : kCategoryPalette)
    for (Rgba other :
         {kOtherCategoryColour, Rgba{255, 255, 255, 255}, Rgba{0, 200, 255, 255}, Rgba{230, 0, 200, 255}})
      EXPECT_GT(delta_e(lab(c, nullptr), lab(other, nullptr)), 27.4)
          << to_hex(c) << " near " << to_hex(other);
}

// n categories, category k with 1000 - k points, so the frequency order is the name order.
std::vector<std::string> categories(int n) {
  std::vector<std::string> out;
  for (int k = 0; k < n; ++k) {
    char name[16];
    std::snprintf(name, sizeof name, "cat%03d", k);
    out.insert(out.end(), size_t(1000 - k), name);
  }
  return out;
}

TEST(CategorySymbols, TwentyColoursThenShapesThenOther) {
  CategoryColours cc = category_colours(categories(85));
  ASSERT_EQ(cc.legend.size(), 81u);  // 80 symbols and "other"
  std::set<std::pair<std::string, int>> symbols;
  for (int k = 0; k < 80; ++k) {
    const LegendEntry& e = cc.legend[size_t(k)];
    char name[16];
    std::snprintf(name, sizeof name, "cat%03d", k);
    EXPECT_EQ(e.label, name);
    EXPECT_EQ(e.count, 1000 - k);
    EXPECT_EQ(e.colour, kCategoryPalette[size_t(k % 20)]) << name;
    EXPECT_EQ(e.shape, SymbolShape(k / 20)) << name;
    EXPECT_EQ(cc.colour(name), e.colour);
    symbols.insert({to_hex(e.colour), int(e.shape)});
  }
  EXPECT_EQ(symbols.size(), 80u) << "every category has a symbol of its own";
  EXPECT_EQ(cc.legend.back().label, "other");
  EXPECT_EQ(cc.legend.back().count, 920 + 919 + 918 + 917 + 916);
  EXPECT_EQ(cc.colour("cat080"), kOtherCategoryColour);
  EXPECT_EQ(cc.symbol("cat084").shape, SymbolShape::circle);
  // Twenty categories: twenty circles, no "other".
  CategoryColours twenty = category_colours(categories(20));
  ASSERT_EQ(twenty.legend.size(), 20u);
  for (const auto& e : twenty.legend) EXPECT_EQ(e.shape, SymbolShape::circle);
}

TEST(CategorySymbols, AFixedColourReplacesOnlyThatCategorysColour) {
  Rgba mine{1, 2, 3, 255};
  CategoryColours cc = category_colours(categories(25), {{"cat021", mine}, {"no such category", mine}});
  EXPECT_EQ(cc.colour("cat021"), mine);
  EXPECT_EQ(cc.symbol("cat021").shape, SymbolShape::square) << "keeps its place's shape";
  EXPECT_EQ(cc.colour("cat022"), kCategoryPalette[2]);
  EXPECT_EQ(cc.legend[21].colour, mine);
  EXPECT_EQ(cc.legend.size(), 25u);
}

TEST(CategorySymbols, ParsesNameEqualsColour) {
  auto [name, colour] = parse_category_colour("GP surgery=#1f78b4");
  EXPECT_EQ(name, "GP surgery");
  EXPECT_EQ(colour, (Rgba{0x1f, 0x78, 0xb4, 255}));
  for (const char* bad : {"library", "=#ffffff", "library=blue"}) {
    try {
      parse_category_colour(bad);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()),
                "bad category colour '" + std::string(bad) + "': give NAME=#RRGGBB, e.g. library=#1f78b4");
    }
  }
}

}  // namespace
}  // namespace nbhd
