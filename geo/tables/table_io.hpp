#pragma once
// Reading indicator tables as people publish and save them: CSV (own reader: delimiter detected from the
// content, BOM, CRLF, quoted fields with delimiters/newlines/doubled quotes, exact column names, UTF-8 or
// UTF-16 with a BOM, or a named encoding) and workbooks (XLSX and ODS, through GDAL's drivers). In both,
// title lines above the header and notes below the data are skipped, published number forms ("1,234",
// "12.5%") are numbers and suppression markers ("..", "x", ...) are missing values. One reader for every
// command and the viewer. docs/tables.md lists the formats.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

struct TableReadOptions {
  // The workbook sheet; "" = the only sheet, or else the first sheet with a column of area codes.
  std::string sheet;
  // The 1-based line (CSV) or row (sheet) of the header; 0 = detect (the first row of two or more cells).
  size_t header_row = 0;
  // "" = UTF-8, or UTF-16 when the file starts with its BOM; "utf-8", "utf-16", "cp1252", "latin1".
  std::string encoding;
  // When given, the numeric columns the caller needs (e.g. the one a map shows): a CSV column not named
  // there whose first value is a number is skipped (listed in Table::unread()), which saves parsing and
  // memory on wide national tables. Text columns (codes, names) are always read.
  const std::vector<std::string>* numeric_columns = nullptr;
};

// Reads a CSV or workbook file, by extension (.xlsx/.ods -> workbook, anything else -> CSV). Throws
// nbhd::Error naming the file, the line and what to fix (with a Need where the fix is an option).
// Table::how_read() says what the reader detected when the file was not a plain comma-separated UTF-8 table.
Table read_table(const std::string& path, const TableReadOptions& options);
// The same with only a sheet and the needed numeric columns (see TableReadOptions).
Table read_table(const std::string& path, const std::string& sheet = "",
                 const std::vector<std::string>* numeric_columns = nullptr);

// Parses CSV text (UTF-8); `source` is used in messages and picks the fallback delimiter (.tsv/.tab: tab).
// Exposed for tests and the fuzzer.
Table parse_csv(std::string_view text, const std::string& source, const TableReadOptions& options);
Table parse_csv(std::string_view text, const std::string& source,
                const std::vector<std::string>* numeric_columns = nullptr);

// A CSV file's bytes, decoded (options.encoding, or a UTF-16 BOM) and parsed: read_table's CSV path.
Table parse_csv_bytes(std::string bytes, const std::string& source, const TableReadOptions& options);

}  // namespace nbhd
