// LD_PRELOAD shim for the out-of-memory tests: malloc fails (returns null, so operator new throws
// std::bad_alloc) for every request of at least $NBHD_FAIL_ALLOC_BYTES made on a thread other than the
// main one. So "a worker runs out of memory" happens deterministically, wherever that worker's first big
// allocation is (a rasteriser band's scratch, a mesh range), while the main thread loads and reports as
// usual. Not built under the sanitizers, whose runtimes must own malloc.
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>

extern "C" void* __libc_malloc(size_t n);

namespace {
size_t fail_from() {
  static const size_t bytes = [] {
    const char* v = std::getenv("NBHD_FAIL_ALLOC_BYTES");
    return v ? std::strtoull(v, nullptr, 10) : 0;
  }();
  return bytes;
}
}  // namespace

extern "C" void* malloc(size_t n) noexcept {
  const size_t limit = fail_from();
  if (limit > 0 && n >= limit && gettid() != getpid()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_malloc(n);
}
