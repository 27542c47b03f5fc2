#include "geo/vector/file_hash.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>

#include <openssl/evp.h>

#include "base/error.hpp"

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
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const size_t n = static_cast<size_t>(st.st_size);
  int ok = 0;
  if (n == 0) {
    ok = EVP_Digest("", 0, hash, &len, EVP_sha256(), nullptr);
  } else {
    void* p = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE, f.fd, 0);
    if (p == MAP_FAILED) throw fail(errno);
    ok = EVP_Digest(p, n, hash, &len, EVP_sha256(), nullptr);
    ::munmap(p, n);
  }
  if (!ok || len != 32) throw Error("internal error: OpenSSL could not hash " + path.string());
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : std::span(hash, len)) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace nbhd
