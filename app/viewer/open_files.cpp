// Opening files in the viewer: the open dialog, drag-and-drop onto the window and project files all end in
// open_path, routed by role (boundaries replace the map, a table is joined to it, assets are drawn over
// it, a project replaces everything). A file that cannot be opened is one line under Data, never a crash.
// Also the script steps that act on these dialogs, and their part of the state dump.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/viewer/session_file.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"

namespace nbhd::view {

namespace fs = std::filesystem;

void Viewer::open_path(const std::string& path, FileRole role) {
  open_error.clear();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    open_error = path + " does not exist; check the path or open another file";
    return;
  }
  switch (role) {
    case FileRole::Project:
      open_project(path);
      return;
    case FileRole::Table:
      if (sources.boundaries.empty()) {
        open_error = "cannot join " + fs::path(path).filename().string() +
                     ": no boundaries are loaded; open a boundaries file first";
        return;
      }
      sources.indicators.push_back(path);
      break;
    case FileRole::Assets:
      if (sources.boundaries.empty()) {
        open_error = "cannot show " + fs::path(path).filename().string() +
                     " as assets: no boundaries are loaded; open a boundaries file first";
        return;
      }
      sources.assets.push_back(path);  // several asset files merge, as in nbhd assets
      break;
    case FileRole::Boundaries:
      // New boundaries: the tables joined to the old ones keyed other areas, so start afresh.
      sources.boundaries = path;
      sources.indicators.clear();
      sources.assets.clear();
      selection.clear();
      break;
  }
  loader.start(sources);
  dirty = true;
}

void Viewer::on_drop(const std::vector<std::string>& paths) {
  // Boundaries first, so tables dropped with them are joined to them; one load for the whole drop.
  open_error.clear();
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
    open_error = "cannot join " + fs::path(tables.front()).filename().string() +
                 ": no boundaries are loaded; drop or open a boundaries file first";
    return;
  }
  for (const auto& t : tables) s.indicators.push_back(t);
  sources = s;
  loader.start(sources);
  dirty = true;
}

void Viewer::open_project(const std::string& path) {
  open_error.clear();
  try {
    Session s = read_session(path);
    sources = s.sources;
    spec = s.spec;
    selection.clear();
    highlight = {};
    apply_session_view(*this, s);
    std::snprintf(session_path, sizeof session_path, "%s", path.c_str());
    if (missing_files.empty()) loader.start(sources);
  } catch (const std::exception& e) {
    open_error = e.what();
  }
  dirty = true;
}

void Viewer::file_dialog_frame() {
  // No redraw of its own while open: typing and clicks are input events, which wake the loop anyway.
  if (auto chosen = files.draw()) open_path(*chosen, files.role());
}

ScriptOutcome Viewer::script_action(const ScriptStep& s) {
  ScriptOutcome o;
  o.kind = ScriptOutcome::Done;
  if (s.cmd == "open") {
    auto r = parse_role(s.args[0]);
    if (r)
      files.open(*r);
    else
      std::fprintf(stderr, "script line %d: unknown role '%s'\n", s.line, s.args[0].c_str());
  } else if (s.cmd == "drop") {
    on_drop(s.args);
  } else if (s.cmd == "export") {
    // export PATH W H | export PATH A4|A3 DPI [landscape]
    try {
      PageSpec page = s.args[1] == "A4" || s.args[1] == "A3"
                          ? page_from_paper(s.args[1], std::stod(s.args.at(2)),
                                            s.args.size() > 3 && s.args[3] == "landscape")
                          : page_from_pixels(std::stoi(s.args[1]), std::stoi(s.args.at(2)));
      start_export(s.args[0], page, true);
    } catch (const std::exception& e) {
      export_msg = std::string("export failed: ") + e.what();
    }
  } else if (s.cmd == "wait-export") {
    poll_export();
    if (export_job.valid()) o.kind = ScriptOutcome::Wait;
  } else if (s.cmd == "save") {
    save_project(s.args[0]);
  } else if (s.cmd == "relocate") {
    for (size_t i = 0; i < missing_files.size(); ++i)
      if (missing_files[i] == s.args[0])
        std::snprintf(relocate_to[i].data(), relocate_to[i].size(), "%s", s.args[1].c_str());
    relocate_load();
  } else if (s.cmd == "dual") {
    highlight = {};
    highlight.kind = Highlight::Dual;
    highlight.dual_column = s.args[0];
    highlight.dual_share = std::stod(s.args[1]) / 100.0;
    apply_colours();
  } else if (s.cmd == "dialog-header") {
    // A click on a column header of the open dialog (sorts by it; again: the other way).
    int c = std::stoi(s.args[0]);
    if (!files.is_open() || c < 0 || c > 2) {
      std::fprintf(stderr, "script line %d: no open dialog or no column %d\n", s.line, c);
      return o;
    }
    auto r = files.header_rect(c);
    o.kind = ScriptOutcome::Rewrite;
    o.step = {"click", {std::to_string((r[0] + r[2]) / 2), std::to_string((r[1] + r[3]) / 2)}, s.line};
  } else if (s.cmd == "hist-drag") {
    // A real drag across the histogram, from value a to value b, as a person would brush.
    if (!(hist_hi > hist_lo)) {
      std::fprintf(stderr, "script line %d: no histogram on screen\n", s.line);
      return o;
    }
    auto x_of = [&](double v) {
      return hist_rect.x0 + float((v - hist_lo) / (hist_hi - hist_lo)) * (hist_rect.x1 - hist_rect.x0);
    };
    float y = (hist_rect.y0 + hist_rect.y1) / 2;
    o.kind = ScriptOutcome::Rewrite;
    o.step = {"drag",
              {std::to_string(x_of(std::stod(s.args[0]))), std::to_string(y),
               std::to_string(x_of(std::stod(s.args[1]))), std::to_string(y)},
              s.line};
  } else {
    o.kind = ScriptOutcome::Unknown;
  }
  return o;
}

void Viewer::dump_extra(nlohmann::json& j) const {
  j["open_error"] = open_error;
  nlohmann::json names = nlohmann::json::array();
  for (const auto& e : files.entries()) names.push_back(e.name + (e.dir ? "/" : ""));
  j["dialog"] = {{"open", files.is_open()},
                 {"role", role_name(files.role())},
                 {"folder", files.folder().string()},
                 {"entries", names},
                 {"cursor", files.cursor()},
                 {"sort", std::string(files.sort_key() == SortKey::Name   ? "name"
                                      : files.sort_key() == SortKey::Size ? "size"
                                                                          : "modified") +
                              (files.descending() ? " desc" : " asc")},
                 {"error", files.error()}};
  j["sources"] = {
      {"boundaries", sources.boundaries}, {"indicators", sources.indicators}, {"assets", sources.assets}};
  j["method"] = to_string(spec.method);
  j["classes"] = spec.classes;
  j["reverse"] = spec.reverse;
  j["view"] = {{"centre", {cam.centre.x, cam.centre.y}}, {"metres_per_pixel", cam.mpp}};
  j["histogram"] = {
      {"rect", {hist_rect.x0, hist_rect.y0, hist_rect.x1, hist_rect.y1}}, {"lo", hist_lo}, {"hi", hist_hi}};
  j["highlight"]["lo"] = highlight.lo;
  j["highlight"]["hi"] = highlight.hi;
  j["missing_files"] = missing_files;
  const auto& t = export_last.world_to_px;
  j["export"] = {
      {"ok", export_last.ok},
      {"path", export_last.path},
      {"world_to_px", {{"scale", t.scale}, {"ox", t.ox}, {"oy", t.oy}}},
      {"extent",
       {export_last.extent.minx, export_last.extent.miny, export_last.extent.maxx, export_last.extent.maxy}},
      {"visible",
       {export_last.visible.minx, export_last.visible.miny, export_last.visible.maxx,
        export_last.visible.maxy}},
      {"frame",
       {export_last.frame_px.x0, export_last.frame_px.y0, export_last.frame_px.x1, export_last.frame_px.y1}},
      {"size", {export_last.width_px, export_last.height_px}}};
}

}  // namespace nbhd::view
