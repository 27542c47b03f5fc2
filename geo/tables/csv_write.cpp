#include "geo/tables/csv_write.hpp"

#include <cstring>

#include "base/atomic_file.hpp"

namespace nbhd {

namespace {

// The characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that formula
// injection guides list because some importers strip them and then see the formula behind).
bool starts_formula(char c) {
  return c != '\0' && std::strchr("=+-@\t\r", c) != nullptr;
}

// A cell csv_field guards: formula-like text, or text whose leading quote the reader would otherwise drop.
bool needs_guard(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '\'') return s.size() > 1 && (starts_formula(s[1]) || s[1] == '\'');
  if (!starts_formula(s[0])) return false;
  return !parse_number(s);  // "-12.5" is a number, never a formula: it stays as it is
}

}  // namespace

bool has_formula_guard(std::string_view q) {
  return q.size() > 1 && q[0] == '\'' && (starts_formula(q[1]) || q[1] == '\'');
}

std::string csv_field(std::string_view s) {
  const bool guard = needs_guard(s);
  if (!guard && s.find_first_of(",\"\r\n") == std::string::npos) return std::string(s);
  std::string q = guard ? "\"'" : "\"";
  for (char ch : s) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

std::string format_csv(const Table& t) {
  std::string out;
  for (size_t c = 0; c < t.columns(); ++c) {
    if (c) out += ',';
    out += csv_field(t.col(c).name);
  }
  out += '\n';
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < t.columns(); ++c) {
      if (c) out += ',';
      const Column& col = t.col(c);
      if (col.type == ColumnType::Boolean && !col.missing(r))
        out += col.num[r] != 0 ? "TRUE" : "FALSE";
      else
        out += csv_field(col.cell(r));
    }
    out += '\n';
  }
  return out;
}

void write_csv(const Table& t, const std::string& path, bool overwrite) {
  write_file_atomic(path, format_csv(t), overwrite);
}

}  // namespace nbhd
