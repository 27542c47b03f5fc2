#pragma once
// The Data panel: what is loaded, buttons for the open dialog (drag-and-drop works too), the load progress
// bar with cancel, the join diagnostics of every table, and the last error opening a file (one line).
#include <string>
#include <utility>

namespace nbhd::view {

class Viewer;

class DataPanel {
 public:
  void draw(Viewer& v);
  const std::string& open_error() const { return open_error_; }
  void set_open_error(std::string e) { open_error_ = std::move(e); }

 private:
  std::string open_error_;
};

}  // namespace nbhd::view
