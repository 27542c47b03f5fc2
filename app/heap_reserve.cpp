#include "app/heap_reserve.hpp"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <thread>

#include "app/sanitized_heap.hpp"

namespace nbhd::cli {

void reserve_heap_in_huge_pages(bool one_arena, size_t bytes) {
#ifndef NBHD_SANITIZED_HEAP
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  // Allocations up to 512 MiB (the reserve included) come from the heap, so from the advised range, and a
  // free at the top of the heap never hands the range back to the kernel, which would drop the advice.
  mallopt(M_MMAP_THRESHOLD, 512 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_ARENA_MAX, one_arena ? 1 : int(std::max(1u, std::thread::hardware_concurrency())));
  void* block = std::malloc(bytes);  // extends the heap; the pages are not touched
  if (!block) return;
  const auto p = reinterpret_cast<uintptr_t>(block);
  const uintptr_t first = (p + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t last = (p + bytes) & ~(kHuge - 1);
  if (last > first)
    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // advice only: errors are harmless
  std::free(block);
#else
  (void)one_arena;
  (void)bytes;
#endif
}

}  // namespace nbhd::cli
