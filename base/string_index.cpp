#include "base/string_index.hpp"

#include <bit>
#include <functional>

namespace nbhd {

StringIndex::StringIndex(size_t expected) {
  slots_.resize(std::bit_ceil(std::max<size_t>(16, expected * 2)));
}

size_t StringIndex::hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key) | 1;
}

size_t StringIndex::slot_of(std::string_view key, size_t hash) const {
  const size_t mask = slots_.size() - 1;
  // libstdc++'s string hash is well mixed in its low bits, which pick the slot.
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.hash == 0 || (s.hash == hash && s.key == key)) return i;
  }
}

void StringIndex::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.hash == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::pair<size_t, bool> StringIndex::insert(std::string_view key, size_t value) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const size_t h = hash_of(key);
  Slot& s = slots_[slot_of(key, h)];
  if (s.hash != 0) return {s.value, false};
  s = Slot{key, value, h};
  ++size_;
  return {value, true};
}

std::optional<size_t> StringIndex::find(std::string_view key) const {
  const Slot& s = slots_[slot_of(key, hash_of(key))];
  if (s.hash == 0) return std::nullopt;
  return s.value;
}

}  // namespace nbhd
