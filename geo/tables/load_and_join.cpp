#include "geo/tables/load_and_join.hpp"

#include <filesystem>
#include <future>

#include "geo/tables/table_io.hpp"

namespace nbhd {

namespace {

// The boundaries take this share of the progress bar, the joins the rest: reading and repairing polygons
// is most of the work (the tables are read meanwhile, on other threads).
constexpr double kLoadShare = 0.85;

}  // namespace

TableSpec parse_table_spec(const std::string& spec) {
  std::error_code ec;
  if (std::filesystem::exists(spec, ec)) return {spec, ""};
  auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

JoinedLayer load_and_join(const std::string& boundaries, const LoadAndJoinOptions& o) {
  std::vector<std::future<Table>> tables;
  for (const auto& ts : o.tables) {
    std::optional<std::vector<std::string>> wanted = o.numeric_columns;
    if (wanted && !ts.key.empty()) wanted->push_back(ts.key);  // a named key may be numeric
    tables.push_back(std::async(std::launch::async, [p = ts.path, w = std::move(wanted)] {
      return read_table(p, "", w ? &*w : nullptr);
    }));
  }
  JoinedLayer out;
  out.layer = load_areas(boundaries, o.ingest, progress_slice(o.progress, 0, kLoadShare));
  for (size_t i = 0; i < tables.size(); ++i) {
    report(o.progress, kLoadShare + (1 - kLoadShare) * double(i) / double(tables.size()),
           "joining indicators");
    Table t = tables[i].get();
    JoinOptions jo;
    jo.key_field = o.tables[i].key;
    jo.on_duplicate = o.on_duplicate;
    out.reports.push_back(join_table(out.layer, t, jo));
  }
  report(o.progress, 1.0, "joined");
  return out;
}

}  // namespace nbhd
