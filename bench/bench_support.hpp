#pragma once
// What the in-process benchmarks share: where the shared data is, and the best of N wall-clock runs.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

namespace nbhd::bench {

// The shared data folder: argv[1], else $NBHD_SHARED_DATA, else ../shared/data seen from the build folder or
// below it; empty when none exists (the benchmark then says so or uses synthetic data).
inline std::filesystem::path find_data(int argc, char** argv) {
  if (argc > 1) return argv[1];
  if (const char* e = std::getenv("NBHD_SHARED_DATA"); e && *e) return e;
  for (const char* p : {"../shared/data", "../../shared/data", "../../../shared/data"})
    if (std::filesystem::is_directory(p)) return p;
  return {};
}

// The fastest of `reps` runs of f, in milliseconds of wall time (the least disturbed by other processes).
template <class F>
double best_ms(int reps, F&& f) {
  double best = 1e300;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best,
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace nbhd::bench
