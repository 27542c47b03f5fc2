#pragma once
// StringIndex: strings to numbers (a row, a first position) in one flat table, for the joins and code
// checks that index every area's code.
//
// Contract: keys are views, and what they point at must outlive the index. insert() keeps the first value
// given for a key. Any string is a key, the empty one included; values are any size_t.
// How: open addressing with linear probing in a power-of-two table at most half full; each slot keeps half
// of its key's hash, so a probe compares bytes only when those match. Up to 2^32 - 1 keys.
// Why not std::unordered_map: it allocates a node per key. Indexing 184,833 output-area codes three times
// over (guessing the key field, checking codes are unique, joining the table) took about 230 ms that way,
// most of it in those allocations and the fresh pages they touch; bench/bench_scale.sh measures the load.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace nbhd {

class StringIndex {
 public:
  // `expected`: how many keys will be inserted (the table is sized once for them; it grows if passed).
  explicit StringIndex(size_t expected = 0);

  // Adds key -> value unless key is there. Returns the value stored for key and whether it was added.
  std::pair<size_t, bool> insert(std::string_view key, size_t value);
  // The value stored for key, if any.
  std::optional<size_t> find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key).has_value(); }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string_view key;
    size_t value;
  };
  static uint64_t hash_of(std::string_view key);
  // The slot holding key, or the empty slot it would take.
  size_t slot_of(std::string_view key, uint64_t hash) const;
  void grow();

  // Slots are 8 bytes (the hash's high half, the entry's position + 1; 0 marks an empty slot) so that the
  // table stays small and probing stays in cache; the keys live in entries_, in insertion order.
  std::vector<uint64_t> slots_;
  std::vector<Entry> entries_;
};

}  // namespace nbhd
