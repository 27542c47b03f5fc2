#pragma once
// Process-wide heap policy for bulk loads.
#include <cstddef>

namespace nbhd::cli {

// Reserves `bytes` at the base of the malloc heap advised for transparent huge pages, and keeps freed memory
// in the process instead of returning it. Why: loading a national layer allocates ~60 MB in small pieces,
// and on virtual machines each fresh 4 KiB page costs a fault of ~10-15 us; with 2 MiB pages the faults
// fall from ~14,600 to ~2,500 and the load takes ~30% less time (bench/bench_ingest). Threads allocate from
// an arena per core, not all from that heap: a single arena's lock cost more than the huge pages saved.
// Nothing is touched here, so RSS grows only as memory is used. A no-op under sanitizers (their allocator
// ignores mallopt) and where the kernel has huge pages off. Call once, first thing in main(), before other
// threads start.
void reserve_heap_in_huge_pages(size_t bytes = size_t{256} << 20);

}  // namespace nbhd::cli
