#pragma once
// Writing a Table as CSV (RFC 4180: fields quoted only when they hold a comma, quote or line break;
// numbers in their shortest round-trip form; missing values as empty cells), atomically.
//
// Safe to open in a spreadsheet: a text cell that Excel or LibreOffice would run as a formula (one that
// begins with '=', '+', '-', '@', a tab or a carriage return and is not a plain number) is written quoted
// with a single quote in front ("'=HYPERLINK(...)"), so the spreadsheet shows it as text; numbers, negative
// ones included, are untouched. A text cell that itself begins with a single quote followed by one of those
// characters or another quote gets one more quote in front, so nbhd's reader, which drops that one leading
// quote from a quoted cell (table_io), gives back exactly the text that was written.
#include <string>
#include <string_view>

#include "geo/model/table.hpp"

namespace nbhd {

std::string format_csv(const Table& t);

// Writes format_csv(t) to `path` through a temporary file renamed on completion.
void write_csv(const Table& t, const std::string& path, bool overwrite = true);

// One CSV field, quoted when needed, and guarded as above when a spreadsheet would take it for a formula.
std::string csv_field(std::string_view s);

// True when `quoted` (the inside of a quoted CSV field, unescaped) carries the guard csv_field adds: a
// single quote followed by '=', '+', '-', '@', a tab, a carriage return or another single quote.
bool has_formula_guard(std::string_view quoted);

}  // namespace nbhd
