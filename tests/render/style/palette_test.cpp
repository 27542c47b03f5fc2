#include "render/style/palette.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <set>

#include "base/error.hpp"

namespace nbhd {
namespace {

// Relative luminance (sRGB, WCAG formula): an independent yardstick for "light to dark".
double luminance(Rgb c) {
  auto lin = [](std::uint8_t v) {
    double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Palette, HexRoundTrip) {
  EXPECT_EQ(to_hex(*parse_hex("#D9d9D9")), "#d9d9d9");
  EXPECT_EQ(to_hex(*parse_hex("fc0")), "#ffcc00");
  EXPECT_FALSE(parse_hex("#12345g"));
  EXPECT_EQ(error_of([] { parse_colour("grey", "--nodata-colour"); }),
            "--nodata-colour: 'grey' is not a colour; write it as #rrggbb, e.g. #d9d9d9");
}

TEST(Palette, PublishedValuesSpotCheck) {
  // A few values as printed on colorbrewer2.org.
  auto y = scheme_colours("YlOrRd", 9);
  EXPECT_EQ(to_hex(y.front()), "#ffffcc");
  EXPECT_EQ(to_hex(y.back()), "#800026");
  auto b3 = scheme_colours("blues", 3);
  EXPECT_EQ(to_hex(b3[0]), "#deebf7");
  EXPECT_EQ(to_hex(b3[2]), "#3182bd");
  EXPECT_EQ(to_hex(scheme_colours("Oranges", 4)[3]), "#d94701");
  EXPECT_EQ(to_hex(scheme_colours("RdBu", 5)[2]), "#f7f7f7");
  EXPECT_EQ(to_hex(scheme_colours("Paired", 12)[11]), "#b15928");
}

TEST(Palette, SequentialSchemesGetDarkerAtEverySize) {
  int checked = 0;
  for (const auto& s : colour_schemes()) {
    if (s.kind != SchemeKind::Sequential) continue;
    for (int n = 2; n <= kMaxPaletteClasses; ++n) {
      auto c = scheme_colours(s.name, n);
      ASSERT_EQ(static_cast<int>(c.size()), n);
      for (int i = 1; i < n; ++i)
        EXPECT_LT(luminance(c[i]), luminance(c[i - 1])) << s.name << " n=" << n << " i=" << i;
      ++checked;
    }
    EXPECT_TRUE(colorblind_safe(s.name, 9));
  }
  EXPECT_EQ(checked, 18 * 11);
}

TEST(Palette, DivergingSchemesAreLightestInTheMiddle) {
  for (const auto& s : colour_schemes()) {
    if (s.kind != SchemeKind::Diverging) continue;
    for (int n = 3; n <= 11; n += 2) {
      auto c = scheme_colours(s.name, n);
      int mid = n / 2;
      for (int i = 0; i < n; ++i)
        if (i != mid) {
          EXPECT_LT(luminance(c[i]), luminance(c[mid])) << s.name << " n=" << n;
        }
    }
  }
}

TEST(Palette, DecilesExtendNineClassSchemesAlongTheRamp) {
  auto nine = scheme_colours("YlOrRd", 9);
  auto ten = scheme_colours("YlOrRd", 10);
  ASSERT_EQ(ten.size(), 10u);
  EXPECT_EQ(ten.front(), nine.front());
  EXPECT_EQ(ten.back(), nine.back());
  EXPECT_FALSE(is_published("YlOrRd", 10));
  EXPECT_TRUE(is_published("RdYlBu", 10));  // diverging schemes publish 10 and 11
  EXPECT_EQ(scheme_colours("RdYlBu", 10).size(), 10u);
}

TEST(Palette, ReverseAndNoData) {
  auto f = scheme_colours("Greens", 5);
  auto r = scheme_colours("Greens", 5, true);
  EXPECT_EQ(std::vector<Rgb>(f.rbegin(), f.rend()), r);
  Palette p = make_palette("Greens", 5, false, Rgb{1, 2, 3});
  EXPECT_EQ(p.colour_of(-1), (Rgb{1, 2, 3}));
  EXPECT_EQ(p.colour_of(4), f[4]);
  EXPECT_EQ(p.colour_of(5), (Rgb{1, 2, 3}));
  EXPECT_EQ(make_palette("Greens", 3).nodata, kDefaultNoData);
}

TEST(Palette, QualitativeSchemesHaveDistinctColoursAndStopAtTheirSize) {
  for (const auto& s : colour_schemes()) {
    if (s.kind != SchemeKind::Qualitative) continue;
    auto c = scheme_colours(s.name, s.native_max);
    std::set<std::string> hex;
    for (auto x : c) hex.insert(to_hex(x));
    EXPECT_EQ(static_cast<int>(hex.size()), s.native_max) << s.name;
  }
  EXPECT_EQ(scheme_colours("Set3", 12).size(), 12u);
  EXPECT_EQ(error_of([] { scheme_colours("Set2", 9); }),
            "colour scheme Set2 has no 9-class version (it has 1..8); choose Paired or Set3 for up to 12 "
            "categories");
  EXPECT_EQ(error_of([] { scheme_colours("YlOrRd", 13); }),
            "colour scheme YlOrRd has no 13-class version (it has 1..12)");
  EXPECT_NE(error_of([] {
              scheme_colours("Viridis", 5);
            }).find("unknown colour scheme 'Viridis'; schemes are: BuGn"),
            std::string::npos);
  EXPECT_TRUE(colorblind_safe("Dark2", 3));
  EXPECT_FALSE(colorblind_safe("Dark2", 4));
  EXPECT_FALSE(colorblind_safe("Spectral", 5));
  EXPECT_TRUE(colorblind_safe("RdBu", 11));
}

TEST(Palette, BivariateSchemesRunFromLightToDarkCorner) {
  ASSERT_GE(bivariate_schemes().size(), 2u);
  for (const auto& s : bivariate_schemes()) {
    std::set<std::string> hex;
    for (auto c : s.colours) hex.insert(to_hex(c));
    EXPECT_EQ(hex.size(), 9u) << s.name;
    for (int i = 1; i < 9; ++i) EXPECT_LT(luminance(s.colours[i]), luminance(s.colours[0])) << s.name;
    for (int i = 0; i < 8; ++i) EXPECT_GT(luminance(s.colours[i]), luminance(s.colours[8])) << s.name;
    // Along each axis colours darken.
    for (int k = 0; k < 3; ++k) {
      EXPECT_GT(luminance(s.colours[3 * k]), luminance(s.colours[3 * k + 2])) << s.name;
      EXPECT_GT(luminance(s.colours[k]), luminance(s.colours[6 + k])) << s.name;
    }
  }
  EXPECT_EQ(to_hex(bivariate_scheme("PinkBlue").colours[8]), "#3b4994");
  EXPECT_EQ(error_of([] { bivariate_scheme("rainbow"); }),
            "unknown bivariate scheme 'rainbow'; schemes are: pinkblue, bluered, greenblue, purplegold, "
            "dkblue-dkred");
}

}  // namespace
}  // namespace nbhd
