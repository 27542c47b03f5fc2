#include "base/string_index.hpp"

#include <algorithm>
#include <bit>
#include <functional>

#include "base/error.hpp"

namespace nbhd {

StringIndex::StringIndex(size_t expected) {
  slots_.resize(std::bit_ceil(std::max<size_t>(16, expected * 2)));
  entries_.reserve(expected);
}

uint64_t StringIndex::hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

size_t StringIndex::slot_of(std::string_view key, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = hash >> 32;
  // libstdc++'s string hash is well mixed in its low bits, which pick the slot; the high half is the tag.
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const uint64_t s = slots_[i];
    if (s == 0 || ((s >> 32) == tag && entries_[(s & 0xffffffffu) - 1].key == key)) return i;
  }
}

void StringIndex::grow() {
  std::vector<uint64_t> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (uint64_t s : old) {
    if (s == 0) continue;
    size_t i = hash_of(entries_[(s & 0xffffffffu) - 1].key) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::pair<size_t, bool> StringIndex::insert(std::string_view key, size_t value) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  if (entries_.size() >= 0xffffffffu)
    throw Error("internal error: more than 2^32 - 1 keys in one StringIndex");
  const uint64_t h = hash_of(key);
  uint64_t& s = slots_[slot_of(key, h)];
  if (s != 0) return {entries_[(s & 0xffffffffu) - 1].value, false};
  entries_.push_back({key, value});
  s = (h >> 32 << 32) | uint64_t(entries_.size());
  return {value, true};
}

std::optional<size_t> StringIndex::find(std::string_view key) const {
  const uint64_t s = slots_[slot_of(key, hash_of(key))];
  if (s == 0) return std::nullopt;
  return entries_[(s & 0xffffffffu) - 1].value;
}

}  // namespace nbhd
