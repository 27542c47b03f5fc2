#pragma once
// Natural breaks (Fisher 1958 / Jenks): the exact partition of sorted values into k contiguous classes that
// minimises the total within-class sum of squared deviations. Exact, not sampled.
#include <cstddef>
#include <vector>

namespace nbhd {

// Distinct values (ascending) with how often each occurs. Equal values never straddle a class boundary:
// in an optimal partition a value shared by two classes would be closer to one class mean, so moving all
// its copies there cannot cost more (the DP therefore runs on distinct values, weighted).
struct WeightedValues {
  std::vector<double> value;   // strictly ascending
  std::vector<double> weight;  // > 0
};

WeightedValues distinct_sorted(std::vector<double> finite_values);

// Indices into wv.value of the last distinct value of each class but the last (k-1 entries, ascending).
// Requires 1 <= k <= wv.value.size(). O(k m log m) for m distinct values: the layer-to-layer DP
// D_c(j) = min_i D_{c-1}(i) + SSE(i, j) has a monotone optimal split (SSE on sorted data is a Monge
// cost), so each layer is solved by divide and conquer over j.
std::vector<size_t> jenks_split_points(const WeightedValues& wv, size_t k);

// Total within-class sum of squares of `sorted` (ascending, raw values) for class upper bounds `uppers`
// (class i holds values <= uppers[i]; the last class takes the rest). Used by tests and diagnostics.
double within_class_ss(const std::vector<double>& sorted, const std::vector<double>& uppers);

}  // namespace nbhd
