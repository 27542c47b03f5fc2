// `--palette lisa` and friends: a coded column from nbhd lisa coloured with GeoDa's colours, one legend entry
// per class in GeoDa's order with its count (0 included), Neighbourless only when some area is one.
#include <gtest/gtest.h>

#include <cmath>

#include "render/style/category_sets.hpp"
#include "render/style/map_style.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

AreaLayer layer_with(const std::vector<double>& codes) {
  AreaLayer L;
  L.source = "t.gpkg";
  for (size_t i = 0; i < codes.size(); ++i) {
    L.codes.push_back("A" + std::to_string(i));
    L.geoms.emplace_back();
  }
  L.attrs.set_rows(codes.size());
  L.attrs.add(Column{"cluster", ColumnType::Integer, codes, {}});
  return L;
}

StyleSpec lisa_spec(const char* palette = "lisa") {
  StyleSpec s;
  s.column = "cluster";
  s.method = ClassifyMethod::Categorical;
  s.palette = palette;
  return s;
}

TEST(CategorySets, LisaClustersTakeGeoDasColoursAndEveryClassIsCounted) {
  const double nan = std::nan("");
  AreaLayer L = layer_with({1, 1, 2, 0, 0, 0, nan, 5});
  MapStyle s = style_map(L, lisa_spec());
  EXPECT_EQ(s.fills[0], (Rgba{255, 0, 0, 255}));         // High-High
  EXPECT_EQ(s.fills[2], (Rgba{0, 0, 255, 255}));         // Low-Low
  EXPECT_EQ(s.fills[3], (Rgba{240, 240, 240, 255}));     // Not significant
  EXPECT_EQ(s.fills[7], (Rgba{140, 140, 140, 255}));     // Neighbourless: islands stand out
  EXPECT_EQ(s.fills[6], (Rgba{0xd9, 0xd9, 0xd9, 255}));  // No data
  ASSERT_EQ(s.legend.size(), 6u);
  std::vector<std::string> labels;
  std::vector<long long> counts;
  for (const auto& e : s.legend) labels.push_back(e.label), counts.push_back(e.count);
  EXPECT_EQ(labels, (std::vector<std::string>{"Not significant", "High-High", "Low-Low", "Low-High",
                                              "High-Low", "Neighbourless"}));
  EXPECT_EQ(counts, (std::vector<long long>{3, 2, 1, 0, 0, 1}));
  EXPECT_EQ(s.legend[3].colour, (Rgba{150, 150, 255, 255}));  // Low-High
  EXPECT_EQ(s.legend[4].colour, (Rgba{255, 150, 150, 255}));  // High-Low
  ASSERT_TRUE(s.no_data);
  EXPECT_EQ(s.no_data->count, 1);
  EXPECT_EQ(s.class_of[1], 1);
}

TEST(CategorySets, NeighbourlessIsListedOnlyWhenPresentAndSignificanceHasGreens) {
  MapStyle a = style_map(layer_with({0, 1, 2}), lisa_spec());
  EXPECT_EQ(a.legend.size(), 5u);
  MapStyle b = style_map(layer_with({0, 1, 2, 3, 4}), lisa_spec("lisa-significance"));
  EXPECT_EQ(b.fills[1], (Rgba{75, 255, 80, 255}));
  EXPECT_EQ(b.fills[4], (Rgba{1, 70, 3, 255}));
  EXPECT_EQ(b.legend[2].label, "p <= 0.01");
  MapStyle g = style_map(layer_with({1, 2, 0}), lisa_spec("GI"));
  EXPECT_EQ(g.legend[1].label, "Hot spot");
  EXPECT_EQ(scheme_colours("lisa", 3)[1], (Rgb{255, 0, 0}));  // the CLI's palette check accepts the name
}

TEST(CategorySets, CodesOutsideTheSetAndOtherMethodsAreRefused) {
  EXPECT_EQ(
      test::message_of([] {
        style_map(layer_with({0, 7}), lisa_spec());
      }),
      "column 'cluster' holds 7, which is not a class of palette lisa (codes 0..5); map a column written by "
      "nbhd lisa");
  auto spec = lisa_spec();
  spec.method = ClassifyMethod::Quantile;
  EXPECT_EQ(test::message_of([&] {
              style_map(layer_with({0, 1}), spec);
            }),
            "palette lisa colours the codes of column 'cluster'; use it with the categorical method");
}

}  // namespace
}  // namespace nbhd
