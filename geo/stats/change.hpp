#pragma once
// Change over time of a ranked indicator between two periods on the same areas (e.g. IMD 2019 brought to
// LSOA 2021, and IMD 2025).
//
// Contract:
// - Areas are matched by code; only areas in both periods with a rank and a decile in each are compared.
//   Areas in one period only are counted and listed, never dropped silently; no code in common is an
//   error.
// - Per area: both ranks and deciles, rank change (B - A) and decile change (B - A; negative = more
//   deprived now, since rank 1 and decile 1 are the most deprived), entered (decile 1 in B, not in A),
//   left (decile 1 in A, not in B), and the comparability carried from A (e.g. convert's column).
// - The 10 x 10 transition matrix counts areas by (decile A, decile B); its cells sum to the areas compared.
// - Headline: of B's decile-1 areas, how many were decile 1 in A; nationally and per group.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

struct Period {
  std::string label;  // "IMD 2019", for messages
  std::vector<std::string> codes;
  std::vector<double> rank;                // NaN = missing
  std::vector<double> decile;              // 1..10; NaN = missing
  std::vector<std::string> comparability;  // optional (empty or one per code)
};

struct AreaChange {
  std::string code;
  double rank_a = 0, rank_b = 0;
  int decile_a = 0, decile_b = 0;
  double rank_change = 0;  // B - A
  int decile_change = 0;   // B - A
  bool entered = false, left = false;
  std::string comparability;  // "" when A has none
};

struct GroupHeadline {
  std::string group;
  size_t areas = 0;            // compared areas in the group
  size_t top_b = 0;            // decile 1 in B
  size_t top_b_was_top_a = 0;  // ... and decile 1 in A
  size_t top_a = 0;            // decile 1 in A
};

struct ChangeResult {
  std::vector<AreaChange> areas;            // in B's order
  std::vector<std::string> only_a, only_b;  // codes in one period only (or lacking a rank/decile there)
  std::array<std::array<size_t, 10>, 10> transition{};  // [decile A - 1][decile B - 1]
  size_t compared = 0;
  GroupHeadline national;
};

// Throws nbhd::Error when the periods have no code in common, or a decile is outside 1..10 (naming the
// period and the code).
ChangeResult compare_periods(const Period& a, const Period& b);

// Headlines per group; `group_of` maps each compared area (ChangeResult::areas order) to its group
// ("" = none, left out). Groups in code order.
std::vector<GroupHeadline> headlines_by_group(const ChangeResult& r,
                                              const std::vector<std::string>& group_of);

// The change command's options: which columns of which tables are the two periods.
struct ChangeOptions {
  std::string key_a, key_b;        // key columns ("" = first column)
  std::string rank_a, rank_b;      // rank columns (rank_b "" = rank_a)
  std::string decile_a, decile_b;  // decile columns (decile_b "" = decile_a)
  std::string comparability;       // column of A ("" = "comparability" when A has it, else none)
};

// Periods read from two tables (labels are the table sources). Throws nbhd::Error for unknown or
// non-numeric columns, naming the table.
Period period_from_table(const Table& t, const std::string& key, const std::string& rank,
                         const std::string& decile, const std::string& comparability);
ChangeResult change_tables(const Table& a, const Table& b, const ChangeOptions& opt);

// The per-area table: code, rank_a, rank_b, decile_a, decile_b, rank_change, decile_change, entered,
// left, comparability (when A has one). `key` names the code column.
Table change_table(const ChangeResult& r, const std::string& key);

}  // namespace nbhd
