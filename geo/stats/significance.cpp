#include "geo/stats/significance.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

const char* to_string(Correction c) {
  switch (c) {
    case Correction::None:
      return "none";
    case Correction::Bonferroni:
      return "bonferroni";
    case Correction::Fdr:
      return "fdr";
  }
  return "?";
}

Correction parse_correction(std::string_view s) {
  std::string t = lower(s);
  if (t == "none") return Correction::None;
  if (t == "bonferroni") return Correction::Bonferroni;
  if (t == "fdr") return Correction::Fdr;
  throw Error("unknown correction '" + std::string(s) + "'; use none, bonferroni or fdr");
}

double significance_cutoff(const std::vector<double>& p, double alpha, Correction c) {
  if (!(alpha > 0 && alpha < 1))
    throw Error("the significance level must be above 0 and below 1 (e.g. 0.05), got " +
                format_number(alpha));
  std::vector<double> v;
  for (double x : p)
    if (!std::isnan(x)) v.push_back(x);
  const double m = double(v.size());
  if (c == Correction::None || v.empty()) return alpha;
  if (c == Correction::Bonferroni) return alpha / m;
  std::sort(v.begin(), v.end());
  double cut = 0;
  for (size_t k = 0; k < v.size(); ++k)
    if (v[k] <= double(k + 1) * alpha / m) cut = v[k];
  return cut;
}

double normal_two_sided_p(double z) {
  return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

int significance_class(double p, double cutoff) {
  if (std::isnan(p) || p > cutoff || p > 0.05) return 0;
  if (p <= 0.0001) return 4;
  if (p <= 0.001) return 3;
  if (p <= 0.01) return 2;
  return 1;
}

}  // namespace nbhd
