#pragma once
// Conversion of an indicator table across boundary vintages (LSOA 2011 -> LSOA 2021 and back) or up a
// hierarchy (LSOA -> ward -> local authority) through a lookup that may be many-to-many.
//
// Contract:
// - The lookup is a table of (from code, to code) pairs; duplicated pairs count once. Each target gets
//   the sources the lookup gives it, and a comparability read off the lookup's shape: unchanged (one
//   source, which has no other target), split (one source with several targets), merged (several
//   sources, each with this target only) or redrawn (anything else).
// - Every column of the source table except its key is converted by an explicit rule. A column with no
//   rule is copied when the lookup is one-to-one, and refused (naming the column) otherwise.
// - Missing source values are left out of every rule; a target whose sources have no value gets a
//   missing value. Targets none of whose sources is in the table are not written, and are counted.
// - Codes of the table absent from the lookup, and lookup codes absent from the table, are reported
//   (all of them; print the first few), never dropped silently.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

enum class Comparability { Unchanged, Split, Merged, Redrawn };
const char* to_string(Comparability c);

// A many-to-many lookup between two code lists, as read from a table.
struct Lookup {
  std::string source;  // file, for messages
  std::string from_key, to_key;
  std::vector<std::string> from_codes, to_codes;  // distinct, in first-seen order
  // Per target: (source index, lookup row) of each source; per source: its target indices.
  std::vector<std::vector<std::pair<size_t, size_t>>> sources_of;
  std::vector<std::vector<size_t>> targets_of;
  std::vector<Comparability> comparability;  // per target
  size_t rows = 0;
  size_t duplicate_pairs = 0;
  Table weights;  // the lookup's numeric columns, for per-pair split weights (sum:W)

  bool one_to_one() const;
};

// Reads (from_key, to_key) pairs from `t`. Throws nbhd::Error for unknown columns (naming the table) and
// for a row with a blank code on either side (naming the line).
Lookup read_lookup(const Table& t, std::string_view from_key, std::string_view to_key);

enum class ConvertRuleKind { Copy, Min, Max, Mean, WeightedMean, Sum, Any, All, Drop };

struct ConvertRule {
  ConvertRuleKind kind = ConvertRuleKind::Copy;
  std::string weight;  // WeightedMean: a column of the source or weights table; Sum: of the lookup
  std::string text;    // as written, for reports
};

// "copy", "min", "max", "worst" (= min: rank 1 and decile 1 are the worst), "best" (= max), "mean",
// "wmean:W", "sum", "sum:W", "any", "all", "drop". Throws nbhd::Error listing the rules otherwise.
ConvertRule parse_convert_rule(std::string_view spec);

// "COLUMN=RULE"; COLUMN may hold '*' wildcards ("*_decile=worst", "*=worst").
struct ColumnRule {
  std::string pattern;
  ConvertRule rule;
};
ColumnRule parse_column_rule(std::string_view spec);

// '*' matches any run of characters (including none); everything else matches itself.
bool wildcard_match(std::string_view pattern, std::string_view name);

struct ConvertOptions {
  std::string key;                 // key column of the source table ("" = the lookup's from_key)
  std::vector<ColumnRule> rules;   // the last rule whose pattern matches a column wins
  const Table* weights = nullptr;  // optional table of weight columns keyed by source code
  std::string weights_key;         // its key column ("" = its first column)
};

struct ConvertReport {
  std::string table, lookup;
  size_t table_rows = 0, lookup_rows = 0;
  std::vector<std::string> rows_without_lookup;              // table codes the lookup does not have
  std::vector<std::string> lookup_without_row;               // lookup source codes the table does not have
  std::vector<std::string> targets_without_source;           // targets none of whose sources is in the table
  size_t targets = 0;                                        // rows written
  size_t unchanged = 0, split = 0, merged = 0, redrawn = 0;  // of the rows written
  std::vector<std::pair<std::string, std::string>> column_rules;  // column -> rule text, as applied
};

struct ConvertResult {
  Table table;  // to_key, n_sources, comparability, then the converted columns in table order
  ConvertReport report;
};

// Throws nbhd::Error naming the column for a column without a rule on a lookup that is not one-to-one,
// for copy where a target has several sources, for a text column with a numeric rule, for blank, zero
// or negative weights, and for duplicate codes in the table.
ConvertResult convert_table(const Table& table, const Lookup& lookup, const ConvertOptions& opt = {});

// A text block for terminals: rows converted, comparability counts, codes missing on either side.
std::string format_convert_report(const ConvertReport& r);

}  // namespace nbhd
