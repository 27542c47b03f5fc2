// Spatial weights on cases small enough to check by hand: a 3 x 3 grid of unit squares (queen, rook, k
// nearest, distance band), an island, the snap tolerance, ties, and GAL/GWT files both ways.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "geo/spatial/contiguity.hpp"
#include "geo/spatial/gal_io.hpp"
#include "geo/spatial/knn.hpp"
#include "geo/spatial/weights.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::message_of;

MultiPolygon square(double x, double y, double s = 1) {
  return {Polygon{{Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}}}};
}

// Cells numbered row by row: 0 1 2 / 3 4 5 / 6 7 8.
std::vector<MultiPolygon> grid3() {
  std::vector<MultiPolygon> g;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) g.push_back(square(c, r));
  return g;
}

std::vector<uint32_t> row(const SpatialWeights& w, size_t i) {
  return {w.neighbours.begin() + w.offsets[i], w.neighbours.begin() + w.offsets[i + 1]};
}

std::vector<std::string> codes(size_t n) {
  std::vector<std::string> c;
  for (size_t i = 0; i < n; ++i) c.push_back("A" + std::to_string(i));
  return c;
}

TEST(Contiguity, QueenOnA3x3GridCountsCornersEdgesAndCentre) {
  SpatialWeights w = contiguity_weights(grid3());
  EXPECT_EQ(row(w, 0), (std::vector<uint32_t>{1, 3, 4}));
  EXPECT_EQ(row(w, 1), (std::vector<uint32_t>{0, 2, 3, 4, 5}));
  EXPECT_EQ(row(w, 4), (std::vector<uint32_t>{0, 1, 2, 3, 5, 6, 7, 8}));
  // 4 corners x 3 + 4 edges x 5 + 8 = 40 directed links.
  EXPECT_EQ(w.links(), 40u);
  WeightsSummary s = summarise(w);
  EXPECT_EQ(s.min_neighbours, 3u);
  EXPECT_EQ(s.max_neighbours, 8u);
  EXPECT_DOUBLE_EQ(s.mean_neighbours, 40.0 / 9);
  EXPECT_TRUE(s.symmetric);
  EXPECT_EQ(s.islands, 0u);
}

TEST(Contiguity, RookNeedsAnEdgeNotJustACorner) {
  SpatialWeights w = contiguity_weights(grid3(), {Contiguity::Rook, 0.001});
  EXPECT_EQ(row(w, 0), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(row(w, 4), (std::vector<uint32_t>{1, 3, 5, 7}));
  EXPECT_EQ(w.links(), 24u);  // 4 x 2 + 4 x 3 + 4
}

TEST(Contiguity, AnIslandIsCountedNotDropped) {
  auto g = grid3();
  g.push_back(square(100, 100));
  WeightsSummary s = summarise(contiguity_weights(g));
  EXPECT_EQ(s.areas, 10u);
  EXPECT_EQ(s.islands, 1u);
  EXPECT_EQ(s.island_rows, (std::vector<size_t>{9}));
  EXPECT_EQ(s.min_neighbours, 0u);
}

TEST(Contiguity, SnapJoinsCornersThatMissByLessThanTheTolerance) {
  // Two squares whose touching corner differs by 0.5 mm: neighbours at the default 1 mm, not at 0, not
  // when 2 mm apart.
  std::vector<MultiPolygon> a{square(0, 0), square(1.0005, 1.0)};
  EXPECT_EQ(contiguity_weights(a).links(), 2u);
  EXPECT_EQ(contiguity_weights(a, {Contiguity::Queen, 0}).links(), 0u);
  std::vector<MultiPolygon> b{square(0, 0), square(1.002, 1.0)};
  EXPECT_EQ(contiguity_weights(b).links(), 0u);
  EXPECT_EQ(message_of([&] {
              contiguity_weights(a, {Contiguity::Queen, -1});
            }),
            "the snap tolerance must be a distance of 0 or more, got -1");
}

TEST(Weights, RowStandardisingMakesEveryRowSumToOne) {
  SpatialWeights w = with_style(contiguity_weights(grid3()), WeightsStyle::Row);
  for (uint32_t k = w.offsets[4]; k < w.offsets[5]; ++k) EXPECT_DOUBLE_EQ(w.weights[k], 1.0 / 8);
  for (uint32_t k = w.offsets[0]; k < w.offsets[1]; ++k) EXPECT_DOUBLE_EQ(w.weights[k], 1.0 / 3);
  EXPECT_EQ(message_of([] { parse_weights_style("rows"); }),
            "unknown weights style 'rows'; use row (row-standardised) or binary");
}

TEST(Weights, SubsetRenumbersAndDropsLinksToLeftOutAreas) {
  SpatialWeights w = contiguity_weights(grid3());
  std::vector<bool> keep(9, true);
  keep[4] = false;  // the centre goes: the corners keep 2 neighbours each
  SpatialWeights s = subset(w, keep);
  ASSERT_EQ(s.size(), 8u);
  EXPECT_EQ(row(s, 0), (std::vector<uint32_t>{1, 3}));
  // Old cell 5 is now 4; its neighbours 1, 2, 7, 8 are now 1, 2, 6, 7.
  EXPECT_EQ(row(s, 4), (std::vector<uint32_t>{1, 2, 6, 7}));
}

TEST(Knn, TiesGoToTheLowerIndexAndKIsChecked) {
  // Points on a line 0, 1, 2, 3: point 1's nearest are 0 and 2 at the same distance.
  std::vector<Point> p{{0, 0}, {1, 0}, {2, 0}, {3, 0}};
  SpatialWeights w = knn_weights(p, 1);
  EXPECT_EQ(row(w, 1), (std::vector<uint32_t>{0}));
  EXPECT_EQ(row(w, 2), (std::vector<uint32_t>{1}));
  EXPECT_EQ(row(w, 3), (std::vector<uint32_t>{2}));
  EXPECT_FALSE(w.symmetric());  // 2 -> 1 but 1 -> 0, not 2
  SpatialWeights w2 = knn_weights(p, 2);
  EXPECT_EQ(row(w2, 0), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(row(w2, 1), (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(message_of([&] { knn_weights(p, 4); }),
            "k = 4 nearest neighbours: k must be between 1 and the 3 other areas");
}

TEST(Knn, AgreesWithBruteForceOnScatteredPoints) {
  std::vector<Point> p;
  uint64_t s = 7;
  for (int i = 0; i < 500; ++i) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    double x = double(s >> 40) / double(1 << 24) * 1000;
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    double y = double(s >> 40) / double(1 << 24) * (i % 3 == 0 ? 50 : 1000);  // uneven density
    p.push_back({x, y});
  }
  SpatialWeights w = knn_weights(p, 5);
  for (size_t i = 0; i < p.size(); ++i) {
    std::vector<std::pair<double, uint32_t>> d;
    for (size_t j = 0; j < p.size(); ++j)
      if (j != i)
        d.push_back(
            {(p[i].x - p[j].x) * (p[i].x - p[j].x) + (p[i].y - p[j].y) * (p[i].y - p[j].y), uint32_t(j)});
    std::sort(d.begin(), d.end());
    std::vector<uint32_t> want;
    for (int k = 0; k < 5; ++k) want.push_back(d[size_t(k)].second);
    std::sort(want.begin(), want.end());
    ASSERT_EQ(row(w, i), want) << i;
  }
}

TEST(DistanceBand, GridCentroidsOneApartGiveRookThenQueen) {
  std::vector<Point> c = centroids(grid3());
  EXPECT_DOUBLE_EQ(c[4].x, 1.5);
  EXPECT_DOUBLE_EQ(c[4].y, 1.5);
  EXPECT_EQ(distance_band_weights(c, 1.0).links(), 24u);  // exactly 1 apart: included
  EXPECT_EQ(distance_band_weights(c, 1.5).links(), 40u);  // diagonals are sqrt 2 apart
  EXPECT_DOUBLE_EQ(min_band_without_islands(c), 1.0);
  EXPECT_EQ(message_of([&] { distance_band_weights(c, 0); }), "the distance band must be above 0, got 0");
}

TEST(GalIo, GalAndGwtRoundTrip) {
  SpatialWeights w = contiguity_weights(grid3());
  auto ids = codes(9);
  std::string gal = format_weights(w, ids, WeightsFormat::Gal, "grid", "code");
  EXPECT_EQ(gal.substr(0, 33), "0 9 grid code\nA0 3\nA1 A3 A4\nA1 5\n");
  SpatialWeights back =
      weights_for_areas(parse_weights(gal, WeightsFormat::Gal, "g.gal"), ids, "g.gal", "grid");
  EXPECT_EQ(back.offsets, w.offsets);
  EXPECT_EQ(back.neighbours, w.neighbours);
  SpatialWeights r = with_style(w, WeightsStyle::Row);
  std::string gwt = format_weights(r, ids, WeightsFormat::Gwt, "grid", "code");
  SpatialWeights back2 =
      weights_for_areas(parse_weights(gwt, WeightsFormat::Gwt, "g.gwt"), ids, "g.gwt", "grid");
  EXPECT_EQ(back2.neighbours, r.neighbours);
  EXPECT_EQ(back2.weights, r.weights);  // %.17g: every double survives exactly
  ids[3] = "Ward 3";
  EXPECT_EQ(message_of([&] { format_weights(w, ids, WeightsFormat::Gal, "grid", "code"); }),
            "area code 'Ward 3' is blank or holds a space, which GAL/GWT files cannot hold (they separate "
            "fields by spaces); choose another key field");
}

TEST(GalIo, ReadsPySALsShortHeaderAndIdsInAnyOrder) {
  // PySAL writes "N" alone; the rows may come in any order and ids need not be the layer's order.
  std::string gal = "3\nB 1\nA\nA 2\nB C\nC 1\nA\n";
  SpatialWeights w =
      weights_for_areas(parse_weights(gal, WeightsFormat::Gal, "p.gal"), {"A", "B", "C"}, "p.gal", "x");
  EXPECT_EQ(row(w, 0), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(row(w, 1), (std::vector<uint32_t>{0}));
  EXPECT_EQ(row(w, 2), (std::vector<uint32_t>{0}));
}

TEST(GalIo, BadFilesAreOneErrorNamingFileAndLine) {
  auto err = [](const std::string& text, WeightsFormat f = WeightsFormat::Gal) {
    return message_of([&] { parse_weights(text, f, "w.gal"); });
  };
  EXPECT_EQ(err("0 2 x k\nA two\nB\n"),
            "w.gal line 2: expected the number of neighbours, a whole number, but found 'two'; is it a GeoDa "
            "GAL/GWT "
            "weights file?");
  EXPECT_EQ(err("2\nA 3\nB\n"),
            "w.gal line 3: ends early: expected a neighbour id; is it a GeoDa GAL/GWT weights file?");
  EXPECT_EQ(err("2\nA 1\nA\n"),
            "w.gal line 3: area 'A' is its own neighbour; is it a GeoDa GAL/GWT weights file?");
  EXPECT_EQ(err("1\nA 1\nB\n"), "w.gal: the header says 1 areas but the file names 2; the file is damaged");
  EXPECT_EQ(err("2\nA B x\n", WeightsFormat::Gwt),
            "w.gal line 2: expected a weight, a number, but found 'x'; is it a GeoDa GAL/GWT weights file?");
  EXPECT_EQ(err(""),
            "w.gal line 1: ends early: expected the number of areas; is it a GeoDa GAL/GWT weights file?");
  EXPECT_EQ(message_of([] { weights_format("w.txt"); }),
            "cannot tell the weights format of w.txt; name it .gal or .gwt");
}

TEST(GalIo, AFileForOtherAreasIsRefused) {
  WeightsFile f = parse_weights("2\nA 1\nB\nB 1\nA\n", WeightsFormat::Gal, "w.gal");
  EXPECT_EQ(
      message_of([&] {
        weights_for_areas(f, {"A", "C"}, "w.gal", "lsoa.gpkg");
      }),
      "w.gal names 1 of its 2 areas that are not in lsoa.gpkg (B); it was made for other areas: make weights "
      "from these boundaries");
  EXPECT_EQ(message_of([&] {
              weights_for_areas(f, {"A", "B", "C"}, "w.gal", "lsoa.gpkg");
            }),
            "w.gal has no row for 1 of the 3 areas of lsoa.gpkg (C); it was made for other areas: make "
            "weights from "
            "these boundaries");
}

}  // namespace
}  // namespace nbhd
