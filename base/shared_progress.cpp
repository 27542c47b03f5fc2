#include "base/shared_progress.hpp"

#include "base/error.hpp"

namespace nbhd {

bool SharedProgress::poll(double fraction) {
  if (cancelled()) return false;
  if (!cb_) return true;
  std::unique_lock lock(mu_, std::try_to_lock);
  if (lock.owns_lock() && !cb_(fraction, stage_)) stop_.store(true, std::memory_order_relaxed);
  return !cancelled();
}

void SharedProgress::throw_if_cancelled() const {
  if (cancelled()) throw Cancelled();
}

}  // namespace nbhd
