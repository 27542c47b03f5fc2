// nbhd convert's engine: every rule on a hand-checkable made-up lookup (split, merged, redrawn, codes
// missing on either side), then on the real LSOA 2011 <-> 2021 lookup against an independent computation
// written here from the lookup's rows (it never calls convert_table).
#include "geo/tables/convert.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/error.hpp"
#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::message_of;

Table csv(const std::string& text, const std::string& source) {
  return parse_csv(text, source);
}

// a -> A (unchanged); b -> B1, B2 (split); c, d -> C (merged); e, f -> E1 and f -> E2 (E1 redrawn,
// E2 split off f); g -> G (g is not in the table); h is in the table but not in the lookup.
const char* kLookup =
    "from,to,w\n"
    "a,A,1\nb,B1,1\nb,B2,1\nc,C,1\nd,C,1\ne,E1,1\nf,E1,1\nf,E2,3\ng,G,1\n";
const char* kTable =
    "code,rank,count,flag,pop,name\n"
    "a,5,10,TRUE,1,na\nb,2,20,FALSE,2,nb\nc,7,30,TRUE,3,nc\nd,3,40,FALSE,1,nd\n"
    "e,4,50,FALSE,1,ne\nf,9,60,TRUE,3,nf\nh,1,70,TRUE,1,nh\n";

struct ConvertSmall : ::testing::Test {
  Table table = csv(kTable, "t.csv");
  Lookup lookup = read_lookup(csv(kLookup, "lk.csv"), "from", "to");

  ConvertResult run(const std::string& rule, const std::string& column) {
    ConvertOptions o;
    o.key = "code";
    o.rules = {parse_column_rule("*=drop"), parse_column_rule(column + "=" + rule)};
    return convert_table(table, lookup, o);
  }
  std::map<std::string, double> values(const ConvertResult& r, const std::string& column) {
    std::map<std::string, double> m;
    for (size_t i = 0; i < r.table.rows(); ++i)
      m[r.table.column("to").text[i]] = r.table.column(column).num[i];
    return m;
  }
};

TEST_F(ConvertSmall, LookupShapeGivesComparability) {
  ConvertResult r = run("worst", "rank");
  const Table& t = r.table;
  ASSERT_EQ(t.rows(), 6u);  // G has no source in the table
  std::vector<std::string> codes = t.column("to").text, comp = t.column("comparability").text;
  EXPECT_EQ(codes, (std::vector<std::string>{"A", "B1", "B2", "C", "E1", "E2"}));
  EXPECT_EQ(comp, (std::vector<std::string>{"unchanged", "split", "split", "merged", "redrawn", "split"}));
  EXPECT_EQ(t.column("n_sources").num, (std::vector<double>{1, 1, 1, 2, 2, 1}));
  EXPECT_EQ(r.report.unchanged, 1u);
  EXPECT_EQ(r.report.split, 3u);
  EXPECT_EQ(r.report.merged, 1u);
  EXPECT_EQ(r.report.redrawn, 1u);
  EXPECT_EQ(r.report.rows_without_lookup, std::vector<std::string>{"h"});
  EXPECT_EQ(r.report.lookup_without_row, std::vector<std::string>{"g"});
  EXPECT_EQ(r.report.targets_without_source, std::vector<std::string>{"G"});
  EXPECT_EQ(
      format_convert_report(r.report),
      "converted t.csv (7 rows) through lk.csv (9 rows): 6 target areas, 1 unchanged, 3 split, 1 merged, "
      "1 redrawn\n"
      "1 table codes are not in the lookup (left out): h\n"
      "1 lookup source codes have no row in the table: g\n"
      "1 target areas have no source in the table (not written): G\n");
}

TEST_F(ConvertSmall, EveryRuleByHand) {
  using M = std::map<std::string, double>;
  EXPECT_EQ(values(run("worst", "rank"), "rank"),
            (M{{"A", 5}, {"B1", 2}, {"B2", 2}, {"C", 3}, {"E1", 4}, {"E2", 9}}));
  EXPECT_EQ(values(run("best", "rank"), "rank"),
            (M{{"A", 5}, {"B1", 2}, {"B2", 2}, {"C", 7}, {"E1", 9}, {"E2", 9}}));
  EXPECT_EQ(values(run("mean", "rank"), "rank"),
            (M{{"A", 5}, {"B1", 2}, {"B2", 2}, {"C", 5}, {"E1", 6.5}, {"E2", 9}}));
  // C: (7*3 + 3*1) / 4; E1: (4*1 + 9*3) / 4.
  EXPECT_EQ(values(run("wmean:pop", "rank"), "rank"),
            (M{{"A", 5}, {"B1", 2}, {"B2", 2}, {"C", 6}, {"E1", 7.75}, {"E2", 9}}));
  // Counts: b's 20 split equally; f's 60 split equally between E1 and E2.
  EXPECT_EQ(values(run("sum", "count"), "count"),
            (M{{"A", 10}, {"B1", 10}, {"B2", 10}, {"C", 70}, {"E1", 80}, {"E2", 30}}));
  // ... or by the lookup's weight column: f gives 1/4 to E1 and 3/4 to E2.
  EXPECT_EQ(values(run("sum:w", "count"), "count"),
            (M{{"A", 10}, {"B1", 10}, {"B2", 10}, {"C", 70}, {"E1", 65}, {"E2", 45}}));
  EXPECT_EQ(values(run("any", "flag"), "flag"),
            (M{{"A", 1}, {"B1", 0}, {"B2", 0}, {"C", 1}, {"E1", 1}, {"E2", 1}}));
  EXPECT_EQ(values(run("all", "flag"), "flag"),
            (M{{"A", 1}, {"B1", 0}, {"B2", 0}, {"C", 0}, {"E1", 0}, {"E2", 1}}));
  EXPECT_EQ(run("any", "flag").table.column("flag").type, ColumnType::Boolean);
  EXPECT_EQ(run("worst", "rank").table.column("rank").type, ColumnType::Integer);
}

TEST_F(ConvertSmall, RefusalsNameTheColumn) {
  ConvertOptions o;
  o.key = "code";
  EXPECT_EQ(
      message_of([&] { convert_table(table, lookup, o); }),
      "column 'rank' of t.csv has no rule and lk.csv is not one-to-one (3 split, 1 merged, 1 redrawn "
      "targets): give it a rule, as 'rank=RULE' (worst, best, min, max, mean, wmean:W, sum, sum:W, copy, any, "
      "all, drop)");
  EXPECT_EQ(
      message_of([&] { run("copy", "rank"); }),
      "column 'rank': copy needs one source per target, but 'C' has 2 in lk.csv; give a rule that combines "
      "values (worst, best, mean, wmean:W, sum, any, all)");
  EXPECT_EQ(message_of([&] { run("mean", "name"); }),
            "column 'name' of t.csv is text; only copy or drop apply to it (got 'mean')");
  Table zero = csv("code,rank,pop\na,5,1\nb,2,2\nc,7,0\nd,3,\n", "z.csv");
  ConvertOptions zo;
  zo.key = "code";
  zo.rules = {parse_column_rule("*=drop"), parse_column_rule("rank=wmean:pop")};
  EXPECT_EQ(
      message_of([&] { convert_table(zero, lookup, zo); }),
      "weight column 'pop' of z.csv is blank, zero or negative for 2 areas (c, d); a weighted mean needs a "
      "positive weight for every area");
  EXPECT_EQ(
      message_of([] { parse_convert_rule("median"); }),
      "unknown conversion rule 'median'; rules are: worst, best, min, max, mean, wmean:W, sum, sum:W, copy, "
      "any, all, drop");
  EXPECT_EQ(message_of([] { parse_convert_rule("wmean"); }),
            "rule 'wmean' needs a weight column: write wmean:COLUMN");
  EXPECT_EQ(message_of([] { parse_column_rule("IMD_rank"); }),
            "rule 'IMD_rank' must read COLUMN=RULE, e.g. IMD_decile=worst");
  EXPECT_EQ(message_of([] { read_lookup(csv("from,to\na,A\n,B\n", "bad.csv"), "from", "to"); }),
            "lookup bad.csv line 3 has a blank 'from'; every row must give both codes");
  EXPECT_EQ(message_of([&] {
              ConvertOptions d;
              d.key = "code";
              convert_table(csv("code,x\na,1\na,2\n", "dup.csv"), lookup, d);
            }),
            "code 'a' appears twice in dup.csv (column 'code'); a table to convert needs one row per area");
}

TEST_F(ConvertSmall, OneToOneCopiesWithoutRules) {
  Lookup one = read_lookup(csv("from,to\na,A\nb,B\n", "one.csv"), "from", "to");
  ConvertOptions o;
  o.key = "code";
  ConvertResult r = convert_table(table, one, o);
  ASSERT_EQ(r.table.rows(), 2u);
  EXPECT_EQ(r.table.column("name").text, (std::vector<std::string>{"na", "nb"}));
  EXPECT_EQ(r.table.column("rank").num, (std::vector<double>{5, 2}));
}

TEST(ConvertWildcard, Matches) {
  EXPECT_TRUE(wildcard_match("*", ""));
  EXPECT_TRUE(wildcard_match("*_decile", "IMD_decile"));
  EXPECT_FALSE(wildcard_match("*_decile", "IMD_rank"));
  EXPECT_TRUE(wildcard_match("I*_r*k", "IMD_rank"));
  EXPECT_TRUE(wildcard_match("IMD_rank", "IMD_rank"));
  EXPECT_FALSE(wildcard_match("IMD", "IMD_rank"));
}

// ---- real data: every rule against an independent computation from the lookup's rows ----

struct ConvertReal : ::testing::Test {
  void SetUp() override {
    NBHD_REQUIRE_SHARED("england/lsoa11_lsoa21.csv");
    NBHD_REQUIRE_SHARED("england/imd2019_lsoa11.csv");
  }
  std::filesystem::path d() const { return test::shared_data() / "england"; }
};

// target -> list of (source, number of targets of that source), straight from the rows.
struct Pairs {
  std::map<std::string, std::vector<std::string>> sources;
  std::map<std::string, std::set<std::string>> targets;
};

Pairs pairs_of(const Table& lk, const std::string& from, const std::string& to) {
  Pairs p;
  const Column &f = lk.column(from), &t = lk.column(to);
  for (size_t r = 0; r < lk.rows(); ++r) {
    p.sources[t.text[r]].push_back(f.text[r]);
    p.targets[f.text[r]].insert(t.text[r]);
  }
  return p;
}

void check_rules_independently(const Table& src, const std::string& key, const Table& lk_table,
                               const std::string& from, const std::string& to, const std::string& column) {
  Pairs p = pairs_of(lk_table, from, to);
  std::map<std::string, double> value;
  for (size_t r = 0; r < src.rows(); ++r) value[src.column(key).text[r]] = src.column(column).num[r];
  Table weights("weights.csv");
  std::map<std::string, double> w;
  {
    Column code{key, ColumnType::Text, {}, {}}, wc{"w", ColumnType::Real, {}, {}};
    for (const auto& [c, v] : value) {
      code.text.push_back(c);
      wc.num.push_back(std::fmod(v, 7) + 1);  // any positive weight will do
      w[c] = wc.num.back();
    }
    weights.add(std::move(code));
    weights.add(std::move(wc));
  }
  Lookup lk = read_lookup(lk_table, from, to);
  for (std::string rule : {"worst", "best", "mean", "wmean:w", "sum", "any", "all"}) {
    ConvertOptions o;
    o.key = key;
    o.rules = {parse_column_rule("*=drop"), parse_column_rule(column + "=" + rule)};
    o.weights = &weights;
    ConvertResult r = convert_table(src, lk, o);
    size_t checked = 0;
    for (size_t i = 0; i < r.table.rows(); ++i) {
      const std::string& code = r.table.column(to).text[i];
      double got = r.table.column(column).num[i];
      double mn = INFINITY, mx = -INFINITY, sum = 0, wsum = 0, wacc = 0, split_sum = 0;
      size_t k = 0;
      bool any = false, all = true;
      for (const auto& s : p.sources.at(code)) {
        auto it = value.find(s);
        if (it == value.end()) continue;
        double v = it->second;
        mn = std::min(mn, v);
        mx = std::max(mx, v);
        sum += v;
        wacc += v * w[s];
        wsum += w[s];
        split_sum += v / static_cast<double>(p.targets.at(s).size());
        any = any || v != 0;
        all = all && v != 0;
        ++k;
      }
      ASSERT_GT(k, 0u) << code;
      double want = rule == "worst"     ? mn
                    : rule == "best"    ? mx
                    : rule == "mean"    ? sum / static_cast<double>(k)
                    : rule == "wmean:w" ? wacc / wsum
                    : rule == "sum"     ? split_sum
                    : rule == "any"     ? (any ? 1 : 0)
                                        : (all ? 1 : 0);
      ASSERT_NEAR(got, want, 1e-9 * std::max(1.0, std::abs(want))) << rule << " " << code;
      ++checked;
    }
    EXPECT_EQ(checked, r.table.rows()) << rule;
  }
}

TEST_F(ConvertReal, Lsoa11ToLsoa21EveryRuleMatchesAnIndependentComputation) {
  Table imd = read_table((d() / "imd2019_lsoa11.csv").string());
  Table lk = read_table((d() / "lsoa11_lsoa21.csv").string());
  check_rules_independently(imd, "lsoa11_code", lk, "lsoa11_code", "lsoa21_code", "IMD_rank");
  check_rules_independently(imd, "lsoa11_code", lk, "lsoa11_code", "lsoa21_code", "IMD_decile");
}

TEST_F(ConvertReal, Lsoa21ToLsoa11EveryRuleMatchesAnIndependentComputation) {
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  Table imd = read_table((d() / "imd2025_lsoa21.csv").string());
  Table lk = read_table((d() / "lsoa11_lsoa21.csv").string());
  check_rules_independently(imd, "lsoa21_code", lk, "lsoa21_code", "lsoa11_code", "IMD_score");
}

TEST_F(ConvertReal, ComparabilityAgreesWithThePublishedChangeCodes) {
  Table imd = read_table((d() / "imd2019_lsoa11.csv").string());
  Table lk_table = read_table((d() / "lsoa11_lsoa21.csv").string());
  std::map<std::string, std::set<std::string>> code_of;  // lsoa21 -> change codes
  for (size_t r = 0; r < lk_table.rows(); ++r)
    code_of[lk_table.column("lsoa21_code").text[r]].insert(lk_table.column("change_code").text[r]);
  ConvertOptions o;
  o.rules = {parse_column_rule("*=worst")};
  ConvertResult r = convert_table(imd, read_lookup(lk_table, "lsoa11_code", "lsoa21_code"), o);
  EXPECT_EQ(r.table.rows(), 33755u);  // every English LSOA 2021
  EXPECT_EQ(r.report.unchanged, 31810u);
  EXPECT_EQ(r.report.split, 1845u);
  EXPECT_EQ(r.report.merged, 97u);
  EXPECT_EQ(r.report.redrawn, 3u);
  EXPECT_EQ(r.report.lookup_without_row.size(), 1909u);  // the Welsh LSOAs of the lookup
  EXPECT_TRUE(r.report.rows_without_lookup.empty());
  // The lookup's shape gives the published code, except 3 'X' LSOAs 2021 that are each a part of one
  // LSOA 2011: by shape they are split.
  std::map<std::string, std::string> expect{
      {"U", "unchanged"}, {"S", "split"}, {"M", "merged"}, {"X", "redrawn"}};
  size_t x_as_split = 0;
  for (size_t i = 0; i < r.table.rows(); ++i) {
    const auto& codes = code_of.at(r.table.column("lsoa21_code").text[i]);
    ASSERT_EQ(codes.size(), 1u);
    std::string got = r.table.column("comparability").text[i];
    if (*codes.begin() == "X" && got == "split") {
      ++x_as_split;
      continue;
    }
    EXPECT_EQ(got, expect.at(*codes.begin())) << r.table.column("lsoa21_code").text[i];
  }
  EXPECT_EQ(x_as_split, 3u);
}

TEST_F(ConvertReal, CopyOnTheUnchangedRowsIsTheSourceItself) {
  Table imd = read_table((d() / "imd2019_lsoa11.csv").string());
  Table lk_table = read_table((d() / "lsoa11_lsoa21.csv").string());
  std::string text = "lsoa11_code,lsoa21_code\n";
  for (size_t r = 0; r < lk_table.rows(); ++r)
    if (lk_table.column("change_code").text[r] == "U")
      text += lk_table.column("lsoa11_code").text[r] + "," + lk_table.column("lsoa21_code").text[r] + "\n";
  Lookup one = read_lookup(parse_csv(text, "unchanged.csv"), "lsoa11_code", "lsoa21_code");
  ConvertResult r = convert_table(imd, one, {});
  ASSERT_EQ(r.table.rows(), 31810u);
  std::map<std::string, size_t> row;
  for (size_t i = 0; i < imd.rows(); ++i) row[imd.column("lsoa11_code").text[i]] = i;
  for (size_t i = 0; i < r.table.rows(); ++i) {
    size_t s = row.at(r.table.column("lsoa21_code").text[i]);  // unchanged: same code both sides
    for (const char* c : {"IMD_rank", "IMD_decile", "Outdoors_rank"})
      ASSERT_EQ(r.table.column(c).num[i], imd.column(c).num[s]) << c;
  }
}

}  // namespace
}  // namespace nbhd
