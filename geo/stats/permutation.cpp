#include "geo/stats/permutation.hpp"

#include <numeric>
#include <utility>

namespace nbhd {

namespace {
uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

RandomStream::RandomStream(uint64_t seed, uint64_t stream) {
  uint64_t x = seed;
  uint64_t mixed = splitmix64(x) ^ (stream * 0xD1B54A32D192ED03ULL);
  state_ = splitmix64(mixed);
}

namespace {
// Permutations (of `permutations`) whose lag is at least as extreme as `observed`, drawing k distinct
// indices other than `self` by rejection. Uniform: every weight equals w[0].
template <bool Uniform>
size_t count_small(const double* pool, uint32_t self, uint32_t others, const double* w, size_t k, double sign,
                   double observed, size_t permutations, RandomStream& rng) {
  uint32_t picked[32];
  size_t larger = 0;
  for (size_t p = 0; p < permutations; ++p) {
    double lag = 0;
    for (size_t r = 0; r < k; ++r) {
      uint32_t j;
      for (;;) {
        j = rng.below(others);
        j += j >= self;  // skip the area itself
        bool repeat = false;
        for (size_t q = 0; q < r; ++q) repeat |= picked[q] == j;
        if (!repeat) break;
      }
      picked[r] = j;
      lag += Uniform ? pool[j] : w[r] * pool[j];
    }
    if (Uniform) lag *= w[0];
    larger += sign > 0 ? lag >= observed : lag <= observed;
  }
  return larger;
}
}  // namespace

double folded_pseudo_p(size_t larger, size_t permutations) {
  if (permutations - larger < larger) larger = permutations - larger;
  return double(larger + 1) / double(permutations + 1);
}

ConditionalPermuter::ConditionalPermuter(size_t n) : order_(n) {
  std::iota(order_.begin(), order_.end(), 0u);
}

double ConditionalPermuter::p_value(const std::vector<double>& pool, uint32_t self, const double* w, size_t k,
                                    double sign, double observed, size_t permutations, RandomStream& rng) {
  if (sign == 0) return 1.0;
  const uint32_t others = static_cast<uint32_t>(pool.size() - 1);
  size_t larger = 0;
  // Small k: draw, and draw again on a repeat; cheaper than touching a shuffle array.
  if (k <= 32 && 8 * k <= others) {
    bool uniform = true;  // row-standardised contiguity: one weight per row, so one multiply per draw set
    for (size_t r = 1; r < k; ++r) uniform &= w[r] == w[0];
    return folded_pseudo_p(
        uniform ? count_small<true>(pool.data(), self, others, w, k, sign, observed, permutations, rng)
                : count_small<false>(pool.data(), self, others, w, k, sign, observed, permutations, rng),
        permutations);
  }
  // Large k: a partial Fisher-Yates shuffle of every index but self, undone after each permutation.
  std::swap(order_[self], order_[others]);
  picks_.resize(k);
  for (size_t p = 0; p < permutations; ++p) {
    double lag = 0;
    for (size_t r = 0; r < k; ++r) {
      uint32_t j = static_cast<uint32_t>(r) + rng.below(others - static_cast<uint32_t>(r));
      picks_[r] = j;
      std::swap(order_[r], order_[j]);
      lag += w[r] * pool[order_[r]];
    }
    for (size_t r = k; r-- > 0;) std::swap(order_[r], order_[picks_[r]]);
    larger += sign > 0 ? lag >= observed : lag <= observed;
  }
  std::swap(order_[self], order_[others]);
  return folded_pseudo_p(larger, permutations);
}

}  // namespace nbhd
