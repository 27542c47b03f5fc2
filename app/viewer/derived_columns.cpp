// Derived columns (derived_columns.hpp): kept per owner, flattened into one table for look-ups.
#include "app/viewer/derived_columns.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace nbhd::view {

void DerivedColumns::set(const std::string& owner, std::vector<Column> cols, size_t rows) {
  for (const auto& c : cols) {
    if (c.size() != rows)
      throw Error("computed column '" + c.name + "' has " + std::to_string(c.size()) + " values for " +
                  std::to_string(rows) + " areas");
    for (const auto& e : entries_)
      if (e.owner != owner)
        for (const auto& o : e.cols)
          if (o.name == c.name) throw Error("computed column '" + c.name + "' is already set by " + e.owner);
  }
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.owner == owner; });
  if (it == entries_.end())
    entries_.push_back({owner, std::move(cols)});
  else
    it->cols = std::move(cols);
  rebuild(rows);
}

void DerivedColumns::clear(const std::string& owner) {
  size_t rows = table_.rows();
  std::erase_if(entries_, [&](const Entry& e) { return e.owner == owner; });
  rebuild(rows);
}

void DerivedColumns::clear_all() {
  entries_.clear();
  table_ = Table();
}

const Column* DerivedColumns::find(std::string_view name) const {
  auto k = table_.find(name);
  return k ? &table_.col(*k) : nullptr;
}

std::vector<std::string> DerivedColumns::names_of(const std::string& owner) const {
  std::vector<std::string> out;
  for (const auto& e : entries_)
    if (e.owner == owner)
      for (const auto& c : e.cols) out.push_back(c.name);
  return out;
}

void DerivedColumns::rebuild(size_t rows) {
  // A few columns of one value per area: copying them keeps the look-up table simple and costs
  // microseconds next to the computation that produced them.
  table_ = Table("computed in the viewer");
  table_.set_rows(rows);
  for (const auto& e : entries_)
    for (const auto& c : e.cols) table_.add(c);
}

}  // namespace nbhd::view
