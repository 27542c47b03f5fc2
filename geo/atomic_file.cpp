#include "geo/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "geo/error.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {
std::string random_tag() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 6; ++i) s += alphabet[rng() % 36];
  return s;
}

void fsync_path(const fs::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY);
  if (fd < 0) return;
  if (::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    throw Error("cannot write " + p.string() + ": " + std::strerror(e) + "; free some disk space or choose another folder");
  }
  ::close(fd);
}
}  // namespace

AtomicOutput::AtomicOutput(fs::path path, bool overwrite) : final_(std::move(path)) {
  std::error_code ec;
  if (final_.empty()) throw Error("no output file given; pass -o FILE");
  if (fs::is_directory(final_, ec))
    throw Error("cannot write " + final_.string() + ": it is a directory; give a file name");
  if (!overwrite && fs::exists(final_, ec))
    throw Error("cannot write " + final_.string() + ": the file exists; pass --force to overwrite it");
  fs::path dir = final_.parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec))
    throw Error("cannot write " + final_.string() + ": folder " + dir.string() + " does not exist; create it first");
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error("cannot write " + final_.string() + ": folder " + dir.string() +
                " is not writable; choose another folder");
  temp_ = dir / (final_.stem().string() + ".tmp-" + random_tag() + final_.extension().string());
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicOutput::commit() {
  // Character devices (/dev/null, /dev/full) cannot be renamed onto: copy the bytes instead, which also
  // surfaces ENOSPC from /dev/full as an error.
  std::error_code ec;
  if (fs::exists(final_, ec) && !fs::is_regular_file(final_, ec)) {
    int in = ::open(temp_.c_str(), O_RDONLY);
    int out = ::open(final_.c_str(), O_WRONLY);
    if (in < 0 || out < 0) {
      if (in >= 0) ::close(in);
      if (out >= 0) ::close(out);
      throw Error("cannot write " + final_.string() + ": " + std::strerror(errno));
    }
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(in, buf, sizeof buf)) > 0)
      if (::write(out, buf, static_cast<size_t>(n)) != n) {
        int e = errno;
        ::close(in);
        ::close(out);
        throw Error("cannot write " + final_.string() + ": " + std::strerror(e) + "; free some disk space or choose another file");
      }
    ::close(in);
    ::close(out);
    fs::remove(temp_, ec);
    committed_ = true;
    return;
  }
  fsync_path(temp_);
  fs::rename(temp_, final_, ec);
  if (ec) throw Error("cannot write " + final_.string() + ": " + ec.message());
  committed_ = true;
}

void write_file_atomic(const fs::path& path, const std::string& contents, bool overwrite) {
  AtomicOutput out(path, overwrite);
  int fd = ::open(out.temp_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    throw Error("cannot write " + path.string() + ": " + std::strerror(errno) + "; choose another folder");
  size_t off = 0;
  while (off < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + off, contents.size() - off);
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      throw Error("cannot write " + path.string() + ": " + std::strerror(e) + "; free some disk space or choose another folder");
    }
    off += static_cast<size_t>(n);
  }
  if (::close(fd) != 0)
    throw Error("cannot write " + path.string() + ": " + std::strerror(errno) + "; free some disk space or choose another folder");
  out.commit();
}

}  // namespace nbhd
