#include "geo/stats/classify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>

#include "base/error.hpp"

namespace nbhd {
namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();

Classification run(const std::vector<double>& v, ClassifyMethod m, int k = 5, const std::string& col = "x") {
  ClassifyOptions o;
  o.method = m;
  o.classes = k;
  o.column = col;
  return classify(v, o);
}

std::string error_of(const std::vector<double>& v, const ClassifyOptions& o) {
  try {
    classify(v, o);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// Invariants every ranged classification must satisfy, checked independently of the method.
void expect_consistent(const std::vector<double>& v, const Classification& c) {
  ASSERT_EQ(c.class_of.size(), v.size());
  std::vector<size_t> counts(c.counts.size(), 0);
  size_t nodata = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (std::isnan(v[i])) {
      EXPECT_EQ(c.class_of[i], -1);
      ++nodata;
      continue;
    }
    ASSERT_GE(c.class_of[i], 0);
    ASSERT_LT(c.class_of[i], c.classes());
    ++counts[c.class_of[i]];
    if (!c.breaks.empty()) {
      int k = c.class_of[i];
      if (k > 0) {
        EXPECT_GT(v[i], c.breaks[k]);
      }
      if (k + 1 < c.classes()) {
        EXPECT_LE(v[i], c.breaks[k + 1]);
      }
    }
  }
  EXPECT_EQ(counts, c.counts);
  EXPECT_EQ(nodata, c.nodata);
  EXPECT_EQ(c.labels.size(), c.counts.size());
  // Monotone: a larger value never falls in a lower class.
  for (size_t i = 0; i < v.size(); ++i)
    for (size_t j = 0; j < v.size() && v.size() < 400; ++j)
      if (!std::isnan(v[i]) && !std::isnan(v[j]) && v[i] < v[j]) {
        ASSERT_LE(c.class_of[i], c.class_of[j]);
      }
}

TEST(Classify, ParseMethodNamesAndRejectsUnknown) {
  EXPECT_EQ(parse_method("Jenks"), ClassifyMethod::NaturalBreaks);
  EXPECT_EQ(parse_method("equal-interval"), ClassifyMethod::EqualInterval);
  EXPECT_EQ(parse_method("categorical"), ClassifyMethod::Categorical);
  // The alias lives here, so every command and the viewer take it (once only `nbhd render` and `view` did).
  EXPECT_EQ(parse_method("unique"), ClassifyMethod::Categorical);
  EXPECT_EQ(parse_method("Unique"), ClassifyMethod::Categorical);
  try {
    parse_method("kmeans");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        "unknown classification method 'kmeans'; methods are: quantile, equal, stddev, pretty, headtail, "
        "manual, categorical, jenks");
  }
}

TEST(Classify, ClassCountOutsideTwoToTwelveIsAnError) {
  ClassifyOptions o;
  o.column = "IMD_score";
  o.classes = 1;
  EXPECT_EQ(error_of({1, 2, 3}, o),
            "cannot make 1 classes of column 'IMD_score': the number of classes must be between 2 and 12");
  o.classes = 13;
  o.method = ClassifyMethod::NaturalBreaks;
  EXPECT_EQ(error_of({1, 2, 3}, o),
            "cannot make 13 classes of column 'IMD_score': the number of classes must be between 2 and 12");
}

TEST(Classify, QuantileKeepsEqualValuesTogetherAndSaysSo) {
  std::vector<double> v{1, 1, 1, 1, 1, 1, 2, 3, 4, 5};
  auto c = run(v, ClassifyMethod::Quantile, 4);
  expect_consistent(v, c);
  // Six 1s cannot be split: the first class takes all of them.
  EXPECT_EQ(c.counts[0], 6u);
  EXPECT_NE(c.note.find("equal values"), std::string::npos) << c.note;
}

TEST(Classify, QuantileOnDistinctValuesIsAsEvenAsPossible) {
  std::vector<double> v(103);
  std::iota(v.begin(), v.end(), 0.0);
  std::shuffle(v.begin(), v.end(), std::mt19937(3));
  auto c = run(v, ClassifyMethod::Quantile, 10);
  expect_consistent(v, c);
  ASSERT_EQ(c.classes(), 10);
  for (size_t n : c.counts) EXPECT_TRUE(n == 10 || n == 11) << n;
  EXPECT_EQ(c.note, "");
}

TEST(Classify, QuantileOfDecileCodesGivesOneClassPerDecile) {
  // Decile codes with the uneven counts of a real index (33,755 areas): each decile must be one class.
  std::vector<size_t> sizes{3375, 3376, 3375, 3376, 3375, 3376, 3375, 3376, 3375, 3376};
  std::vector<double> v;
  for (size_t d = 0; d < sizes.size(); ++d) v.insert(v.end(), sizes[d], static_cast<double>(d + 1));
  v.insert(v.end(), 17, NaN);
  std::shuffle(v.begin(), v.end(), std::mt19937(5));
  auto c = run(v, ClassifyMethod::Quantile, 10);
  EXPECT_EQ(c.counts, sizes);
  EXPECT_EQ(c.nodata, 17u);
  EXPECT_EQ(c.labels[0], "1");
  EXPECT_EQ(c.labels[9], "10");
}

TEST(Classify, RandomTiesNeverSplitAcrossClasses) {
  std::mt19937 rng(11);
  for (int t = 0; t < 50; ++t) {
    std::vector<double> v(150);
    for (auto& x : v) x = static_cast<double>(rng() % 20);
    for (auto m : {ClassifyMethod::Quantile, ClassifyMethod::NaturalBreaks, ClassifyMethod::EqualInterval,
                   ClassifyMethod::Pretty, ClassifyMethod::StdDev, ClassifyMethod::HeadTail}) {
      auto c = run(v, m, 2 + t % 11);
      expect_consistent(v, c);
    }
  }
}

TEST(Classify, MissingValuesFormTheirOwnCountedClass) {
  std::vector<double> v{1, NaN, 2, 3, NaN, 4};
  auto c = run(v, ClassifyMethod::EqualInterval, 3);
  expect_consistent(v, c);
  EXPECT_EQ(c.nodata, 2u);
  EXPECT_EQ(c.class_of[1], -1);
  EXPECT_EQ(std::accumulate(c.counts.begin(), c.counts.end(), size_t{0}), 4u);
}

TEST(Classify, AllEqualGivesOneClassAndAMessage) {
  std::vector<double> v{7, 7, NaN, 7};
  for (auto m : {ClassifyMethod::Quantile, ClassifyMethod::NaturalBreaks, ClassifyMethod::Pretty,
                 ClassifyMethod::Categorical, ClassifyMethod::StdDev, ClassifyMethod::HeadTail}) {
    auto c = run(v, m, 5, "score");
    ASSERT_EQ(c.classes(), 1) << to_string(m);
    EXPECT_EQ(c.counts[0], 3u);
    EXPECT_EQ(c.nodata, 1u);
    EXPECT_EQ(c.labels[0], "7");
    EXPECT_EQ(c.note, "all 3 values of column 'score' equal 7: one class");
  }
}

TEST(Classify, AllMissingGivesOnlyNoDataAndAMessage) {
  std::vector<double> v{NaN, NaN, NaN};
  auto c = run(v, ClassifyMethod::NaturalBreaks, 5, "score");
  EXPECT_EQ(c.classes(), 0);
  EXPECT_EQ(c.nodata, 3u);
  EXPECT_EQ(c.class_of, (std::vector<int>{-1, -1, -1}));
  EXPECT_EQ(c.note, "column 'score' has no values (all 3 missing): every area is 'No data'");
}

TEST(Classify, EqualIntervalBreaksAndCounts) {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  auto c = run(v, ClassifyMethod::EqualInterval, 4);
  EXPECT_EQ(c.breaks, (std::vector<double>{0, 25, 50, 75, 100}));
  // (b_i, b_i+1]: 0..25 has 26 values, then 25 each.
  EXPECT_EQ(c.counts, (std::vector<size_t>{26, 25, 25, 25}));
  EXPECT_EQ(c.labels[0], "0 - 25");
  EXPECT_EQ(c.labels[1], "26 - 50");
}

TEST(Classify, StandardDeviationBreaksSitOnMeanPlusMultiplesOfSd) {
  std::vector<double> v{2, 4, 4, 4, 5, 5, 7, 9, 11, 15, 1, 0};
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  double sd = std::sqrt(ss / (v.size() - 1));
  ClassifyOptions o;
  o.method = ClassifyMethod::StdDev;
  o.classes = 12;
  o.sd_step = 0.5;
  auto c = classify(v, o);
  expect_consistent(v, c);
  EXPECT_EQ(c.breaks.front(), 0);
  EXPECT_EQ(c.breaks.back(), 15);
  for (size_t i = 1; i + 1 < c.breaks.size(); ++i) {
    double j = (c.breaks[i] - mean) / (0.5 * sd);
    EXPECT_NEAR(j, std::round(j), 1e-9);
  }
  // The mean itself is a break, and every half-sd step inside the range is present.
  int inside = 0;
  for (int j = -10; j <= 10; ++j) inside += (mean + j * 0.5 * sd > 0 && mean + j * 0.5 * sd < 15);
  EXPECT_EQ(static_cast<int>(c.breaks.size()) - 2, inside);
}

TEST(Classify, PrettyBreaksAreRoundNumbers) {
  std::vector<double> v{3, 14, 27, 52, 66, 97};
  auto c = run(v, ClassifyMethod::Pretty, 5);
  EXPECT_EQ(c.breaks, (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(c.counts, (std::vector<size_t>{2, 1, 1, 1, 1}));
  auto d = run({0.12, 0.31, 0.58}, ClassifyMethod::Pretty, 5);
  EXPECT_EQ(d.breaks, (std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}));
}

TEST(Classify, HeadTailBreaksAreSuccessiveMeansOfTheHead) {
  // A heavy tail: 1/i.
  std::vector<double> v;
  for (int i = 1; i <= 1000; ++i) v.push_back(1000.0 / i);
  auto c = run(v, ClassifyMethod::HeadTail, 12);
  expect_consistent(v, c);
  std::vector<double> cur = v, means;
  while (cur.size() > 1) {
    double m = std::accumulate(cur.begin(), cur.end(), 0.0) / cur.size();
    std::vector<double> head;
    for (double x : cur)
      if (x > m) head.push_back(x);
    means.push_back(m);
    if (head.size() > 0.4 * cur.size() || head.empty()) break;
    cur = head;
  }
  ASSERT_EQ(c.breaks.size(), means.size() + 2);
  for (size_t i = 0; i < means.size(); ++i) EXPECT_DOUBLE_EQ(c.breaks[i + 1], means[i]);
  EXPECT_EQ(c.note, "");
  auto flat = run({1, 2, 3, 4, 5, 6}, ClassifyMethod::HeadTail, 5);
  EXPECT_EQ(flat.classes(), 2);
  EXPECT_NE(flat.note.find("not heavy-tailed (50% lie above the mean)"), std::string::npos) << flat.note;
}

TEST(Classify, ManualBreaksAndTheirErrors) {
  ClassifyOptions o;
  o.method = ClassifyMethod::Manual;
  o.column = "x";
  o.manual_breaks = {10, 20};
  std::vector<double> v{5, 10, 11, 20, 25, 30};
  auto c = classify(v, o);
  expect_consistent(v, c);
  EXPECT_EQ(c.counts, (std::vector<size_t>{2, 2, 2}));
  EXPECT_EQ(c.breaks, (std::vector<double>{5, 10, 20, 30}));
  o.manual_breaks = {20, 10};
  EXPECT_EQ(error_of(v, o), "manual classification of column 'x': breaks must increase (10 follows 20)");
  o.manual_breaks = {};
  EXPECT_EQ(error_of(v, o), "manual classification of column 'x' needs breaks, e.g. 10,20,40");
  o.manual_breaks = std::vector<double>(12);
  std::iota(o.manual_breaks.begin(), o.manual_breaks.end(), 1.0);
  EXPECT_EQ(error_of(v, o),
            "manual classification of column 'x': 12 breaks make 13 classes; give at most 11 breaks");
}

TEST(Classify, CategoricalMapsDecilesAndRefusesTooManyValues) {
  std::vector<double> v;
  for (int d = 1; d <= 10; ++d) v.insert(v.end(), d, d);
  v.push_back(NaN);
  auto c = run(v, ClassifyMethod::Categorical, 5, "IMD_decile");
  ASSERT_EQ(c.classes(), 10);
  for (int d = 1; d <= 10; ++d) {
    EXPECT_EQ(c.counts[d - 1], static_cast<size_t>(d));
    EXPECT_EQ(c.labels[d - 1], std::to_string(d));
    EXPECT_EQ(c.class_for(d), d - 1);
  }
  EXPECT_EQ(c.class_for(4.5), -1);
  EXPECT_EQ(c.nodata, 1u);
  std::vector<double> many(13);
  std::iota(many.begin(), many.end(), 1.0);
  ClassifyOptions o;
  o.method = ClassifyMethod::Categorical;
  o.column = "IMD_rank";
  EXPECT_EQ(
      error_of(many, o),
      "column 'IMD_rank' has 13 distinct values; categorical classification takes at most 12: choose another "
      "method (e.g. quantile)");
}

TEST(Classify, NaturalBreaksWithFewerDistinctValuesThanClasses) {
  auto c = run({1, 1, 2, 2, 3}, ClassifyMethod::NaturalBreaks, 5, "x");
  EXPECT_EQ(c.classes(), 3);
  EXPECT_EQ(c.counts, (std::vector<size_t>{2, 2, 1}));
  EXPECT_EQ(c.note, "natural breaks: column 'x' has only 3 distinct values, so 3 classes");
}

TEST(Classify, RealValuedLabelsUseEnoughDecimals) {
  auto c = run({0.5, 3.5, 4.0, 10.5}, ClassifyMethod::EqualInterval, 2);
  EXPECT_EQ(c.labels[0], "0.5 - 5.5");
  EXPECT_EQ(c.labels[1], "5.5 - 10.5");
  auto d = run({0.1234, 0.2, 0.3234}, ClassifyMethod::EqualInterval, 2);
  EXPECT_EQ(d.labels[0], "0.123 - 0.223");
  EXPECT_EQ(d.labels[1], "0.223 - 0.323");
}

}  // namespace
}  // namespace nbhd
