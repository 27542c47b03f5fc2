#pragma once
// NBHD_SANITIZED_HEAP: defined when a sanitizer replaces the allocator (ASan, MSan, TSan), where the heap
// policies of app/ (heap_reserve, exit_release) step aside: mallopt means nothing to those allocators, and
// leak checking must see every allocation freed.
#if defined(__SANITIZE_ADDRESS__)
#define NBHD_SANITIZED_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define NBHD_SANITIZED_HEAP 1
#endif
#endif
