#include "base/thread_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace nbhd {

namespace {
struct Task;
}

struct TaskGroup::State {
  std::mutex mu;
  std::vector<std::shared_ptr<Task>> queued;  // what wait() may still have to run itself
  std::condition_variable cv;
  size_t unfinished = 0;  // queued or running
  std::exception_ptr error;
  std::atomic<bool> stop{false};

  void fail(std::exception_ptr e) {
    std::lock_guard lock(mu);
    if (!error) error = std::move(e);
    stop.store(true);
  }
};

namespace {

// One queued task. Whoever claims it first (a worker, or the group's caller in wait()) runs it.
struct Task {
  std::function<void()> fn;
  std::shared_ptr<TaskGroup::State> group;  // keeps the state alive until the task has reported back
  std::atomic<bool> claimed{false};

  bool claim() {
    bool expected = false;
    return claimed.compare_exchange_strong(expected, true);
  }
  void execute() {
    TaskGroup::State& g = *group;
    if (!g.stop.load()) {
      try {
        fn();
      } catch (...) {
        g.fail(std::current_exception());
      }
    }
    fn = nullptr;  // release what the task captured before the caller is told it has finished
    std::lock_guard lock(g.mu);
    if (--g.unfinished == 0) g.cv.notify_all();
  }
};

class Pool {
 public:
  static Pool& get() {
    static Pool pool;
    return pool;
  }
  ~Pool() {
    {
      std::lock_guard lock(mu_);
      quit_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void submit(std::shared_ptr<Task> t) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(t));
    }
    cv_.notify_one();
  }

 private:
  Pool() {
    // One fewer than the cores (the caller is the last one), but at least one, so a background job queued
    // from the frame loop runs even on one core. A worker that cannot be started (no memory for its stack)
    // leaves fewer: the callers run the rest.
    const unsigned workers = std::max(1u, pool_threads() - 1);
    for (unsigned i = 0; i < workers; ++i) {
      try {
        threads_.emplace_back([this] { loop(); });
      } catch (const std::system_error&) {
        break;
      }
    }
  }
  void loop() {
    for (;;) {
      std::shared_ptr<Task> t;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return quit_ || !queue_.empty(); });
        if (queue_.empty()) return;
        t = std::move(queue_.front());
        queue_.pop_front();
      }
      if (t->claim()) t->execute();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Task>> queue_;  // may hold tasks their caller has already run (claimed)
  std::vector<std::thread> threads_;
  bool quit_ = false;
};

}  // namespace

unsigned pool_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

std::shared_ptr<TaskGroup::State> TaskGroup::new_state() {
  return std::make_shared<State>();
}

TaskGroup::~TaskGroup() {
  state_->stop.store(true);
  try {
    wait();
  } catch (...) {  // dropped, as documented: the owner did not ask for it
  }
}

void TaskGroup::run(std::function<void()> task) {
  auto t = std::make_shared<Task>();
  t->fn = std::move(task);
  t->group = state_;
  {
    std::lock_guard lock(state_->mu);
    ++state_->unfinished;
    state_->queued.push_back(t);
  }
  Pool::get().submit(std::move(t));
}

void TaskGroup::run_here(const std::function<void()>& task) {
  if (stopping()) return;
  try {
    task();
  } catch (...) {
    state_->fail(std::current_exception());
  }
}

void TaskGroup::wait() {
  // Run this group's unstarted tasks here, oldest first, then wait for the ones running elsewhere.
  std::vector<std::shared_ptr<Task>> mine;
  {
    std::lock_guard lock(state_->mu);
    mine.swap(state_->queued);  // also breaks the task -> group -> task reference cycle
  }
  for (auto& t : mine)
    if (t->claim()) t->execute();
  std::unique_lock lock(state_->mu);
  state_->cv.wait(lock, [&] { return state_->unfinished == 0; });
  std::exception_ptr e = std::exchange(state_->error, nullptr);
  state_->stop.store(false);
  if (e) std::rethrow_exception(e);
}

bool TaskGroup::done() const {
  std::lock_guard lock(state_->mu);
  return state_->unfinished == 0;
}

bool TaskGroup::stopping() const {
  return state_->stop.load(std::memory_order_relaxed);
}

ChunkQueue::Chunk ChunkQueue::next() {
  if (group_.stopping()) return {};
  size_t c = next_.fetch_add(1, std::memory_order_relaxed);
  if (c >= (n_ + grain_ - 1) / grain_) return {};
  return {c * grain_, std::min(n_, (c + 1) * grain_)};
}

void parallel_team(size_t n, size_t grain, unsigned threads, const std::function<void(ChunkQueue&)>& member) {
  if (n == 0) return;
  grain = std::max<size_t>(1, grain);
  const size_t chunks = (n + grain - 1) / grain;
  const size_t members = std::min<size_t>({threads ? threads : pool_threads(), pool_threads(), chunks});
  TaskGroup group;
  ChunkQueue queue(n, grain, group);
  try {
    for (size_t m = 1; m < members; ++m) group.run([&] { member(queue); });
  } catch (...) {  // no memory to queue a member: fail like a task, so wait() still waits for those queued
    group.run_here([e = std::current_exception()] { std::rethrow_exception(e); });
  }
  group.run_here([&] { member(queue); });
  group.wait();
}

void parallel_for(size_t n, size_t grain, unsigned threads, const std::function<void(size_t, size_t)>& body) {
  grain = std::max<size_t>(1, grain);
  if (threads == 1 || n <= grain) {
    for (size_t b = 0; b < n; b += grain) body(b, std::min(n, b + grain));
    return;
  }
  parallel_team(n, grain, threads, [&](ChunkQueue& chunks) {
    while (auto c = chunks.next()) body(c.begin, c.end);
  });
}

}  // namespace nbhd
