#pragma once
// Reading indicator tables from CSV (own reader: BOM, CRLF, quoted fields with commas/newlines/doubled
// quotes, exact column names) and XLSX (GDAL's driver).
#include <string>
#include <string_view>

#include "geo/table.hpp"

namespace nbhd {

// Reads a CSV or XLSX file, by extension (.csv/.txt/.tsv -> CSV, .xlsx -> XLSX). `sheet` picks the XLSX sheet
// ("" = the first). Throws nbhd::Error naming the file, the line and what to fix.
Table read_table(const std::string& path, const std::string& sheet = "");

// Parses CSV text; `source` is used in messages. Exposed for tests and the fuzzer.
Table parse_csv(std::string_view text, const std::string& source);

}  // namespace nbhd
