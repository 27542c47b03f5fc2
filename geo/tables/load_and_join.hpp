#pragma once
// Boundaries and the indicator tables joined to them: one way in for every command that maps or analyses
// areas and for the viewer, so each takes the same options (the ingest options, a key per table, the
// numeric columns worth reading, what to do with duplicate codes) and reports the same joins.
#include <optional>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"

namespace nbhd {

// An indicator table, the column holding its area codes and how to read it.
struct TableSpec {
  std::string path;
  std::string key;        // "" = detect
  std::string sheet;      // a workbook's sheet; "" = detect (see TableReadOptions)
  size_t header_row = 0;  // 0 = detect
  std::string encoding;   // "" = UTF-8 (or UTF-16 by its BOM)
};
// "imd.csv:lsoa21_code" -> {imd.csv, lsoa21_code}; "IoD.xlsx:IMD:lsoa21_code" -> {IoD.xlsx, lsoa21_code,
// sheet IMD} ("IoD.xlsx:IMD:" names the sheet only); a path that exists as given is never split.
TableSpec parse_table_spec(const std::string& spec);
// How read_table reads the table of `spec`.
TableReadOptions read_options(const TableSpec& spec);

struct LoadAndJoinOptions {
  IngestOptions ingest;           // how the boundaries are read (layer, key, name, CRS)
  std::vector<TableSpec> tables;  // joined in this order
  // The numeric table columns the caller needs (see read_table; a table's named key is always read);
  // none = every column.
  std::optional<std::vector<std::string>> numeric_columns;
  OnDuplicate on_duplicate = OnDuplicate::Error;
  // Reading the boundaries and then each join; asking to stop throws nbhd::Cancelled.
  Progress progress;
};

struct JoinedLayer {
  AreaLayer layer;
  std::vector<JoinReport> reports;  // one per table, in order
};

// Loads `boundaries` and joins every table. The tables are read on other threads while the boundaries
// load (independent files); errors still surface in order: the boundaries', then each table's.
JoinedLayer load_and_join(const std::string& boundaries, const LoadAndJoinOptions& o);

}  // namespace nbhd
