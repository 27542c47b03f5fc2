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
#include "geo/vector/ingest.hpp"

namespace nbhd {

// An indicator table and the column holding its area codes.
struct TableSpec {
  std::string path;
  std::string key;  // "" = detect
};
// "imd.csv:lsoa21_code" -> {imd.csv, lsoa21_code}; a path that exists as given is never split.
TableSpec parse_table_spec(const std::string& spec);

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
