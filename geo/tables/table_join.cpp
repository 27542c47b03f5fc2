#include "geo/tables/table_join.hpp"

#include <sstream>

#include "base/error.hpp"
#include "base/string_index.hpp"
#include "base/text.hpp"
#include "geo/model/by_code.hpp"

namespace nbhd {

TableJoinReport join_by_code(Table& base, const std::string& base_key, const Table& other,
                             const std::string& other_key) {
  TableJoinReport rep;
  rep.table = other.source();
  rep.how_read = other.how_read();
  std::vector<std::string> codes = codes_of(base, base_key);
  std::vector<std::string> theirs = codes_of(other, other_key);
  const std::string okey = other_key.empty() ? other.col(0).name : other_key;
  StringIndex row(theirs.size());  // views of theirs and codes, which stay put
  for (size_t r = 0; r < theirs.size(); ++r)
    if (!row.insert(theirs[r], r).second)
      throw Error("code '" + theirs[r] + "' appears twice in " + other.source() + " (column '" + okey +
                  "'); a joined table needs one row per area");
  std::vector<long> at(codes.size(), -1);
  StringIndex mine(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    mine.insert(codes[i], i);
    if (auto r = row.find(codes[i])) {
      at[i] = static_cast<long>(*r);
      ++rep.matched;
    } else {
      rep.base_without_row.push_back(codes[i]);
    }
  }
  for (const auto& c : theirs)
    if (!mine.contains(c)) rep.rows_without_base.push_back(c);
  for (const Column& c : other.cols()) {
    if (c.name == okey) continue;
    std::string name = c.name;
    for (int k = 2; base.find(name); ++k) name = c.name + "_" + std::to_string(k);
    Column out{name, c.type, {}, {}};
    if (c.numeric()) {
      out.num.assign(codes.size(), std::nan(""));
      for (size_t i = 0; i < codes.size(); ++i)
        if (at[i] >= 0) out.num[i] = c.num[static_cast<size_t>(at[i])];
    } else {
      out.text.assign(codes.size(), "");
      for (size_t i = 0; i < codes.size(); ++i)
        if (at[i] >= 0) out.text[i] = c.text[static_cast<size_t>(at[i])];
    }
    base.add(std::move(out));
  }
  return rep;
}

std::string format_table_join(const TableJoinReport& r) {
  std::ostringstream os;
  os << "joined " << r.table << ": " << r.matched << " rows matched\n";
  if (!r.how_read.empty()) os << "  read: " << r.how_read << "\n";
  if (!r.base_without_row.empty())
    os << r.base_without_row.size() << " areas have no row in " << r.table << ": "
       << join_list(r.base_without_row, 10) << "\n";
  if (!r.rows_without_base.empty())
    os << r.rows_without_base.size() << " rows of " << r.table
       << " match no area: " << join_list(r.rows_without_base, 10) << "\n";
  return os.str();
}

}  // namespace nbhd
