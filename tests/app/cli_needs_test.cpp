// The CLI's way of giving what a library error asks for: every Need has its flag, appended to the message.
#include "app/cli_needs.hpp"

#include <gtest/gtest.h>

namespace nbhd::cli {
namespace {

TEST(CliNeeds, EveryNeedNamesAFlag) {
  EXPECT_EQ(flag_hint(Need::None), "");
  for (int n = int(Need::Layer); n <= int(Need::Encoding); ++n) {
    std::string hint = flag_hint(Need(n));
    EXPECT_TRUE(hint.starts_with(" (--") && hint.ends_with(")")) << n << ": '" << hint << "'";
  }
  EXPECT_EQ(flag_hint(Need::Key), " (--key)");
  EXPECT_EQ(flag_hint(Need::AssetLayer), " (--asset-layer)");
  EXPECT_EQ(flag_hint(Need::OnDuplicate), " (--on-duplicate first)");
}

}  // namespace
}  // namespace nbhd::cli
