#pragma once
// The Search panel: type-ahead by code or name over every area; Enter or a click jumps to the area and
// selects it.
#include <cstdint>
#include <vector>

namespace nbhd::view {

class Viewer;

class SearchPanel {
 public:
  void draw(Viewer& v);
  void focus() { focus_ = true; }  // the search box takes the keyboard next frame
  const std::vector<uint32_t>& hits() const { return hits_; }

 private:
  char query_[128] = "";
  std::vector<uint32_t> hits_;
  bool focus_ = false;
};

}  // namespace nbhd::view
