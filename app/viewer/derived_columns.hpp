#pragma once
// Columns the viewer computes after loading: gap indicators, spatial statistics, change classes. They live
// beside the loaded data, not inside it, because ViewData is shared read-only with background jobs; a
// recomputation (another distance, another seed) replaces its owner's columns without a reload. Owned and
// used on the UI thread only. A derived column shadows a loaded column of the same name.
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd::view {

class DerivedColumns {
 public:
  // Replaces every column `owner` (e.g. "gaps", "lisa") set before with `cols`, in order. Each column
  // must hold `rows` values (one per area of the loaded layer); throws nbhd::Error otherwise, and when
  // two owners would set the same name.
  void set(const std::string& owner, std::vector<Column> cols, size_t rows);
  void clear(const std::string& owner);
  void clear_all();  // a new load

  const Column* find(std::string_view name) const;
  // Every derived column, grouped by owner in the order owners first set theirs.
  const Table& table() const { return table_; }
  std::vector<std::string> names_of(const std::string& owner) const;
  bool empty() const { return table_.columns() == 0; }

 private:
  void rebuild(size_t rows);
  struct Entry {
    std::string owner;
    std::vector<Column> cols;
  };
  std::vector<Entry> entries_;
  Table table_;
};

}  // namespace nbhd::view
