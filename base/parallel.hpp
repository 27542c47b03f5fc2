#pragma once
// Runs work(begin, end, thread_index) over [0, n) split into contiguous chunks on up to
// hardware_concurrency threads; the first exception thrown by any chunk is rethrown in the caller.
#include <cstddef>
#include <functional>

namespace nbhd {

size_t worker_count(size_t n, size_t min_per_thread = 256);

void parallel_for(size_t n, const std::function<void(size_t begin, size_t end, size_t thread)>& work,
                  size_t min_per_thread = 256);

}  // namespace nbhd
