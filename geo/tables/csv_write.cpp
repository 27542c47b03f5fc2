#include "geo/tables/csv_write.hpp"

#include "base/atomic_file.hpp"

namespace nbhd {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return std::string(s);
  std::string q = "\"";
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
