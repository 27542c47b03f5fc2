#include "geo/table.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"

namespace nbhd {

TEST(MakeColumn, InfersTypes) {
  EXPECT_EQ(make_column("a", {"1", "2", ""}).type, ColumnType::Integer);
  EXPECT_EQ(make_column("a", {"1.5", "2"}).type, ColumnType::Real);
  EXPECT_EQ(make_column("a", {"TRUE", "false", ""}).type, ColumnType::Boolean);
  EXPECT_EQ(make_column("a", {"1", "x"}).type, ColumnType::Text);
  EXPECT_EQ(make_column("a", {"", " "}).type, ColumnType::Real);
}
}  // namespace nbhd
