#include "base/atomic_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <random>
#include <string_view>

#include "base/error.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

constexpr size_t kTagLength = 6;
// What SQLite (GeoPackage) may leave beside a database it was writing.
constexpr const char* kSidecars[] = {"-journal", "-wal", "-shm"};
// What else a temporary's name may end with: an AtomicOutput's scratch folder, and a replaced folder of an
// AtomicFolder on its way out.
constexpr const char* kTemporaryFolders[] = {".parts", ".old"};

std::string random_tag() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (size_t i = 0; i < kTagLength; ++i) s += alphabet[rng() % 36];
  return s;
}

std::string disk_error(const fs::path& p, int e) {
  return "cannot write " + p.string() + ": " + std::strerror(e) +
         "; free some disk space or choose another folder";
}

void fsync_path(const fs::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  if (::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    throw Error(disk_error(p, e));
  }
  ::close(fd);
}

void remove_with_sidecars(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
  for (const char* s : kSidecars) fs::remove(p.string() + s, ec);
}

// Removes temporaries of `final_name` in `dir`. Called only while holding the folder's lock exclusively,
// i.e. when no other nbhd writer is active there, so every match belongs to a dead process.
void remove_stale_temporaries(const fs::path& dir, const std::string& final_name) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code sec;
    if (!is_temporary_of(name, final_name)) continue;
    const fs::file_status st = it->symlink_status(sec);
    if (fs::is_regular_file(st))
      fs::remove(it->path(), sec);
    else if (fs::is_directory(st))  // a scratch or output folder (never a link: only what we made)
      fs::remove_all(it->path(), sec);
  }
}

// Locks the folder (shared: many writers may work there at once) before a temporary exists there, and
// returns its descriptor (-1 if it cannot be opened: no lock, no cleanup). Taking it exclusively first, when
// nobody else holds it, proves that temporaries of `final_name` there are stale: they are removed.
int lock_folder(const fs::path& dir, const std::string& final_name) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) remove_stale_temporaries(dir, final_name);
    // Converting to shared drops the lock for an instant; harmless, since our temporary does not exist yet.
    while (::flock(fd, LOCK_SH) != 0 && errno == EINTR) {
    }
  }
  return fd;
}

// The folder an output goes in, which must exist and be writable; an nbhd::Error naming both otherwise.
fs::path writable_folder_of(const fs::path& out) {
  fs::path dir = out.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error("cannot write " + out.string() + ": folder " + dir.string() +
                " does not exist; create it first");
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error("cannot write " + out.string() + ": folder " + dir.string() +
                " is not writable; choose another folder");
  return dir;
}

}  // namespace

bool is_temporary_of(const std::string& name, const std::string& final_name) {
  const fs::path f(final_name);
  const std::string prefix = f.stem().string() + ".tmp-";
  const std::string ext = f.extension().string();
  if (name.size() < prefix.size() + kTagLength + ext.size() || name.compare(0, prefix.size(), prefix) != 0)
    return false;
  for (size_t i = prefix.size(); i < prefix.size() + kTagLength; ++i)
    if (!std::islower(static_cast<unsigned char>(name[i])) &&
        !std::isdigit(static_cast<unsigned char>(name[i])))
      return false;
  std::string_view rest(name);
  rest.remove_prefix(prefix.size() + kTagLength);
  if (rest.compare(0, ext.size(), ext) != 0) return false;
  rest.remove_prefix(ext.size());
  if (rest.empty()) return true;
  for (const char* s : kSidecars)
    if (rest == s) return true;
  for (const char* s : kTemporaryFolders)
    if (rest == s) return true;
  return false;
}

AtomicOutput::AtomicOutput(fs::path path, bool overwrite) : final_(std::move(path)) {
  std::error_code ec;
  if (final_.empty()) throw Error("no output file given; pass -o FILE");
  const fs::file_status st = fs::status(final_, ec);
  if (fs::is_directory(st))
    throw Error("cannot write " + final_.string() + ": it is a directory; give a file name");
  if (fs::exists(st) && !fs::is_regular_file(st)) {
    // A device or pipe (/dev/null, /dev/full, /dev/stdout): nothing to replace atomically and nothing to
    // protect with --force. Stage the bytes in the temporary folder, not beside it (/dev is no place for
    // files).
    device_ = true;
    temp_ = fs::temp_directory_path(ec) / ("nbhd.tmp-" + random_tag() + final_.extension().string());
    return;
  }
  const fs::path dir = writable_folder_of(final_);

  dir_fd_ = lock_folder(dir, final_.filename().string());
  if (!overwrite && fs::exists(final_, ec)) {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    throw Error("cannot write " + final_.string() + ": the file exists; allow overwriting it",
                Need::Overwrite);
  }
  do {
    temp_ = dir / (final_.stem().string() + ".tmp-" + random_tag() + final_.extension().string());
  } while (fs::exists(temp_, ec));
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) remove_with_sidecars(temp_);
  if (!scratch_.empty()) {
    std::error_code ec;
    fs::remove_all(scratch_, ec);
  }
  if (dir_fd_ >= 0) ::close(dir_fd_);  // releases the folder lock
}

const fs::path& AtomicOutput::scratch_folder() {
  if (scratch_.empty()) {
    fs::path dir = device_ ? temp_.parent_path() : final_.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    fs::path p = temp_.string() + ".parts";
    if (!fs::create_directory(p, ec) || ec)
      throw Error("cannot write " + final_.string() + ": cannot create a folder in " + dir.string() + " (" +
                  ec.message() + "); choose another folder");
    scratch_ = std::move(p);
  }
  return scratch_;
}

AtomicFolder::AtomicFolder(fs::path path, bool overwrite) : final_(std::move(path)) {
  std::error_code ec;
  if (final_.empty()) throw Error("no output folder given; pass -o FOLDER");
  if (!final_.has_filename()) final_ = final_.parent_path();  // "pages/" -> "pages"
  if (!final_.has_filename() || final_.filename() == "." || final_.filename() == "..")
    throw Error("cannot write " + final_.string() + ": name a new folder for the pages");
  if (fs::exists(final_, ec) && !fs::is_directory(final_, ec))
    throw Error("cannot write " + final_.string() + ": it is a file; name a folder");
  const fs::path dir = writable_folder_of(final_);
  dir_fd_ = lock_folder(dir, final_.filename().string());
  if (!overwrite && fs::exists(final_, ec)) {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    throw Error("cannot write " + final_.string() + ": the folder exists; allow replacing it",
                Need::Overwrite);
  }
  do {
    temp_ = dir / (final_.filename().string() + ".tmp-" + random_tag());
  } while (fs::exists(temp_, ec));
  if (!fs::create_directory(temp_, ec) || ec) {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    throw Error("cannot write " + final_.string() + ": cannot create a folder in " + dir.string() + " (" +
                ec.message() + "); choose another folder");
  }
}

AtomicFolder::~AtomicFolder() {
  std::error_code ec;
  if (!committed_) fs::remove_all(temp_, ec);
  if (dir_fd_ >= 0) ::close(dir_fd_);  // releases the folder lock
}

void AtomicFolder::commit() {
  std::error_code ec;
  // A folder cannot be renamed over another: the old one is moved aside (a name the next writer of this
  // output removes should this process die here), the new one takes its name, the old one is removed.
  fs::path old;
  if (fs::exists(final_, ec)) {
    old = temp_.string() + ".old";
    fs::rename(final_, old, ec);
    if (ec) throw Error("cannot write " + final_.string() + ": " + ec.message() + "; choose another folder");
  }
  fs::rename(temp_, final_, ec);
  if (ec) {
    std::error_code back;
    if (!old.empty()) fs::rename(old, final_, back);
    throw Error("cannot write " + final_.string() + ": " + ec.message() + "; choose another folder");
  }
  committed_ = true;
  if (dir_fd_ >= 0) ::fsync(dir_fd_);
  if (!old.empty()) fs::remove_all(old, ec);
}

void AtomicOutput::commit() {
  std::error_code ec;
  if (device_) {
    // Copy the bytes onto the device, which also surfaces ENOSPC from /dev/full as an error.
    int in = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : ::open(final_.c_str(), O_WRONLY | O_CLOEXEC);
    if (in < 0 || out < 0) {
      int e = errno;
      if (in >= 0) ::close(in);
      throw Error("cannot write " + final_.string() + ": " + std::strerror(e) + "; choose another file");
    }
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(in, buf, sizeof buf)) > 0)
      if (::write(out, buf, static_cast<size_t>(n)) != n) {
        int e = errno;
        ::close(in);
        ::close(out);
        throw Error("cannot write " + final_.string() + ": " + std::strerror(e) +
                    "; free some disk space or choose another file");
      }
    ::close(in);
    if (::close(out) != 0) throw Error(disk_error(final_, errno));
    remove_with_sidecars(temp_);
    committed_ = true;
    return;
  }
  fsync_path(temp_);
  fs::rename(temp_, final_, ec);
  if (ec) throw Error("cannot write " + final_.string() + ": " + ec.message() + "; choose another folder");
  committed_ = true;
  if (dir_fd_ >= 0) ::fsync(dir_fd_);  // make the rename itself durable
  remove_with_sidecars(temp_);         // a driver may leave an empty journal behind
  if (!scratch_.empty()) fs::remove_all(scratch_, ec);
}

void write_file_atomic(const fs::path& path, const std::string& contents, bool overwrite) {
  AtomicOutput out(path, overwrite);
  int fd = ::open(out.temp_path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error("cannot write " + path.string() + ": " + std::strerror(errno) + "; choose another folder");
  size_t off = 0;
  while (off < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + off, contents.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      throw Error(disk_error(path, e));
    }
    off += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) throw Error(disk_error(path, errno));
  out.commit();
}

}  // namespace nbhd
