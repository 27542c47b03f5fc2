#pragma once
// The Selection panel: every joined value of the selected area(s), with its rank nationally (among all
// loaded areas) and locally (within the area's local authority, when the layer says which that is).
#include <cstdint>
#include <string>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd::view {

class Viewer;
struct ViewData;

// A row of the panel: one column of one area, with its national and local rank.
struct ValueRow {
  std::string column, value;
  bool numeric = false;
  long long rank = 0, of = 0;              // 1 = highest value among `of` areas with a value
  long long local_rank = 0, local_of = 0;  // within the area's group (local authority)
};
// `derived`: the viewer's computed columns (after the loaded ones; they replace a loaded one of the same
// name), or nullptr.
std::vector<ValueRow> value_rows(const ViewData& d, uint32_t area, const Table* derived = nullptr);

class SelectionPanel {
 public:
  void draw(Viewer& v);
  // The selection changed: its rows are computed once here, not every frame.
  void selection_changed(const Viewer& v);

 private:
  std::vector<std::vector<ValueRow>> rows_;  // per selected area
};

}  // namespace nbhd::view
