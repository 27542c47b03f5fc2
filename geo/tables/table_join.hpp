#pragma once
// Joining one plain table to another by code (no boundaries): the table form of the commands that read
// several indicator tables about the same areas (flag --table T --table U).
#include <cstddef>
#include <string>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

struct TableJoinReport {
  std::string table;                           // the joined table
  std::string how_read;                        // Table::how_read()
  size_t matched = 0;                          // base rows that found a row
  std::vector<std::string> base_without_row;   // base codes the table lacks
  std::vector<std::string> rows_without_base;  // table codes the base lacks
};

// Adds every column of `other` except its key to `base`, matched on the keys ("" = first column);
// clashing names get "_2", "_3"... Base rows without a row get missing values. Throws nbhd::Error for
// duplicate codes in `other` (naming it) and unknown key columns.
TableJoinReport join_by_code(Table& base, const std::string& base_key, const Table& other,
                             const std::string& other_key);

// "joined T: 33755 of 33755 rows matched; ..." on one or more lines.
std::string format_table_join(const TableJoinReport& r);

}  // namespace nbhd
