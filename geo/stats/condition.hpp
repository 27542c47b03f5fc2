#pragma once
// Published-flag conditions: flags built from columns as they stand (a published decile, a rank
// threshold, a TRUE in a flag column), not by re-ranking, combined with AND / OR.
//
// Contract:
// - Grammar: EXPR := TERM (OR TERM)*; TERM := LEAF (AND LEAF)*; LEAF := OPERAND OP VALUE | ( EXPR ).
//   OPERAND is a column name (bare words, or quoted with "..." or `...` when it holds operators or the
//   words AND/OR), or decile(COLUMN, N): the decile ceil(10 * rank / N) of a rank column over N areas,
//   or decile(COLUMN, worse=high|low): the column ranked over the areas that have a value (ties share
//   the lowest rank) and cut into deciles the same way. OP is one of = != < <= > >=; VALUE is a number
//   or TRUE/FALSE. AND binds tighter than OR; keywords are case-insensitive.
// - An area whose operand is missing fails that leaf, and is counted as missing for it.
// - Margin of a leaf: value - threshold in the operand's own units; for a decile leaf it is in ranks:
//   rank - the last rank inside the threshold decile (e.g. rank - 3375 for decile(rank, 33755) <= 1),
//   so <= 0 is inside the list.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/table.hpp"
#include "geo/stats/rank.hpp"

namespace nbhd {

enum class CondOp { Eq, Ne, Lt, Le, Gt, Ge };

struct CondLeaf {
  enum class Operand { Column, DecileOfRank, DecileByRanking };
  Operand operand = Operand::Column;
  std::string column;
  size_t n = 0;               // DecileOfRank: areas the rank is out of
  Worse worse = Worse::High;  // DecileByRanking
  CondOp op = CondOp::Eq;
  double value = 0;
  std::string text;  // the leaf as written, for headers and messages
};

struct Condition {
  enum class Kind { Leaf, And, Or };
  Kind kind = Kind::Leaf;
  CondLeaf leaf;
  std::vector<Condition> parts;
};

// Throws nbhd::Error naming the position and what was expected, for empty or malformed expressions, an
// unknown operator, a decile bound outside 1..10, or N < 1.
Condition parse_condition(std::string_view text);

// The leaves in order of appearance.
std::vector<const CondLeaf*> condition_leaves(const Condition& c);

struct LeafResult {
  std::string text;
  std::vector<double> value;   // the operand per row (the decile for decile leaves); NaN = missing
  std::vector<double> rank;    // decile leaves: the rank behind the decile; empty otherwise
  std::vector<double> margin;  // see the contract; NaN where missing
  std::vector<char> pass;
  size_t missing = 0;
};

struct ConditionResult {
  std::vector<char> pass;  // per row of the table
  size_t passed = 0;
  std::vector<LeafResult> leaves;  // in condition_leaves order
};

// Evaluates on every row of `t`. Throws nbhd::Error for unknown or non-numeric columns (naming the table).
ConditionResult evaluate_condition(const Condition& c, const Table& t);

}  // namespace nbhd
