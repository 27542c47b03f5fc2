#include "base/string_index.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

namespace nbhd {

TEST(StringIndex, KeepsTheFirstValueOfEachKey) {
  StringIndex idx;
  EXPECT_EQ(idx.insert("E01000001", 0), std::make_pair(size_t{0}, true));
  EXPECT_EQ(idx.insert("E01000002", 1), std::make_pair(size_t{1}, true));
  EXPECT_EQ(idx.insert("E01000001", 7), std::make_pair(size_t{0}, false));
  EXPECT_EQ(idx.find("E01000001"), std::optional<size_t>(0));
  EXPECT_EQ(idx.find("E01000002"), std::optional<size_t>(1));
  EXPECT_EQ(idx.find("E0100000"), std::nullopt);  // a prefix is another key
  EXPECT_EQ(idx.find("E010000011"), std::nullopt);
  EXPECT_FALSE(idx.contains(""));
  EXPECT_EQ(idx.insert("", 5), std::make_pair(size_t{5}, true));  // the empty string is a key like any
  EXPECT_TRUE(idx.contains(""));
  EXPECT_EQ(idx.size(), 3u);
}

// Against std::unordered_map on 200,000 code-like keys with many repeats, inserted into an index sized
// for 10 (so it grows fourteen times): every key's first value, and absent keys absent.
TEST(StringIndex, AgreesWithUnorderedMapThroughGrowth) {
  std::mt19937 rng(18);
  std::uniform_int_distribution<int> code(0, 120000);
  std::vector<std::string> keys;
  for (int i = 0; i < 200000; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "E00%06d", code(rng));
    keys.emplace_back(buf);
  }
  StringIndex idx(10);
  std::unordered_map<std::string, size_t> ref;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto [v, added] = idx.insert(keys[i], i);
    auto [it, fresh] = ref.emplace(keys[i], i);
    ASSERT_EQ(added, fresh) << keys[i];
    ASSERT_EQ(v, it->second) << keys[i];
  }
  EXPECT_EQ(idx.size(), ref.size());
  for (const auto& [k, v] : ref) ASSERT_EQ(idx.find(k), std::optional<size_t>(v)) << k;
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(idx.contains("W00" + std::to_string(100000 + i)));
}

}  // namespace nbhd
