#include "app/exit_release.hpp"

#include <mutex>
#include <vector>

#include "app/sanitized_heap.hpp"

namespace nbhd::cli {

void keep_until_exit(std::shared_ptr<void> kept) {
#ifndef NBHD_SANITIZED_HEAP
  // Never destroyed: a static object's destructor would free it all at exit, the very cost avoided here.
  static auto* held = new std::vector<std::shared_ptr<void>>;
  static std::mutex m;
  std::lock_guard lock(m);
  held->push_back(std::move(kept));
#else
  kept.reset();
#endif
}

}  // namespace nbhd::cli
