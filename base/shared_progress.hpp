#pragma once
// A Progress polled from several worker threads at once (rasterising bands, deflating PNG chunks,
// tessellating ranges). Callbacks are not thread-safe (the terminal bar keeps state), so poll() calls it
// from one thread at a time; a thread that finds another inside it goes on rather than wait. A request to
// stop is remembered, so every worker sees it at its next poll and returns early; the caller then calls
// throw_if_cancelled() in its own thread once the workers are joined (exceptions must not cross threads).
// Ctrl-C reaches the workers within one poll interval: poll at least every few milliseconds of work.
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

#include "base/progress.hpp"

namespace nbhd {

class SharedProgress {
 public:
  SharedProgress(const Progress& cb, std::string_view stage) : cb_(cb), stage_(stage) {}
  SharedProgress(const SharedProgress&) = delete;
  SharedProgress& operator=(const SharedProgress&) = delete;

  // false once the callback has asked to stop (in this call or an earlier one, on any thread).
  bool poll(double fraction);
  bool cancelled() const { return stop_.load(std::memory_order_relaxed); }
  // Throws nbhd::Cancelled if the callback asked to stop.
  void throw_if_cancelled() const;

 private:
  const Progress& cb_;
  std::string stage_;
  std::mutex mu_;
  std::atomic<bool> stop_{false};
};

}  // namespace nbhd
