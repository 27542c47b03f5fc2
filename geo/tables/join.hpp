#pragma once
// Joining indicator tables to areas by area code.
#include <string>
#include <utility>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

enum class OnDuplicate { Error, First };

struct JoinReport {
  std::string table;                           // source of the indicator table
  std::string key_field;                       // its key column
  size_t rows = 0;                             // rows in the table
  size_t matched = 0;                          // areas that got a row
  std::vector<std::string> areas_without_row;  // area codes (all; print the first few)
  std::vector<std::string> rows_without_area;  // table codes (all; print the first few)
  std::vector<std::string> duplicate_keys;     // table codes seen more than once
  std::vector<std::string> numeric_columns;    // columns that parsed as numeric
  std::vector<std::string> added_columns;      // columns added to the layer (renamed when clashing)
  size_t unread_columns = 0;                   // numeric columns the reader skipped as not needed
  std::string key_kind_note;  // e.g. "table codes look like ward codes (E05) but areas are LSOAs (E01)"
  std::string how_read;       // Table::how_read(): the sheet, header line, delimiter, encoding detected
  // Cells read as missing because they held a suppression marker ("..", "x", ...), per added column.
  std::vector<std::pair<std::string, size_t>> suppressed;
};

struct JoinOptions {
  std::string key_field;  // "" = detect (the column whose values best match the area codes)
  OnDuplicate on_duplicate = OnDuplicate::Error;
};

// Adds every column of `table` except the key to layer.attrs. Columns whose names already exist in the
// layer get a suffix "_2", "_3"... Areas without a row get missing values. Throws nbhd::Error on duplicate
// keys (unless OnDuplicate::First) and on an unknown key column.
JoinReport join_table(AreaLayer& layer, const Table& table, const JoinOptions& opt = {});

// One text block for terminals: matched, areas without a row, rows without an area (first 10), duplicates.
std::string format_report(const JoinReport& r);

}  // namespace nbhd
