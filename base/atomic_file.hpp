#pragma once
// Every file nbhd writes goes to "<stem>.tmp-XXXXXX<ext>" in the same folder and is renamed over the final
// name only when complete, so a crash, a full disk or Ctrl-C never leaves a half-written file and never
// destroys the previous version.
//
// Temporaries left behind by a process that was killed outright (SIGKILL, power loss: no code runs to
// remove them) are removed by the next write of the same output. To tell such a stale temporary from one
// that another nbhd process is still writing, every writer holds a shared flock() on the output folder
// while its temporary exists (the kernel drops it when the process dies, however it dies); a writer that
// can take the lock exclusively knows no writer is active there and removes "<stem>.tmp-XXXXXX<ext>" and
// SQLite's "-journal"/"-wal"/"-shm" beside it, and the folders below (an output's scratch folder
// "<stem>.tmp-XXXXXX<ext>.parts", an AtomicFolder's "<name>.tmp-XXXXXX" and the ".old" it moves aside).
// Only temporaries of the same output name are touched.
#include <filesystem>
#include <string>

namespace nbhd {

class AtomicOutput {
 public:
  // Checks that the folder exists and is writable and that `path` is not a directory; refuses an existing
  // file unless overwrite is true. Throws nbhd::Error naming the path otherwise. Removes stale temporaries
  // of `path` (see above). A device such as /dev/null or /dev/full is written through (no rename).
  explicit AtomicOutput(std::filesystem::path path, bool overwrite = true);
  ~AtomicOutput();  // removes the temporary (and SQLite sidecars) if commit() was not reached
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // The temporary path to write to (keeps the final extension so drivers pick the right format:
  // "map.png" -> "map.tmp-ab12cd.png"). It does not exist yet: the writer creates it.
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }

  // fsyncs and renames the temporary over the final path (copies it onto a device).
  void commit();

  // A folder for the writer's intermediate files (an atlas PDF's parts), "<temporary>.parts", made on first
  // call and removed with the temporary, by commit() or the destructor; one a killed process left behind is
  // removed by the next write of the same output, as its temporary is.
  const std::filesystem::path& scratch_folder();

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  std::filesystem::path scratch_;
  int dir_fd_ = -1;  // the output folder, flock()ed shared while the temporary may exist
  bool device_ = false;
  bool committed_ = false;
};

// A folder written as one output (an atlas's pages): filled as "<name>.tmp-XXXXXX" beside it and put in place
// by commit(), which replaces an existing folder of that name (moved aside as "<temporary>.old", then
// removed). Locking and the removal of what a killed writer left behind are AtomicOutput's.
class AtomicFolder {
 public:
  // Checks that the parent folder exists and is writable and that `path` is not a file; refuses an existing
  // folder unless overwrite is true. Throws nbhd::Error naming the path otherwise. Creates the temporary.
  explicit AtomicFolder(std::filesystem::path path, bool overwrite = true);
  ~AtomicFolder();  // removes the temporary folder if commit() was not reached
  AtomicFolder(const AtomicFolder&) = delete;
  AtomicFolder& operator=(const AtomicFolder&) = delete;

  const std::filesystem::path& path() const { return temp_; }  // where to write the files
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  int dir_fd_ = -1;
  bool committed_ = false;
};

// Writes a whole string atomically (CSV, JSON, SVG bodies).
void write_file_atomic(const std::filesystem::path& path, const std::string& contents, bool overwrite = true);

// True when `name` is a temporary of the output named `final_name` ("map.tmp-ab12cd.png" for "map.png",
// with an optional SQLite sidecar suffix). Exposed for tests.
bool is_temporary_of(const std::string& name, const std::string& final_name);

}  // namespace nbhd
