#pragma once
// Readable names for columns: a label, unit, source, year and which way is worse, from a small metadata
// table (CSV/XLSX: column,label,unit,source,year,higher_is) and/or `--label 'COLUMN=Label'`. Legends,
// tooltips, titles and the attribution of `nbhd render` and the viewer use them instead of raw column
// names such as `Community Needs Index 2023 Score`. A column without an entry keeps its own name.
#include <map>
#include <string>

#include "geo/model/table.hpp"

namespace nbhd {

enum class HigherIs { unknown, worse, better };

struct ColumnMeta {
  std::string label, unit, source, year;
  HigherIs higher = HigherIs::unknown;
};

struct ColumnLabels {
  std::map<std::string, ColumnMeta> columns;  // by column name, exactly as in the data

  bool empty() const { return columns.empty(); }
  const ColumnMeta* find(const std::string& column) const;
  // The label, else the column's own name.
  std::string label(const std::string& column) const;
  // The label with its unit: "IMD 2025 score (score)"; the legend's title.
  std::string title(const std::string& column) const;
  // "Source: MHCLG English Indices of Deprivation, 2025" ("" without a source): an attribution line.
  std::string source_line(const std::string& column) const;
  // "Higher is worse" / "Higher is better" / "".
  std::string direction(const std::string& column) const;
};

// The metadata table's rows. Header names are case-insensitive; `column` is required, the others
// optional, and further columns (notes) are ignored. Throws nbhd::Error naming the table's source and
// row for a missing `column` header, a blank or repeated column name, or a `higher_is` other than worse,
// better or blank.
ColumnLabels metadata_from_table(const Table& t);
// read_table (CSV, TSV or XLSX) + metadata_from_table.
ColumnLabels read_metadata(const std::string& path);
// "COLUMN=Label" (the first '=' splits): sets that column's label over any from a table. Throws
// nbhd::Error for text without '=' or with an empty side.
void add_label(ColumnLabels& labels, const std::string& text);

}  // namespace nbhd
