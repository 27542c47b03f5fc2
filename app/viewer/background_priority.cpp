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
  // On Linux nice is per thread: PRIO_PROCESS with a thread id changes only that thread.
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  (void)setpriority(PRIO_PROCESS, tid, 10);
#endif
}

}  // namespace nbhd::view
