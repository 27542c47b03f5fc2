#pragma once
// Writing a Table as CSV (RFC 4180: fields quoted only when they hold a comma, quote or line break;
// numbers in their shortest round-trip form; missing values as empty cells), atomically.
#include <string>

#include "geo/model/table.hpp"

namespace nbhd {

std::string format_csv(const Table& t);

// Writes format_csv(t) to `path` through a temporary file renamed on completion.
void write_csv(const Table& t, const std::string& path, bool overwrite = true);

// One CSV field, quoted when needed.
std::string csv_field(std::string_view s);

}  // namespace nbhd
