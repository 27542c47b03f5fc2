#include "geo/vector/file_hash.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/error.hpp"

// GDAL exports its SHA-256 (port/cpl_sha256.h) but does not install the header; the one-shot function has
// C linkage and this signature in every GDAL since 2.1.
extern "C" void CPL_SHA256(const void* data, size_t len, unsigned char hash[32]);

namespace nbhd {

namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string file_sha256(const std::filesystem::path& path) {
  auto fail = [&](int err) {
    return Error("cannot read " + path.string() + " to hash it: " + std::strerror(err) +
                 "; check that the file exists and is readable");
  };
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) throw fail(errno);
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw fail(errno);
  unsigned char hash[32];
  const size_t n = static_cast<size_t>(st.st_size);
  if (n == 0) {
    CPL_SHA256("", 0, hash);
  } else {
    void* p = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE, f.fd, 0);
    if (p == MAP_FAILED) throw fail(errno);
    CPL_SHA256(p, n, hash);
    ::munmap(p, n);
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : hash) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace nbhd
