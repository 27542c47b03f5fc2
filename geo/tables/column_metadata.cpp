#include "geo/tables/column_metadata.hpp"

#include <cctype>

#include "base/error.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* kHeader = "column,label,unit,source,year,higher_is";

}  // namespace

const ColumnMeta* ColumnLabels::find(const std::string& column) const {
  auto it = columns.find(column);
  return it == columns.end() ? nullptr : &it->second;
}

std::string ColumnLabels::label(const std::string& column) const {
  const ColumnMeta* m = find(column);
  return m && !m->label.empty() ? m->label : column;
}

std::string ColumnLabels::title(const std::string& column) const {
  const ColumnMeta* m = find(column);
  std::string t = label(column);
  if (m && !m->unit.empty()) t += " (" + m->unit + ")";
  return t;
}

std::string ColumnLabels::source_line(const std::string& column) const {
  const ColumnMeta* m = find(column);
  if (!m || m->source.empty()) return "";
  return "Source: " + m->source + (m->year.empty() ? "" : ", " + m->year);
}

std::string ColumnLabels::direction(const std::string& column) const {
  const ColumnMeta* m = find(column);
  if (!m || m->higher == HigherIs::unknown) return "";
  return m->higher == HigherIs::worse ? "Higher is worse" : "Higher is better";
}

ColumnLabels metadata_from_table(const Table& t) {
  const std::string& src = t.source();
  const Column* col = nullptr;
  std::map<std::string, const Column*> field;  // label, unit, source, year, higher_is
  for (const auto& c : t.cols()) {
    std::string h = lower(std::string(trim(c.name)));
    if (h == "column")
      col = &c;
    else if (h == "label" || h == "unit" || h == "source" || h == "year" || h == "higher_is")
      field.emplace(h, &c);
  }
  if (!col)
    throw Error(src + " has no 'column' column; a metadata table has the header " + std::string(kHeader) +
                " (only 'column' is required)");
  auto text = [&](const char* name, size_t row) {
    auto it = field.find(name);
    return it == field.end() ? std::string() : std::string(trim(it->second->cell(row)));
  };
  ColumnLabels out;
  for (size_t r = 0; r < t.rows(); ++r) {
    std::string where = src + " row " + std::to_string(r + 2);  // the header is row 1
    std::string name(trim(col->cell(r)));
    if (name.empty()) throw Error(where + " has no column name; fill in 'column' or delete the row");
    ColumnMeta m{text("label", r), text("unit", r), text("source", r), text("year", r), HigherIs::unknown};
    std::string h = lower(text("higher_is", r));
    if (h == "worse")
      m.higher = HigherIs::worse;
    else if (h == "better")
      m.higher = HigherIs::better;
    else if (!h.empty())
      throw Error(where + ": higher_is must be worse, better or blank, not '" + text("higher_is", r) + "'");
    if (!out.columns.emplace(name, m).second)
      throw Error(where + " repeats column '" + name + "'; give each column one row");
  }
  return out;
}

ColumnLabels read_metadata(const std::string& path) {
  return metadata_from_table(read_table(path));
}

void add_label(ColumnLabels& labels, const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw Error("bad label '" + text + "': give COLUMN=Label, e.g. 'IMD_score=IMD 2025 score'");
  labels.columns[text.substr(0, eq)].label = text.substr(eq + 1);
}

}  // namespace nbhd
