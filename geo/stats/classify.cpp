#include "geo/stats/classify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/stats/jenks.hpp"

namespace nbhd {

const char* to_string(ClassifyMethod m) {
  switch (m) {
    case ClassifyMethod::Quantile:
      return "quantile";
    case ClassifyMethod::EqualInterval:
      return "equal";
    case ClassifyMethod::StdDev:
      return "stddev";
    case ClassifyMethod::Pretty:
      return "pretty";
    case ClassifyMethod::HeadTail:
      return "headtail";
    case ClassifyMethod::Manual:
      return "manual";
    case ClassifyMethod::Categorical:
      return "categorical";
    case ClassifyMethod::NaturalBreaks:
      return "jenks";
  }
  return "?";
}

ClassifyMethod parse_method(std::string_view s) {
  std::string l = lower(s);
  if (l == "quantile" || l == "quantiles") return ClassifyMethod::Quantile;
  if (l == "equal" || l == "equal-interval" || l == "equal_interval") return ClassifyMethod::EqualInterval;
  if (l == "stddev" || l == "sd" || l == "std-dev") return ClassifyMethod::StdDev;
  if (l == "pretty") return ClassifyMethod::Pretty;
  if (l == "headtail" || l == "head-tail" || l == "headtails") return ClassifyMethod::HeadTail;
  if (l == "manual" || l == "fixed") return ClassifyMethod::Manual;
  // "unique" (one class per unique value) is the name other GIS tools give the categorical method.
  if (l == "categorical" || l == "category" || l == "categories" || l == "unique")
    return ClassifyMethod::Categorical;
  if (l == "jenks" || l == "natural" || l == "natural-breaks" || l == "fisher")
    return ClassifyMethod::NaturalBreaks;
  throw Error("unknown classification method '" + std::string(s) +
              "'; methods are: quantile, equal, stddev, pretty, headtail, manual, categorical, jenks");
}

int Classification::class_for(double v) const {
  if (std::isnan(v)) return -1;
  if (method == ClassifyMethod::Categorical) {
    auto it = std::lower_bound(categories.begin(), categories.end(), v);
    return (it != categories.end() && *it == v) ? static_cast<int>(it - categories.begin()) : -1;
  }
  int n = classes();
  if (n == 0 || breaks.size() < 2) return -1;
  // First upper bound >= v; everything above the top break goes to the top class.
  auto it = std::lower_bound(breaks.begin() + 1, breaks.end(), v);
  int c = static_cast<int>(it - (breaks.begin() + 1));
  return std::min(c, n - 1);
}

namespace {

std::string q(const std::string& column) {
  return "column '" + column + "'";
}

bool all_integers(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return x == std::floor(x) && std::abs(x) < 9e15; });
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// Decimals enough to tell neighbouring breaks apart, and no more.
int decimals_for(const std::vector<double>& breaks) {
  double gap = std::numeric_limits<double>::infinity();
  for (size_t i = 1; i < breaks.size(); ++i)
    if (breaks[i] > breaks[i - 1]) gap = std::min(gap, breaks[i] - breaks[i - 1]);
  if (!std::isfinite(gap)) return 2;
  int d = static_cast<int>(std::ceil(-std::log10(gap))) + 2;  // two digits finer than the gap
  return std::clamp(d, 0, 10);
}

std::vector<std::string> ranged_labels(const std::vector<double>& b, bool integer_data) {
  std::vector<std::string> out;
  int d = decimals_for(b);
  for (size_t i = 0; i + 1 < b.size(); ++i) {
    if (integer_data) {
      // Integer data: show the integers a class can hold ("3285 - 6569"), not the shared break values.
      double lo = i == 0 ? std::ceil(b[0]) : std::floor(b[i]) + 1;
      double hi = std::floor(b[i + 1]);
      if (lo == hi) {
        out.push_back(fixed(lo, 0));
        continue;
      }
      if (lo < hi) {
        out.push_back(fixed(lo, 0) + " - " + fixed(hi, 0));
        continue;
      }
    }
    if (b[i] == b[i + 1])
      out.push_back(fixed(b[i], d));
    else
      out.push_back(fixed(b[i], d) + " - " + fixed(b[i + 1], d));
  }
  return out;
}

void append_note(std::string& note, const std::string& more) {
  if (more.empty()) return;
  if (!note.empty()) note += "; ";
  note += more;
}

// Breaks [min, value[s] for each split, max] from split indices into distinct values.
std::vector<double> breaks_from_splits(const WeightedValues& wv, const std::vector<size_t>& splits) {
  std::vector<double> b{wv.value.front()};
  for (size_t s : splits) b.push_back(wv.value[s]);
  b.push_back(wv.value.back());
  return b;
}

std::vector<double> quantile_breaks(const WeightedValues& wv, size_t n, int k, std::string& note,
                                    const std::string& column) {
  const size_t m = wv.value.size();
  std::vector<double> cum(m);
  double run = 0;
  for (size_t i = 0; i < m; ++i) cum[i] = (run += wv.weight[i]);
  std::vector<size_t> splits;
  for (int i = 1; i < k; ++i) {
    double target = static_cast<double>(n) * i / k;
    // The boundary after the distinct value whose cumulative count is nearest the target; the last
    // distinct value cannot end a class that is not the last.
    auto it = std::lower_bound(cum.begin(), cum.end() - 1, target);
    size_t d = static_cast<size_t>(it - cum.begin());
    if (d > 0 && (d == m - 1 || target - cum[d - 1] <= cum[d] - target)) --d;
    if (d >= m - 1) d = m - 2;
    if (splits.empty() || d > splits.back()) splits.push_back(d);
  }
  if (static_cast<int>(splits.size()) + 1 < k)
    append_note(note, "quantile: " + std::to_string(splits.size() + 1) + " classes instead of " +
                          std::to_string(k) + " because equal values of " + q(column) +
                          " must share a class");
  return breaks_from_splits(wv, splits);
}

std::vector<double> stddev_breaks(const std::vector<double>& v, int k, double step, std::string& note) {
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  double sd = std::sqrt(ss / static_cast<double>(v.size() > 1 ? v.size() - 1 : 1));
  double lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
  std::vector<int> js;
  int reach = static_cast<int>(std::ceil(std::max(mean - lo, hi - mean) / (step * sd))) + 1;
  for (int j = -reach; j <= reach; ++j) {
    double b = mean + j * step * sd;
    if (b > lo && b < hi) js.push_back(j);
  }
  // Keep the breaks nearest the mean when there are more than the classes asked for allow.
  std::stable_sort(js.begin(), js.end(), [](int a, int b) { return std::abs(a) < std::abs(b); });
  if (static_cast<int>(js.size()) > k - 1) js.resize(k - 1);
  std::sort(js.begin(), js.end());
  std::vector<double> b{lo};
  for (int j : js) b.push_back(mean + j * step * sd);
  b.push_back(hi);
  append_note(note, "standard deviation: mean " + fixed(mean, 4) + ", sd " + fixed(sd, 4) +
                        ", breaks every " + format_number(step) + " sd");
  return b;
}

// Multiples of c * 10^e, computed from integers so that 0.1 * 3 prints as 0.3.
double nice_multiple(long long i, int c, int e) {
  if (e >= 0) return static_cast<double>(i * c) * std::pow(10.0, e);
  return static_cast<double>(i * c) / std::pow(10.0, -e);
}

std::vector<double> pretty_breaks(double lo, double hi, int k, std::string& note) {
  double raw = (hi - lo) / k;
  int e = static_cast<int>(std::floor(std::log10(raw)));
  int best_c = 1, best_e = e;
  long long best_a = 0, best_b = 0;
  int best_diff = 1 << 30;
  for (int ee = e - 1; ee <= e + 1; ++ee) {
    for (int c : {1, 2, 5}) {
      double s = c * std::pow(10.0, ee);
      long long a = static_cast<long long>(std::floor(lo / s)), b = static_cast<long long>(std::ceil(hi / s));
      // Guard against floor/ceil landing one step off through rounding.
      if (nice_multiple(a + 1, c, ee) <= lo) ++a;
      if (nice_multiple(b - 1, c, ee) >= hi) --b;
      long long n = b - a;
      if (n < 1 || n > kMaxClasses) continue;
      int diff = std::abs(static_cast<int>(n) - k);
      if (diff < best_diff) {
        best_diff = diff;
        best_c = c;
        best_e = ee;
        best_a = a;
        best_b = b;
      }
    }
  }
  std::vector<double> b;
  for (long long i = best_a; i <= best_b; ++i) b.push_back(nice_multiple(i, best_c, best_e));
  int got = static_cast<int>(b.size()) - 1;
  if (got != k)
    append_note(note, "pretty: " + std::to_string(got) + " classes of width " +
                          format_number(nice_multiple(1, best_c, best_e)) + " (asked for " +
                          std::to_string(k) + ")");
  return b;
}

std::vector<double> headtail_breaks(std::vector<double> v, int k, double head_share, std::string& note) {
  double lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
  std::vector<double> b{lo};
  bool first = true;
  while (static_cast<int>(b.size()) < k && v.size() > 1) {
    double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    std::vector<double> head;
    for (double x : v)
      if (x > mean) head.push_back(x);
    if (head.empty() || head.size() == v.size()) break;
    b.push_back(mean);
    double share = static_cast<double>(head.size()) / static_cast<double>(v.size());
    if (share > head_share) {
      if (first)
        append_note(note, "head/tail: the values are not heavy-tailed (" + fixed(share * 100, 1) +
                              "% lie above the mean); quantile or natural breaks may suit better");
      break;
    }
    first = false;
    v = std::move(head);
  }
  b.push_back(hi);
  return b;
}

}  // namespace

Classification classify(const std::vector<double>& values, const ClassifyOptions& opt) {
  const bool categorical = opt.method == ClassifyMethod::Categorical;
  const bool manual = opt.method == ClassifyMethod::Manual;
  if (!categorical && !manual && (opt.classes < kMinClasses || opt.classes > kMaxClasses))
    throw Error("cannot make " + std::to_string(opt.classes) + " classes of " + q(opt.column) +
                ": the number of classes must be between 2 and 12");
  if (manual) {
    const auto& mb = opt.manual_breaks;
    if (mb.empty())
      throw Error("manual classification of " + q(opt.column) + " needs breaks, e.g. 10,20,40", Need::Breaks);
    if (mb.size() > static_cast<size_t>(kMaxClasses - 1))
      throw Error("manual classification of " + q(opt.column) + ": " + std::to_string(mb.size()) +
                  " breaks make " + std::to_string(mb.size() + 1) + " classes; give at most 11 breaks");
    for (size_t i = 0; i < mb.size(); ++i) {
      if (!std::isfinite(mb[i]))
        throw Error("manual classification of " + q(opt.column) + ": breaks must be numbers");
      if (i && mb[i] <= mb[i - 1])
        throw Error("manual classification of " + q(opt.column) + ": breaks must increase (" +
                    format_number(mb[i]) + " follows " + format_number(mb[i - 1]) + ")");
    }
  }
  if (opt.method == ClassifyMethod::StdDev && !(opt.sd_step > 0))
    throw Error("standard deviation classification of " + q(opt.column) + ": the step must be above 0");

  Classification c;
  c.method = opt.method;
  std::vector<double> finite;
  finite.reserve(values.size());
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  c.nodata = values.size() - finite.size();

  auto finish = [&] {
    c.class_of.resize(values.size());
    c.counts.assign(
        c.categories.empty() ? (c.breaks.size() > 1 ? c.breaks.size() - 1 : 0) : c.categories.size(), 0);
    for (size_t i = 0; i < values.size(); ++i) {
      int k = std::isfinite(values[i]) ? c.class_for(values[i]) : -1;
      c.class_of[i] = k;
      if (k >= 0) ++c.counts[k];
    }
  };

  if (finite.empty()) {
    c.note = values.empty() ? q(opt.column) + " has no rows to classify"
                            : q(opt.column) + " has no values (all " + std::to_string(values.size()) +
                                  " missing): every area is 'No data'";
    finish();
    return c;
  }
  WeightedValues wv = distinct_sorted(finite);
  const size_t m = wv.value.size();
  const bool ints = all_integers(wv.value);

  if (categorical) {
    if (m > static_cast<size_t>(kMaxClasses))
      throw Error(q(opt.column) + " has " + std::to_string(m) +
                  " distinct values; categorical classification takes at most 12: choose another method "
                  "(e.g. quantile)");
    c.categories = wv.value;
    for (double v : wv.value) c.labels.push_back(format_number(v));
    if (m == 1)
      c.note = "all " + std::to_string(finite.size()) + " values of " + q(opt.column) + " equal " +
               format_number(wv.value[0]) + ": one class";
    finish();
    return c;
  }
  if (m == 1) {
    c.breaks = {wv.value[0], wv.value[0]};
    c.labels = {format_number(wv.value[0])};
    c.note = "all " + std::to_string(finite.size()) + " values of " + q(opt.column) + " equal " +
             format_number(wv.value[0]) + ": one class";
    finish();
    return c;
  }

  const int k = opt.classes;
  const double lo = wv.value.front(), hi = wv.value.back();
  switch (opt.method) {
    case ClassifyMethod::Quantile:
      c.breaks = quantile_breaks(wv, finite.size(), k, c.note, opt.column);
      break;
    case ClassifyMethod::EqualInterval:
      for (int i = 0; i < k; ++i) c.breaks.push_back(lo + (hi - lo) * i / k);
      c.breaks.push_back(hi);
      break;
    case ClassifyMethod::StdDev:
      c.breaks = stddev_breaks(finite, k, opt.sd_step, c.note);
      break;
    case ClassifyMethod::Pretty:
      c.breaks = pretty_breaks(lo, hi, k, c.note);
      break;
    case ClassifyMethod::HeadTail:
      c.breaks = headtail_breaks(finite, k, opt.head_share, c.note);
      break;
    case ClassifyMethod::Manual:
      c.breaks.push_back(std::min(lo, opt.manual_breaks.front()));
      for (double b : opt.manual_breaks) c.breaks.push_back(b);
      c.breaks.push_back(std::max(hi, opt.manual_breaks.back()));
      if (c.breaks.back() == opt.manual_breaks.back())
        append_note(c.note, "manual: no value of " + q(opt.column) + " lies above the last break " +
                                format_number(opt.manual_breaks.back()));
      break;
    case ClassifyMethod::NaturalBreaks: {
      size_t kk = static_cast<size_t>(k);
      if (kk > m) {
        append_note(c.note, "natural breaks: " + q(opt.column) + " has only " + std::to_string(m) +
                                " distinct values, so " + std::to_string(m) + " classes");
        kk = m;
      }
      c.breaks = breaks_from_splits(wv, jenks_split_points(wv, kk));
      break;
    }
    case ClassifyMethod::Categorical:
      break;
  }
  c.labels = ranged_labels(c.breaks, ints);
  finish();
  if (opt.method == ClassifyMethod::Quantile && !c.counts.empty()) {
    auto [mn, mx] = std::minmax_element(c.counts.begin(), c.counts.end());
    if (*mx - *mn > 1)
      append_note(c.note, "quantile: classes hold " + std::to_string(*mn) + " to " + std::to_string(*mx) +
                              " areas because equal values share a class");
  }
  return c;
}

}  // namespace nbhd
