// Diverging classes for change maps (render --centre): symmetric around the centre, the middle class holding
// it, reaching the value furthest from it; an even number of classes is refused.
#include <gtest/gtest.h>

#include <cmath>

#include "render/style/map_style.hpp"
#include "support/test_data.hpp"

namespace nbhd::cli {
namespace {

TEST(DivergingBreaks, SymmetricAroundTheCentre) {
  // Decile changes -2..7: reach 7, 7 classes of width 7 / 3.5 = 2, the middle one [-1, 1].
  std::vector<double> v{-2, 0, 1, 3, 7, std::nan("")};
  std::vector<double> b = diverging_breaks(v, 0, 7);
  ASSERT_EQ(b.size(), 6u);
  const double want[] = {-5, -3, -1, 1, 3, 5};
  for (size_t i = 0; i < b.size(); ++i) EXPECT_DOUBLE_EQ(b[i], want[i]);
  // Around 10, 3 classes, reach 3: width 2, the middle [9, 11].
  b = diverging_breaks({7, 10, 12}, 10, 3);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_DOUBLE_EQ(b[0], 9);
  EXPECT_DOUBLE_EQ(b[1], 11);
}

TEST(DivergingBreaks, EvenClassesAreRefused) {
  EXPECT_EQ(
      test::message_of([] {
        diverging_breaks({1, 2}, 0, 6);
      }),
      "a diverging map centred on 0 needs an odd number of classes, 3 to 11 (got 6), so that one class holds "
      "the centre");
}

}  // namespace
}  // namespace nbhd::cli
