// Published-flag conditions: parsing (names with spaces and '?', quoting, precedence), evaluation with
// missing values, decile leaves and their margins, and the exact messages for malformed conditions.
#include "geo/stats/condition.hpp"

#include <gtest/gtest.h>

#include "geo/tables/table_io.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

using test::message_of;

// Ten areas: rank 1..10 of 10 (decile = rank), a flag, a score with a gap, a name with spaces and '?'.
Table areas() {
  return parse_csv(
      "code,rank,Left Behind Area?,score,CNI Rank\n"
      "a,1,TRUE,50,3\nb,2,FALSE,40,1\nc,3,TRUE,,2\nd,4,FALSE,30,10\ne,5,TRUE,20,9\n"
      "f,6,FALSE,10,8\ng,7,TRUE,5,7\nh,8,FALSE,4,6\ni,9,TRUE,3,5\nj,10,FALSE,2,4\n",
      "areas.csv");
}

std::string passing(const ConditionResult& r, const Table& t) {
  std::string s;
  for (size_t i = 0; i < t.rows(); ++i)
    if (r.pass[i]) s += t.column("code").text[i];
  return s;
}

TEST(Condition, ColumnsAsTheyStandWithAndOr) {
  Table t = areas();
  EXPECT_EQ(passing(evaluate_condition(parse_condition("Left Behind Area? = TRUE"), t), t), "acegi");
  EXPECT_EQ(passing(evaluate_condition(parse_condition("rank <= 3 AND \"Left Behind Area?\" = true"), t), t),
            "ac");
  // AND binds tighter than OR.
  EXPECT_EQ(passing(evaluate_condition(parse_condition("rank = 10 or rank <= 2 and CNI Rank = 1"), t), t),
            "bj");
  EXPECT_EQ(passing(evaluate_condition(parse_condition("(rank = 10 OR rank <= 2) AND CNI Rank = 1"), t), t),
            "b");
  EXPECT_EQ(passing(evaluate_condition(parse_condition("rank > 8 OR rank < 2"), t), t), "aij");
  EXPECT_EQ(passing(evaluate_condition(parse_condition("`CNI Rank` >= 9"), t), t), "de");
}

TEST(Condition, MissingValuesFailAndAreCounted) {
  Table t = areas();
  ConditionResult r = evaluate_condition(parse_condition("score >= 10 OR rank = 3"), t);
  EXPECT_EQ(passing(r, t), "abcdef");
  EXPECT_EQ(r.leaves[0].missing, 1u);
  EXPECT_EQ(r.leaves[0].pass[2], 0);
}

TEST(Condition, DecileOfARankOverNAreasAndItsMargin) {
  Table t = areas();
  // Over 20 areas, decile 1 is ranks 1..2: margin = rank - 2.
  ConditionResult r = evaluate_condition(parse_condition("decile(rank, 20) = 1"), t);
  EXPECT_EQ(passing(r, t), "ab");
  EXPECT_EQ(r.leaves[0].value[2], 2);  // rank 3 of 20: decile 2
  EXPECT_EQ(r.leaves[0].margin[0], -1);
  EXPECT_EQ(r.leaves[0].margin[2], 1);
  EXPECT_EQ(passing(evaluate_condition(parse_condition("decile(rank, 20) <= 2"), t), t), "abcd");
  EXPECT_EQ(passing(evaluate_condition(parse_condition("decile(rank, 20) > 4"), t), t), "ij");
}

TEST(Condition, DecileByRankingOverTheAreasWithAValue) {
  Table t = areas();
  // 9 areas have a score, the highest the worst: decile = ceil(10 * rank / 9), so rank 1 is decile 2
  // (no area of 9 is in decile 1) and rank 2 is decile 3.
  ConditionResult r = evaluate_condition(parse_condition("decile(score, worse=high) <= 2"), t);
  EXPECT_EQ(passing(r, t), "a");
  EXPECT_EQ(r.leaves[0].rank[0], 1);
  EXPECT_EQ(r.leaves[0].rank[1], 2);
  EXPECT_EQ(r.leaves[0].value[1], 3);  // ceil(20 / 9)
  EXPECT_EQ(r.leaves[0].missing, 1u);
}

TEST(Condition, MalformedConditionsSayWhere) {
  EXPECT_EQ(message_of([] { parse_condition("  "); }),
            "condition '  ' at character 3: the condition is empty; write e.g. 'IMD_decile = 1 AND CNI_rank "
            "<= 3375'");
  EXPECT_EQ(message_of([] { parse_condition("rank"); }),
            "condition 'rank' at character 5: expected an operator (= != < <= > >=) after 'rank'");
  EXPECT_EQ(message_of([] { parse_condition("rank => 3"); }),
            "condition 'rank => 3' at character 6: unknown operator '=>'");
  EXPECT_EQ(message_of([] { parse_condition("rank = x"); }),
            "condition 'rank = x' at character 8: 'x' is not a number or TRUE/FALSE");
  EXPECT_EQ(message_of([] { parse_condition("decile(rank, 0) = 1"); }),
            "condition 'decile(rank, 0) = 1' at character 14: decile(rank, N): N must be a whole number of "
            "areas, 1 or "
            "more (got '0')");
  EXPECT_EQ(
      message_of([] { parse_condition("decile(rank, 100) = 11"); }),
      "condition 'decile(rank, 100) = 11' at character 21: a decile is a whole number from 1 to 10 (got 11)");
  EXPECT_EQ(message_of([] { parse_condition("(rank = 1"); }),
            "condition '(rank = 1' at character 10: expected ')'");
  EXPECT_EQ(message_of([] { parse_condition("rank = 1 rank = 2"); }),
            "condition 'rank = 1 rank = 2' at character 10: expected AND, OR or the end");
  Table t = areas();
  EXPECT_EQ(message_of([&] { evaluate_condition(parse_condition("IMD_decile = 1"), t); }),
            "unknown column 'IMD_decile' in areas.csv; columns are: code, rank, Left Behind Area?, score, "
            "CNI Rank");
}

}  // namespace
}  // namespace nbhd
