#include "geo/tables/load_and_join.hpp"

#include <exception>
#include <filesystem>
#include <optional>

#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/tables/table_io.hpp"

namespace nbhd {

namespace {

// The boundaries take this share of the progress bar, the joins the rest: reading and repairing polygons
// is most of the work (the tables are read meanwhile, on other threads).
constexpr double kLoadShare = 0.85;

}  // namespace

TableSpec parse_table_spec(const std::string& spec) {
  namespace fs = std::filesystem;
  std::error_code ec;
  TableSpec whole;
  whole.path = spec;
  if (fs::exists(spec, ec)) return whole;
  auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0) return whole;
  TableSpec t;
  t.path = spec.substr(0, colon);
  t.key = spec.substr(colon + 1);
  // TABLE:SHEET:KEY, when TABLE is a workbook (or a file that exists).
  if (auto c2 = t.path.rfind(':'); c2 != std::string::npos && c2 > 0 && !fs::exists(t.path, ec)) {
    const std::string book = t.path.substr(0, c2);
    const std::string ext = lower(fs::path(book).extension().string());
    if (fs::exists(book, ec) || ext == ".xlsx" || ext == ".ods") {
      t.sheet = t.path.substr(c2 + 1);
      t.path = book;
    }
  }
  if (t.key.empty() && t.sheet.empty()) return whole;  // "x:" is a name, not a key
  return t;
}

TableReadOptions read_options(const TableSpec& spec) {
  TableReadOptions o;
  o.sheet = spec.sheet;
  o.header_row = spec.header_row;
  o.encoding = spec.encoding;
  return o;
}

JoinedLayer load_and_join(const std::string& boundaries, const LoadAndJoinOptions& o) {
  // The tables are read on the pool while the boundaries load here. Each read keeps its own error, so
  // errors surface as reading one file after another would: the boundaries', then each table's in order.
  // Declared before the group: should the boundaries throw, the group's destructor skips the reads not
  // yet started and waits for the running ones, which write here.
  const size_t n = o.tables.size();
  std::vector<Table> tables(n);
  std::vector<std::exception_ptr> failed(n);
  TaskGroup group;
  for (size_t i = 0; i < n; ++i) {
    std::optional<std::vector<std::string>> wanted = o.numeric_columns;
    if (wanted && !o.tables[i].key.empty()) wanted->push_back(o.tables[i].key);  // a named key may be numeric
    group.run([&, i, w = std::move(wanted)] {
      try {
        TableReadOptions ro = read_options(o.tables[i]);
        ro.numeric_columns = w ? &*w : nullptr;
        tables[i] = read_table(o.tables[i].path, ro);
      } catch (...) {
        failed[i] = std::current_exception();
      }
    });
  }
  JoinedLayer out;
  out.layer = load_areas(boundaries, o.ingest, progress_slice(o.progress, 0, kLoadShare));
  group.wait();
  for (size_t i = 0; i < tables.size(); ++i) {
    report(o.progress, kLoadShare + (1 - kLoadShare) * double(i) / double(tables.size()),
           "joining indicators");
    if (failed[i]) std::rethrow_exception(failed[i]);
    JoinOptions jo;
    jo.key_field = o.tables[i].key;
    jo.on_duplicate = o.on_duplicate;
    out.reports.push_back(join_table(out.layer, tables[i], jo));
  }
  report(o.progress, 1.0, "joined");
  return out;
}

}  // namespace nbhd
