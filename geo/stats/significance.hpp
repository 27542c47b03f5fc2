#pragma once
// Significance for many local tests at once: the cut-off a p-value must reach, with no correction, with
// Bonferroni's (alpha / m) or with the False Discovery Rate (Benjamini-Hochberg, as GeoDa applies it), and
// the normal-distribution p-value of a z-score.
#include <string_view>
#include <vector>

namespace nbhd {

enum class Correction { None, Bonferroni, Fdr };
const char* to_string(Correction c);
// "none", "bonferroni", "fdr"; throws nbhd::Error listing them otherwise.
Correction parse_correction(std::string_view s);

// The largest p-value that counts as significant among `p` (NaN entries are not tests and are skipped):
// alpha; alpha / m; or the largest p_(k) with p_(k) <= k alpha / m (0 when none qualifies, so nothing is
// significant). Throws nbhd::Error unless 0 < alpha < 1.
double significance_cutoff(const std::vector<double>& p, double alpha, Correction c);

// Two-sided p-value of a standard normal z-score: P(|Z| >= |z|).
double normal_two_sided_p(double z);

// GeoDa's significance-map class of a pseudo p-value: 1 (p <= 0.05), 2 (<= 0.01), 3 (<= 0.001),
// 4 (<= 0.0001), 0 above 0.05 or above `cutoff` (not significant after a correction).
int significance_class(double p, double cutoff);

}  // namespace nbhd
