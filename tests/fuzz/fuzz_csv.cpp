// libFuzzer target for the CSV reader (parse_csv_bytes: encodings, delimiter sniffing, header and notes
// detection, published numbers and markers), the CSV writer's formula guard, the join that consumes the
// tables and the column metadata reader (metadata_from_table, `--metadata`): any bytes must give a
// well-formed Table (and metadata) or one nbhd::Error, never a crash, a sanitizer report or a malformed table.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/tables/column_metadata.hpp"
#include "geo/tables/csv_write.hpp"
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
  // The first byte chooses how the file is read: 't' names it .tsv (tab is the fallback delimiter), any
  // other ASCII byte .csv with everything detected; a byte >= 0x80 names options as the user can: bits 0-1
  // the encoding (none, utf-16, cp1252, latin1), bits 2-4 a header line (0 = detect), bit 5 .tsv.
  if (size == 0) return 0;
  const uint8_t how = data[0];
  nbhd::TableReadOptions o;
  bool tsv = how == 't';
  if (how >= 0x80) {
    static const char* const encodings[] = {"", "utf-16", "cp1252", "latin1"};
    o.encoding = encodings[how & 3];
    o.header_row = (how >> 2) & 7;
    tsv = (how >> 5) & 1;
  }
  const std::string source = tsv ? "fuzz.tsv" : "fuzz.csv";
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  nbhd::Table t;
  try {
    t = nbhd::parse_csv_bytes(std::move(bytes), source, o);
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
  // A text cell written by csv_field reads back as itself (the formula guard is dropped again).
  for (const auto& c : t.cols()) {
    if (c.numeric() || c.text.empty()) continue;
    const std::string& cell = c.text[0];
    if (cell.empty() || nbhd::trim(cell) != cell) continue;
    try {
      nbhd::Table back = nbhd::parse_csv("h,k\n" + nbhd::csv_field(cell) + ",1\n", "back.csv");
      const nbhd::Column& h = back.column("h");
      if (!h.numeric()) check(h.text[0] == cell);
    } catch (const nbhd::Error&) {
      // A NUL or a line break alone is refused or read differently; the writer's guard is not at stake.
    }
    break;
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
