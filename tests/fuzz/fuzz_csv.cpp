// libFuzzer target for the CSV reader (parse_csv), the join that consumes its tables and the column
// metadata reader (metadata_from_table, `--metadata`): any bytes must give a well-formed Table (and
// metadata) or one nbhd::Error, never a crash, a sanitizer report or a malformed table.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/tables/column_metadata.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"

namespace {

// Three LSOAs the fuzzed tables are joined to, so key detection and the join's reports run too.
nbhd::AreaLayer three_areas() {
  nbhd::AreaLayer L;
  L.source = "fuzz.gpkg";
  L.key_field = "lsoa21_code";
  L.code_kind = "LSOA";
  for (const char* code : {"E01000001", "E01000002", "E01000003"}) {
    L.codes.push_back(code);
    L.names.push_back(code);
    L.geoms.emplace_back();
  }
  L.attrs.set_rows(L.codes.size());
  return L;
}

void check(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke an invariant
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte chooses the delimiter the way read_table does, by the file name: 't' = .tsv, else .csv.
  if (size == 0) return 0;
  const std::string source = data[0] == 't' ? "fuzz.tsv" : "fuzz.csv";
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  nbhd::Table t;
  try {
    t = nbhd::parse_csv(text, source);
  } catch (const nbhd::Error&) {
    return 0;
  }
  // What every consumer of a Table relies on.
  for (const auto& c : t.cols()) {
    check(c.size() == t.rows());
    check(!c.name.empty());
    for (double v : c.num) {
      if (std::isnan(v)) continue;
      if (c.type == nbhd::ColumnType::Integer) check(v == std::floor(v));
      if (c.type == nbhd::ColumnType::Boolean) check(v == 0 || v == 1);
    }
  }
  // The same table read as column metadata: every entry names a column, and every accessor answers.
  try {
    nbhd::ColumnLabels m = nbhd::metadata_from_table(t);
    for (const auto& [name, meta] : m.columns) {
      check(!name.empty());
      check(!m.label(name).empty());
      (void)m.title(name), (void)m.source_line(name), (void)m.direction(name);
    }
  } catch (const nbhd::Error&) {
  }
  for (auto policy : {nbhd::OnDuplicate::Error, nbhd::OnDuplicate::First}) {
    nbhd::AreaLayer L = three_areas();
    nbhd::JoinOptions o;
    o.on_duplicate = policy;
    try {
      nbhd::JoinReport r = nbhd::join_table(L, t, o);
      check(r.matched + r.areas_without_row.size() == L.size());
      for (const auto& c : L.attrs.cols()) check(c.size() == L.size());
      (void)nbhd::format_report(r);
    } catch (const nbhd::Error&) {
    }
  }
  return 0;
}
