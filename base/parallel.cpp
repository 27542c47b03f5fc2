#include "base/parallel.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nbhd {

size_t worker_count(size_t n, size_t min_per_thread) {
  size_t hw = std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(1, std::min(hw, n / std::max<size_t>(1, min_per_thread)));
}

void parallel_for(size_t n, const std::function<void(size_t, size_t, size_t)>& work, size_t min_per_thread) {
  const size_t k = worker_count(n, min_per_thread);
  if (k <= 1) {
    work(0, n, 0);
    return;
  }
  std::exception_ptr first;
  std::mutex mu;
  std::vector<std::thread> threads;
  threads.reserve(k);
  for (size_t t = 0; t < k; ++t) {
    size_t b = n * t / k, e = n * (t + 1) / k;
    threads.emplace_back([&, b, e, t] {
      try {
        work(b, e, t);
      } catch (...) {
        std::lock_guard lock(mu);
        if (!first) first = std::current_exception();
      }
    });
  }
  for (auto& th : threads) th.join();
  if (first) std::rethrow_exception(first);
}

}  // namespace nbhd
