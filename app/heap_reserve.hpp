#pragma once
// Process-wide heap policy for bulk loads.
#include <cstddef>

namespace nbhd::cli {

// Reserves `bytes` at the base of the malloc heap advised for transparent huge pages, and keeps freed memory
// in the process instead of returning it. Why: loading a national layer allocates ~60 MB in small pieces,
// and on virtual machines each fresh 4 KiB page costs a fault of ~10-15 us; with 2 MiB pages the faults
// fall from ~14,600 to ~2,500 and the load takes ~30% less time (bench/bench_ingest). Nothing is touched
// here, so RSS grows only as memory is used. A no-op under sanitizers (their allocator ignores mallopt)
// and where the kernel has huge pages off. Call once, first thing in main(), before other threads start.
//
// Arenas: `one_arena` keeps every thread on that heap (the viewer: its loader, pool, UI and llvmpipe
// threads tessellate and upload gigabytes at (a)'s scale, where the huge pages matter most: the first exact
// frame of 10.2 M vertices 8.5 s against 10.0 s with an arena per core). Otherwise an arena per core (the
// one-shot commands: a reader and the geometry workers taking turns on one arena's lock cost more than the
// huge pages saved: a render of 184,833 output areas 0.60 s against 0.76 s).
void reserve_heap_in_huge_pages(bool one_arena, size_t bytes = size_t{256} << 20);

}  // namespace nbhd::cli
