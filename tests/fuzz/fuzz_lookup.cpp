// libFuzzer target for lookups (read_lookup) and the conversion through them (convert_table): any bytes,
// read as a CSV whose first two columns are the from and to codes, must give a well-formed conversion of a
// fixed table or one nbhd::Error, never a crash, a sanitizer report or counts that do not add up.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "geo/tables/convert.hpp"
#include "geo/tables/table_io.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke an invariant
}

const nbhd::Table& source_table() {
  static const nbhd::Table t = nbhd::parse_csv(
      "code,rank,flag,pop,name\nE01000001,1,TRUE,10,a\nE01000002,5,FALSE,20,b\nE01000003,,TRUE,5,c\n"
      "a,3,FALSE,1,d\n",
      "source.csv");
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nbhd::Table t;
  try {
    t = nbhd::parse_csv(text, "lookup.csv");
  } catch (const nbhd::Error&) {
    return 0;
  }
  if (t.columns() < 2) return 0;
  const std::string from = t.col(0).name, to = t.col(1).name;
  nbhd::Lookup lk;
  try {
    lk = nbhd::read_lookup(t, from, to);
  } catch (const nbhd::Error&) {
    return 0;
  }
  check(lk.sources_of.size() == lk.to_codes.size() && lk.comparability.size() == lk.to_codes.size());
  check(lk.targets_of.size() == lk.from_codes.size());
  for (const char* rules :
       {"", "*=worst", "*=mean", "rank=sum|flag=any|*=drop", "*=copy", "rank=wmean:pop|*=drop"}) {
    nbhd::ConvertOptions o;
    o.key = "code";
    std::string rs = rules;
    while (!rs.empty()) {
      auto bar = rs.find('|');
      o.rules.push_back(nbhd::parse_column_rule(rs.substr(0, bar)));
      rs = bar == std::string::npos ? "" : rs.substr(bar + 1);
    }
    try {
      nbhd::ConvertResult r = nbhd::convert_table(source_table(), lk, o);
      const auto& rep = r.report;
      check(rep.targets == r.table.rows());
      check(rep.unchanged + rep.split + rep.merged + rep.redrawn == rep.targets);
      check(rep.targets + rep.targets_without_source.size() == lk.to_codes.size());
      for (const auto& c : r.table.cols()) check(c.size() == r.table.rows());
      for (double n : r.table.column("n_sources").num) check(n >= 1);
      (void)nbhd::format_convert_report(rep);
    } catch (const nbhd::Error&) {
    }
  }
  return 0;
}
