#pragma once
// Every file nbhd writes goes to "<final>.tmp-XXXXXX" in the same folder and is renamed over the final
// name only when complete, so a crash, a full disk or Ctrl-C never leaves a half-written file and never
// destroys the previous version.
#include <filesystem>
#include <string>

namespace nbhd {

class AtomicOutput {
 public:
  // Checks that the folder exists and is writable and that `path` is not a directory; refuses an existing
  // file unless overwrite is true. Throws nbhd::Error naming the path otherwise.
  explicit AtomicOutput(std::filesystem::path path, bool overwrite = true);
  ~AtomicOutput();  // removes the temporary if commit() was not reached
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // The temporary path to write to (keeps the final extension so drivers pick the right format:
  // "map.png" -> "map.tmp-ab12cd.png").
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }

  // fsyncs and renames the temporary over the final path.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

// Writes a whole string atomically (CSV, JSON, SVG bodies).
void write_file_atomic(const std::filesystem::path& path, const std::string& contents, bool overwrite = true);

}  // namespace nbhd
