#pragma once
// The viewer's open dialog (drawn with ImGui, no platform dialog): the current folder with breadcrumbs and
// up, its folders and the files that fit the role being opened (boundaries, indicator tables, assets,
// projects), sortable by name, size or modification time, a typed path opened with Enter, keyboard
// navigation, and the last folder remembered. The listing and the routing of a path to its role are plain
// functions (tested without a window); FileDialog holds the ImGui state.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nbhd::view {

enum class FileRole { Boundaries, Table, Assets, Project };

const char* role_name(FileRole r);  // "boundaries", "table", "assets", "project"
std::optional<FileRole> parse_role(const std::string& name);
// Lower-case extensions (with the dot) the dialog lists for a role.
const std::vector<std::string>& role_extensions(FileRole r);
// What a dropped or typed file is opened as: a project (*.nbhd.json), an indicator table (.csv .tsv .txt
// .xlsx), else boundaries (any vector format GDAL reads).
FileRole role_for_path(const std::filesystem::path& p);
// True when the file's extension is one the role lists.
bool fits_role(const std::filesystem::path& p, FileRole r);

struct DirEntry {
  std::string name;
  bool dir = false;
  std::uintmax_t size = 0;
  std::int64_t modified = 0;  // seconds, only compared
};

enum class SortKey { Name, Size, Modified };

// Folders first (always by name), then the files that fit the role sorted by `key`. Hidden entries
// (".name") are skipped. An unreadable folder gives an empty list and `*error` set to one line.
std::vector<DirEntry> list_folder(const std::filesystem::path& dir, FileRole role, SortKey key,
                                  bool descending, std::string* error);

// "/a/b/c" -> {"/", "/a", "/a/b", "/a/b/c"}
std::vector<std::filesystem::path> breadcrumbs(const std::filesystem::path& dir);

class FileDialog {
 public:
  // Opens the dialog for a role, in the last folder it showed (the working folder the first time).
  void open(FileRole role);
  bool is_open() const { return open_; }
  FileRole role() const { return role_; }
  // Draws the dialog when open; returns the chosen file once (then the dialog is closed).
  std::optional<std::string> draw();
  // Navigates to a folder, or chooses a file (what Enter does in the path box). Returns the chosen file.
  std::optional<std::string> submit(const std::string& typed);
  void close() { open_ = false; }

  const std::filesystem::path& folder() const { return folder_; }
  const std::vector<DirEntry>& entries() const { return entries_; }
  int cursor() const { return cursor_; }
  const std::string& error() const { return error_; }
  SortKey sort_key() const { return key_; }
  bool descending() const { return descending_; }
  void sort_by(SortKey k, bool descending);
  // Screen rectangle {x0, y0, x1, y1} of a column header (name, size, modified) as drawn last frame.
  std::array<float, 4> header_rect(int column) const { return header_rects_[size_t(column)]; }

 private:
  void go(const std::filesystem::path& dir);
  void refresh();
  std::optional<std::string> activate(int i);

  bool open_ = false, focus_path_ = false;
  FileRole role_ = FileRole::Boundaries;
  std::filesystem::path folder_, last_folder_;
  std::vector<DirEntry> entries_;
  int cursor_ = -1;
  SortKey key_ = SortKey::Name;
  bool descending_ = false;
  std::string error_;
  char path_buf_[1024] = "";
  std::array<std::array<float, 4>, 3> header_rects_{};
};

}  // namespace nbhd::view
