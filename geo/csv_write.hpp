#pragma once
// Writing a Table as CSV in the shape read_table reads back: UTF-8, LF, a header row, fields quoted only
// when they hold a comma, a quote or a line break; numbers in shortest round-trip form; missing = empty.
#include <string>

#include "geo/table.hpp"

namespace nbhd {

std::string to_csv(const Table& t);

// Writes the CSV atomically (temporary file renamed into place when complete).
void write_csv(const Table& t, const std::string& path, bool overwrite = true);

// One CSV field, quoted when needed.
std::string csv_field(std::string_view s);

}  // namespace nbhd
