#include "app/selection.hpp"

#include <algorithm>
#include <set>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd::cli {

std::vector<size_t> select_rows(const Table& t, const std::string& spec, const std::string& where) {
  std::vector<size_t> rows;
  if (spec.empty()) {
    rows.resize(t.rows());
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return rows;
  }
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError("--within needs FIELD=VALUE, e.g. --within ltla24_name=Manchester");
  std::string field = spec.substr(0, eq);
  std::string value(trim(spec.substr(eq + 1)));
  const Column& c = t.column(field);
  std::set<std::string> seen;
  for (size_t r = 0; r < t.rows(); ++r) {
    std::string cell(trim(c.cell(r)));
    if (cell == value)
      rows.push_back(r);
    else if (seen.size() < 5 && !cell.empty())
      seen.insert(cell);
  }
  if (rows.empty())
    throw Error("no area has " + field + " = '" + value + "' in " + where +
                "; values include: " + join_list(std::vector<std::string>(seen.begin(), seen.end()), 5));
  return rows;
}

std::vector<double> values_at(const Column& c, const std::vector<size_t>& rows) {
  std::vector<double> v;
  v.reserve(rows.size());
  for (size_t r : rows) v.push_back(c.num[r]);
  return v;
}

}  // namespace nbhd::cli
