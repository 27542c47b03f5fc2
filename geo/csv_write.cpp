#include "geo/csv_write.hpp"

#include "geo/atomic_file.hpp"

namespace nbhd {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string to_csv(const Table& t) {
  std::string out;
  for (size_t c = 0; c < t.columns(); ++c) out += (c ? "," : "") + csv_field(t.col(c).name);
  out += '\n';
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < t.columns(); ++c) {
      if (c) out += ',';
      const Column& col = t.col(c);
      if (col.type == ColumnType::Boolean)
        out += col.missing(r) ? "" : (col.num[r] != 0 ? "TRUE" : "FALSE");
      else
        out += csv_field(col.cell(r));
    }
    out += '\n';
  }
  return out;
}

void write_csv(const Table& t, const std::string& path, bool overwrite) {
  write_file_atomic(path, to_csv(t), overwrite);
}

}  // namespace nbhd
