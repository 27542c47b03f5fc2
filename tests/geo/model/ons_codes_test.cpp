#include "geo/model/ons_codes.hpp"

#include <gtest/gtest.h>

namespace nbhd {

TEST(OnsCodes, Kinds) {
  EXPECT_EQ(ons_code_kind("E01000001"), "LSOA");
  EXPECT_EQ(ons_code_kind("W01001958"), "LSOA");
  EXPECT_EQ(ons_code_kind("E02000001"), "MSOA");
  EXPECT_EQ(ons_code_kind("E05011234"), "ward");
  EXPECT_EQ(ons_code_kind("E08000003"), "local authority");
  EXPECT_EQ(ons_code_kind("W06000015"), "local authority");
  EXPECT_EQ(ons_code_kind("S01006506"), "data zone");
  EXPECT_EQ(ons_code_kind(" E01000001 "), "LSOA");
  EXPECT_EQ(ons_code_kind("E0100000"), "");
  EXPECT_EQ(ons_code_kind("X01000001"), "");
  EXPECT_EQ(ons_code_kind("Manchester"), "");
}

TEST(OnsCodes, GuessPrefersCodeShapedColumnWithMostDistinctValues) {
  std::vector<std::string> names = {"Bolton 001A", "Bolton 001B", "Bolton 002A"};
  std::vector<std::string> lsoa = {"E01000001", "E01000002", "E01000003"};
  std::vector<std::string> ward = {"E05000001", "E05000001", "E05000002"};
  KeyGuess g = guess_key_column({&names, &ward, &lsoa});
  EXPECT_EQ(g.column, 2);
  EXPECT_EQ(g.kind, "LSOA");
  EXPECT_EQ(g.prefixes, "E01");
  EXPECT_EQ(g.distinct, 3u);
  KeyGuess none = guess_key_column({&names});
  EXPECT_EQ(none.column, -1);
}

}  // namespace nbhd
