#include "app/viewer/file_dialog.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "app/viewer/ui_items.hpp"
#include "base/text.hpp"

namespace nbhd::view {

namespace fs = std::filesystem;

const char* role_name(FileRole r) {
  switch (r) {
    case FileRole::Boundaries:
      return "boundaries";
    case FileRole::Table:
      return "table";
    case FileRole::Assets:
      return "assets";
    case FileRole::Project:
      return "project";
  }
  return "";
}

std::optional<FileRole> parse_role(const std::string& n) {
  for (FileRole r : {FileRole::Boundaries, FileRole::Table, FileRole::Assets, FileRole::Project})
    if (n == role_name(r)) return r;
  return std::nullopt;
}

const std::vector<std::string>& role_extensions(FileRole r) {
  static const std::vector<std::string> vector_formats = {".gpkg", ".shp", ".geojson",
                                                          ".json", ".fgb", ".gml"};
  static const std::vector<std::string> tables = {".csv", ".tsv", ".xlsx"};
  static const std::vector<std::string> project = {".nbhd.json"};
  switch (r) {
    case FileRole::Table:
      return tables;
    case FileRole::Project:
      return project;
    default:
      return vector_formats;
  }
}

namespace {
bool ends_with_ci(const std::string& name, const std::string& ext) {
  return name.size() >= ext.size() && lower(name.substr(name.size() - ext.size())) == ext;
}
}  // namespace

bool fits_role(const fs::path& p, FileRole r) {
  std::string name = p.filename().string();
  for (const auto& e : role_extensions(r))
    if (ends_with_ci(name, e)) return true;
  return false;
}

FileRole role_for_path(const fs::path& p) {
  if (fits_role(p, FileRole::Project)) return FileRole::Project;
  if (fits_role(p, FileRole::Table) || ends_with_ci(p.filename().string(), ".txt")) return FileRole::Table;
  return FileRole::Boundaries;
}

std::vector<DirEntry> list_folder(const fs::path& dir, FileRole role, SortKey key, bool descending,
                                  std::string* error) {
  std::vector<DirEntry> dirs, files;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    if (error) *error = "cannot list " + dir.string() + " (" + ec.message() + "); type another folder";
    return {};
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    DirEntry e;
    e.name = it->path().filename().string();
    if (e.name.empty() || e.name[0] == '.') continue;
    std::error_code ec2;
    e.dir = it->is_directory(ec2);
    if (!e.dir) {
      if (!fits_role(it->path(), role)) continue;
      e.size = it->file_size(ec2);
      if (ec2) e.size = 0;
    }
    auto t = it->last_write_time(ec2);
    if (!ec2) e.modified = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    (e.dir ? dirs : files).push_back(std::move(e));
  }
  auto by_name = [](const DirEntry& a, const DirEntry& b) { return lower(a.name) < lower(b.name); };
  std::sort(dirs.begin(), dirs.end(), by_name);
  std::stable_sort(files.begin(), files.end(), [&](const DirEntry& a, const DirEntry& b) {
    // Ties (same size or time) fall back to the name, so the order is the same every time.
    auto less = [&](const DirEntry& x, const DirEntry& y) {
      if (key == SortKey::Size && x.size != y.size) return x.size < y.size;
      if (key == SortKey::Modified && x.modified != y.modified) return x.modified < y.modified;
      return by_name(x, y);
    };
    return descending ? less(b, a) : less(a, b);
  });
  dirs.insert(dirs.end(), files.begin(), files.end());
  return dirs;
}

std::vector<fs::path> breadcrumbs(const fs::path& dir) {
  std::vector<fs::path> out;
  fs::path acc;
  for (const auto& part : dir) {
    if (part.empty()) continue;
    acc /= part;
    out.push_back(acc);
  }
  return out;
}

void FileDialog::open(FileRole role) {
  role_ = role;
  open_ = true;
  focus_path_ = true;
  error_.clear();
  std::error_code ec;
  fs::path start = last_folder_.empty() ? fs::current_path(ec) : last_folder_;
  go(start);
}

void FileDialog::go(const fs::path& dir) {
  std::error_code ec;
  fs::path d = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  if (ec || d.empty()) d = dir;
  folder_ = d;
  last_folder_ = d;
  cursor_ = -1;
  std::snprintf(path_buf_, sizeof path_buf_, "%s", folder_.string().c_str());
  refresh();
}

void FileDialog::refresh() {
  error_.clear();
  entries_ = list_folder(folder_, role_, key_, descending_, &error_);
  if (cursor_ >= int(entries_.size())) cursor_ = int(entries_.size()) - 1;
}

void FileDialog::sort_by(SortKey k, bool descending) {
  key_ = k;
  descending_ = descending;
  refresh();
}

std::optional<std::string> FileDialog::activate(int i) {
  if (i < 0 || i >= int(entries_.size())) return std::nullopt;
  fs::path p = folder_ / entries_[size_t(i)].name;
  if (entries_[size_t(i)].dir) {
    go(p);
    cursor_ = entries_.empty() ? -1 : 0;
    return std::nullopt;
  }
  open_ = false;
  return p.string();
}

std::optional<std::string> FileDialog::submit(const std::string& typed_in) {
  std::string typed = typed_in;
  while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.back()))) typed.pop_back();
  while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.front()))) typed.erase(0, 1);
  if (typed.empty()) return std::nullopt;
  fs::path p(typed);
  if (p.is_relative()) p = folder_ / p;
  std::error_code ec;
  // Enter on the folder already shown opens the highlighted entry (keyboard navigation).
  if (fs::is_directory(p, ec) && fs::weakly_canonical(p, ec) == folder_ && cursor_ >= 0)
    return activate(cursor_);
  if (fs::is_directory(p, ec)) {
    go(p);
    return std::nullopt;
  }
  if (!fs::exists(p, ec)) {
    error_ = p.string() + " does not exist; check the name or pick a file from the list";
    return std::nullopt;
  }
  if (!fits_role(p, role_)) {
    std::string exts;
    for (const auto& e : role_extensions(role_)) exts += (exts.empty() ? "" : " ") + e;
    error_ = p.filename().string() + " is not a " + role_name(role_) + " file; choose one of " + exts;
    return std::nullopt;
  }
  last_folder_ = p.parent_path();
  open_ = false;
  return p.string();
}

std::optional<std::string> FileDialog::draw() {
  if (!open_) return std::nullopt;
  std::optional<std::string> chosen;
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(std::min(640.0f, io.DisplaySize.x - 20), std::min(460.0f, io.DisplaySize.y - 40)),
      ImGuiCond_Always);
  std::string title = std::string("Open ") + role_name(role_) + "###nbhd-open";
  bool keep = true;
  ImGui::SetNextWindowFocus();
  if (ImGui::Begin(title.c_str(), &keep, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    // Breadcrumbs and up.
    if (ImGui::ArrowButton("##up", ImGuiDir_Up) && folder_.has_parent_path()) go(folder_.parent_path());
    auto crumbs = breadcrumbs(folder_);
    // A deep path wraps onto further lines rather than running off the dialog: every crumb stays visible
    // and clickable, the deepest (the folders nearest the files) included.
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (size_t i = 0; i < crumbs.size(); ++i) {
      std::string label = i == 0 ? crumbs[i].string() : crumbs[i].filename().string();
      float w = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
      if (i == 0 || ImGui::GetItemRectMax().x + 2 + w <= right) ImGui::SameLine(0, 2);
      ImGui::PushID(int(i));
      if (ImGui::SmallButton(label.c_str())) go(crumbs[i]);
      note_item("dialog.crumb." + std::to_string(i));
      ImGui::PopID();
    }
    // Typed path: a folder goes there, a file opens; Enter on the shown folder opens the highlighted entry.
    if (focus_path_) {
      ImGui::SetKeyboardFocusHere();
      focus_path_ = false;
    }
    ImGui::SetNextItemWidth(-1);
    bool entered = ImGui::InputText("##path", path_buf_, sizeof path_buf_,
                                    ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    // Enter deactivates the box: it counts as typing this frame, and the box takes the keyboard again.
    bool typing = ImGui::IsItemActive() || entered;
    if (entered) {
      chosen = submit(path_buf_);
      if (open_) focus_path_ = true;
    }
    std::string exts;
    for (const auto& e : role_extensions(role_)) exts += (exts.empty() ? "" : " ") + e;
    ImGui::TextDisabled("showing folders and %s", exts.c_str());
    if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", error_.c_str());

    // Keyboard: arrows move the highlight, Enter opens it, Backspace (outside the path box) goes up.
    int n = int(entries_.size());
    bool moved = false;
    if (n > 0 && ImGui::IsKeyPressed(GLFW_KEY_DOWN)) cursor_ = std::min(cursor_ + 1, n - 1), moved = true;
    if (n > 0 && ImGui::IsKeyPressed(GLFW_KEY_UP)) cursor_ = std::max(cursor_ - 1, 0), moved = true;
    if (!typing && !chosen && ImGui::IsKeyPressed(GLFW_KEY_ENTER)) chosen = activate(cursor_);
    if (!typing && ImGui::IsKeyPressed(GLFW_KEY_BACKSPACE) && folder_.has_parent_path())
      go(folder_.parent_path());

    ImGuiTableFlags tf = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                         ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    float footer = ImGui::GetFrameHeightWithSpacing() + 4;
    if (ImGui::BeginTable("##files", 3, tf, ImVec2(0, -footer))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_DefaultSort, 4);
      ImGui::TableSetupColumn("size", ImGuiTableColumnFlags_PreferSortDescending, 1);
      ImGui::TableSetupColumn("modified", ImGuiTableColumnFlags_PreferSortDescending, 1.6f);
      // Headers one by one (as TableHeadersRow does) to know where each is: scripts click them.
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      for (int c = 0; c < 3; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        header_rects_[size_t(c)] = {a.x, a.y, b.x, b.y};
      }
      if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs(); ss && ss->SpecsDirty && ss->SpecsCount > 0) {
        const auto& s = ss->Specs[0];
        SortKey k = s.ColumnIndex == 1   ? SortKey::Size
                    : s.ColumnIndex == 2 ? SortKey::Modified
                                         : SortKey::Name;
        sort_by(k, s.SortDirection == ImGuiSortDirection_Descending);
        ss->SpecsDirty = false;
      }
      for (int i = 0; i < int(entries_.size()) && !chosen; ++i) {
        const DirEntry& e = entries_[size_t(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string label = (e.dir ? "[dir] " : "") + e.name;
        ImGui::PushID(i);
        if (ImGui::Selectable(label.c_str(), i == cursor_,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
          cursor_ = i;
          if (ImGui::IsMouseDoubleClicked(0)) chosen = activate(i);
        }
        if (moved && i == cursor_) ImGui::SetScrollHereY();
        ImGui::PopID();
        ImGui::TableNextColumn();
        if (!e.dir) {
          double kb = double(e.size) / 1024;
          if (kb < 1024)
            ImGui::Text("%.0f KB", kb);
          else
            ImGui::Text("%.1f MB", kb / 1024);
        }
        ImGui::TableNextColumn();
        std::time_t t = std::time_t(e.modified);
        char buf[32] = "";
        if (std::tm tmv{}; localtime_r(&t, &tmv)) std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tmv);
        ImGui::TextUnformatted(buf);
      }
      ImGui::EndTable();
    }
    if (ImGui::Button("Open") && !chosen) {
      if (cursor_ >= 0)
        chosen = activate(cursor_);
      else
        chosen = submit(path_buf_);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE)) open_ = false;
  }
  ImGui::End();
  if (!keep) open_ = false;
  return chosen;
}

}  // namespace nbhd::view
