#include "app/viewer/background_priority.hpp"

#include <algorithm>

#include "base/thread_pool.hpp"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace nbhd::view {

unsigned job_threads() {
  return std::max(1u, pool_threads() - 1);
}

void lower_this_thread_priority() {
#ifdef __linux__
  // On Linux nice is per thread: PRIO_PROCESS with a thread id changes only that thread. Nice 5, not 10:
  // measured on national LSOAs (2 cores, Xvfb), both gave the frames about the same p95, but at 10 the
  // job got so little of a busy machine that a 1.3 s LISA took about 6 s (about 3 s at 5).
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  (void)setpriority(PRIO_PROCESS, tid, 5);
#endif
}

}  // namespace nbhd::view
