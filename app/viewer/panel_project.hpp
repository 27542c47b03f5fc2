#pragma once
// The Project panel: save the project, open one, and relocate the data files a project names that have
// moved. It also holds an opened project until its data has loaded, then applies the part that needs the
// data (the view and the selection).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/session_file.hpp"

namespace nbhd::view {

class Viewer;

class ProjectPanel {
 public:
  void draw(Viewer& v);
  // save = capture + write; a name without .nbhd.json gets it.
  void save(const Viewer& v, const std::string& path);
  // A project is being applied: remember it for when its data arrives, list its missing files.
  void opened(const Project& p);
  void set_path(const std::string& path);
  // The data has loaded: applies the awaited project's view and selection, if one is awaited.
  void data_arrived(Viewer& v);
  // Types `to` as the new location of the missing file `from` (the script's `relocate`).
  void relocate(const std::string& from, const std::string& to);
  // Swaps the typed locations into the sources and loads them (the Load button).
  void load_relocated(Viewer& v);
  bool waiting_for_files() const { return !missing_.empty(); }
  const std::vector<std::string>& missing() const { return missing_; }
  const std::string& message() const { return msg_; }

 private:
  char path_[512] = "";
  std::string msg_;
  std::vector<std::string> missing_;
  std::vector<std::array<char, 512>> relocate_to_;
  std::optional<Project> awaiting_;  // applied when its data has loaded
};

}  // namespace nbhd::view
