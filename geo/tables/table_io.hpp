#pragma once
// Reading indicator tables from CSV (own reader: BOM, CRLF, quoted fields with commas/newlines/doubled
// quotes, exact column names) and XLSX (GDAL's driver).
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

// Reads a CSV or XLSX file, by extension (.csv/.txt/.tsv -> CSV, .xlsx -> XLSX). `sheet` picks the XLSX sheet
// ("" = the first). Throws nbhd::Error naming the file, the line and what to fix.
//
// `numeric_columns`, when given, names the numeric columns the caller needs (e.g. the one a map shows): a
// CSV column not named there whose first value is a number is skipped (listed in Table::unread()), which
// saves parsing and memory on wide national tables. Text columns (codes, names) are always read.
Table read_table(const std::string& path, const std::string& sheet = "",
                 const std::vector<std::string>* numeric_columns = nullptr);

// Parses CSV text; `source` is used in messages. Exposed for tests and the fuzzer.
Table parse_csv(std::string_view text, const std::string& source,
                const std::vector<std::string>* numeric_columns = nullptr);

}  // namespace nbhd
