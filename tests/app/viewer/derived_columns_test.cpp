// The viewer's computed columns (app/viewer/derived_columns.hpp): replaced per owner, looked up by name,
// sizes checked, and two owners never silently share a name.
#include <gtest/gtest.h>

#include <cmath>

#include "app/viewer/derived_columns.hpp"
#include "base/error.hpp"

namespace nbhd::view {
namespace {

Column numbers(std::string name, std::vector<double> v) {
  Column c;
  c.name = std::move(name);
  c.type = ColumnType::Real;
  c.num = std::move(v);
  return c;
}

TEST(DerivedColumns, AnOwnersNewColumnsReplaceItsOldOnes) {
  DerivedColumns d;
  d.set("gaps", {numbers("assets_within_800m", {1, 0, 2}), numbers("missing_800m", {0, 3, 1})}, 3);
  d.set("lisa", {numbers("lisa_I", {0.5, -0.2, NAN})}, 3);
  d.set("gaps", {numbers("assets_within_1000m", {2, 1, 4})}, 3);  // D moved: the 800 m columns go
  EXPECT_EQ(d.find("assets_within_800m"), nullptr);
  EXPECT_EQ(d.find("missing_800m"), nullptr);
  ASSERT_NE(d.find("assets_within_1000m"), nullptr);
  EXPECT_EQ(d.find("assets_within_1000m")->num[2], 4);
  EXPECT_EQ(d.names_of("gaps"), std::vector<std::string>{"assets_within_1000m"});
  // Owners keep the order they first came in.
  ASSERT_EQ(d.table().columns(), 2u);
  EXPECT_EQ(d.table().col(0).name, "assets_within_1000m");
  EXPECT_EQ(d.table().col(1).name, "lisa_I");
  EXPECT_EQ(d.table().rows(), 3u);
  d.clear("gaps");
  EXPECT_EQ(d.table().columns(), 1u);
  d.clear_all();
  EXPECT_TRUE(d.empty());
}

TEST(DerivedColumns, WrongSizeAndNameClashAreRefused) {
  DerivedColumns d;
  try {
    d.set("gaps", {numbers("assets_inside", {1, 2})}, 3);
    FAIL() << "a column of 2 values for 3 areas was accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "computed column 'assets_inside' has 2 values for 3 areas");
  }
  d.set("gaps", {numbers("assets_inside", {1, 2, 3})}, 3);
  try {
    d.set("lisa", {numbers("assets_inside", {0, 0, 0})}, 3);
    FAIL() << "two owners set the same column";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "computed column 'assets_inside' is already set by gaps");
  }
  EXPECT_EQ(d.find("assets_inside")->num[0], 1);  // the refused set changed nothing
}

}  // namespace
}  // namespace nbhd::view
