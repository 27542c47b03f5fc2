#pragma once
// Seeded random streams and the conditional permutation test of local statistics (Anselin 1995, as GeoDa
// and PySAL's esda do it): area i keeps its own value, and its k_i neighbours' values are replaced by k_i
// values drawn without replacement from the other n - 1 areas.
//
// Reproducibility: every area has its own stream, derived from (seed, area index), and the streams never
// depend on which thread runs them; so one seed gives the same p-values on 1 or 64 threads.
// Speed: O(permutations x k_i) per area; draws are rejection-sampled against the few already drawn when
// k_i is small (the usual contiguity case), and by a partial Fisher-Yates shuffle otherwise.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace nbhd {

// wyrand (Wang Yi's generator: one multiply per number, passes BigCrush and PractRand), its state seeded
// through splitmix64 from (seed, stream) so that neighbouring streams are unrelated.
class RandomStream {
  __extension__ typedef unsigned __int128 u128;  // GCC and Clang; -Wpedantic accepts it marked so

 public:
  RandomStream(uint64_t seed, uint64_t stream);
  uint64_t next64() {
    state_ += 0xa0761d6478bd642fULL;
    u128 m = static_cast<u128>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
  }
  // Uniform integer in [0, range), exactly unbiased (Lemire's multiply-and-reject); range >= 1.
  uint32_t below(uint32_t range) {
    u128 m = static_cast<u128>(next64()) * range;
    if (static_cast<uint64_t>(m) < range) {
      const uint64_t threshold = (0 - uint64_t(range)) % range;
      while (static_cast<uint64_t>(m) < threshold) m = static_cast<u128>(next64()) * range;
    }
    return static_cast<uint32_t>(m >> 64);
  }

 private:
  uint64_t state_ = 0;
};

// Permutations whose statistic is at least as extreme as the observed one, folded GeoDa/esda-style:
// with `larger` = draws whose I*_i >= I_i, the count is min(larger, permutations - larger), and the
// pseudo p-value is (count + 1) / (permutations + 1).
double folded_pseudo_p(size_t larger, size_t permutations);

// Scratch for one thread of permutation tests over `n` values.
class ConditionalPermuter {
 public:
  explicit ConditionalPermuter(size_t n);
  // The pseudo p-value of area `self` whose statistic is sign * (weighted sum of neighbour values), with
  // observed weighted sum `observed`: each permutation draws weights.size() values of `pool` other than
  // pool[self]. sign 0 (the area's own value is the mean) gives p = 1: there is nothing to test.
  double p_value(const std::vector<double>& pool, uint32_t self, const double* weights, size_t k, double sign,
                 double observed, size_t permutations, RandomStream& rng);

 private:
  std::vector<uint32_t> order_;  // identity except while a Fisher-Yates draw is under way
  std::vector<uint32_t> picks_;
};

}  // namespace nbhd
