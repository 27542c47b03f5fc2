// Opening files in the viewer: the open dialog, drag-and-drop onto the window and project files all end in
// open_path, routed by role (boundaries replace the map, a table is joined to it, assets are drawn over
// it, a project replaces everything). A file that cannot be opened is one line under Data, never a crash.
#include <filesystem>

#include "app/viewer/session_file.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"

namespace nbhd::view {

namespace fs = std::filesystem;

void Viewer::open_path(const std::string& path, FileRole role) {
  data_panel.set_open_error("");
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    data_panel.set_open_error(path + " does not exist; check the path or open another file");
    return;
  }
  switch (role) {
    case FileRole::Project:
      open_project(path);
      return;
    case FileRole::Table:
    case FileRole::Assets: {
      // Both need boundaries: a table is joined to them, assets are drawn over them.
      bool table = role == FileRole::Table;
      if (sources.boundaries.empty()) {
        std::string name = fs::path(path).filename().string();
        data_panel.set_open_error((table ? "cannot join " + name : "cannot show " + name + " as assets") +
                                  ": no boundaries are loaded; open a boundaries file first");
        return;
      }
      // Several asset files merge, as in nbhd assets.
      (table ? sources.indicators : sources.assets).push_back(path);
      break;
    }
    case FileRole::Boundaries:
      // New boundaries: the tables joined to the old ones keyed other areas, so start afresh.
      sources.boundaries = path;
      sources.indicators.clear();
      sources.assets.clear();
      selection.clear();
      break;
  }
  load(sources);
}

void Viewer::on_drop(const std::vector<std::string>& paths) {
  // Boundaries first, so tables dropped with them are joined to them; one load for the whole drop.
  data_panel.set_open_error("");
  Sources s = sources;
  std::vector<std::string> tables;
  for (const auto& p : paths) {
    switch (role_for_path(p)) {
      case FileRole::Project:
        open_project(p);
        return;
      case FileRole::Table:
        tables.push_back(p);
        break;
      default:
        if (s.boundaries != p) s.indicators.clear(), s.assets.clear(), selection.clear();
        s.boundaries = p;
        break;
    }
  }
  if (s.boundaries.empty()) {
    data_panel.set_open_error("cannot join " + fs::path(tables.front()).filename().string() +
                              ": no boundaries are loaded; drop or open a boundaries file first");
    return;
  }
  for (const auto& t : tables) s.indicators.push_back(t);
  sources = s;
  load(sources);
}

void Viewer::open_project(const std::string& path) {
  data_panel.set_open_error("");
  try {
    apply(*this, read_project(path));
    project.set_path(path);
  } catch (const std::exception& e) {
    data_panel.set_open_error(e.what());
  }
  dirty = true;
}

void Viewer::file_dialog_frame() {
  // No redraw of its own while open: typing and clicks are input events, which wake the loop anyway.
  if (auto chosen = files.draw()) open_path(*chosen, files.role());
}

}  // namespace nbhd::view
