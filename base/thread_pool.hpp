#pragma once
// The one thread pool of nbhd: process-wide worker threads, started on first use, that every parallel stage
// shares (ingest, proximity, tessellation, rasterising, PNG encoding) instead of starting its own threads.
//
// The thread that asks for parallel work always takes part: while it waits it runs its own tasks that no
// worker has started yet, and then waits only for tasks already running on other threads. So work nested
// inside pool work (a parallel_for inside a task) cannot deadlock, and a pool whose workers are all busy
// elsewhere still finishes the caller's work, on the caller.
//
// Exceptions: whatever a task throws (nbhd::Error, Cancelled, std::bad_alloc, anything else) is caught on
// the thread that ran it; the group then starts no more tasks and hands out no more chunks, and the first
// exception is re-thrown in the caller once every running task has returned. Nothing escapes a pool thread,
// so a worker's failure is the caller's one-line error, never std::terminate.
//
// Cancellation stays where it was: long tasks poll a SharedProgress (base/shared_progress.hpp) and return
// early once it is cancelled; the caller then calls throw_if_cancelled(). A progress callback that throws
// from a task is an exception like any other.
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>

namespace nbhd {

// Threads that run pool work at once, the caller included: std::thread::hardware_concurrency (at least 1).
// The default thread count of every stage.
unsigned pool_threads();

// Tasks of different kinds run on the pool, waited for together (a file reader and the workers that process
// what it has read; compressing and writing). Use it from one thread: the one that calls run() and wait().
class TaskGroup {
 public:
  TaskGroup() = default;
  // Starts no more of the group's tasks and waits for the running ones; their exceptions are dropped (call
  // wait() to see them). So the tasks may use anything that outlives the group.
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // Queues `task` on the pool (it may also run later on the thread that calls wait()).
  void run(std::function<void()> task);
  // Runs `task` on this thread now, as one of the group's: its exception is kept for wait() (and stops the
  // others), so the caller's own share of the work fails like any task's.
  void run_here(const std::function<void()>& task);
  // Runs the group's tasks that have not started on this thread, waits for the others, then re-throws the
  // first exception a task threw. The group can then be used again.
  void wait();
  // True when every task queued so far has returned (or was skipped): lets a frame loop poll a background
  // job without blocking, then call wait() for its exception.
  bool done() const;
  // True once a task has thrown: long tasks may poll it to return early.
  bool stopping() const;

  struct State;

 private:
  static std::shared_ptr<State> new_state();
  std::shared_ptr<State> state_ = new_state();
};

// Consecutive chunks [begin, end) of [0, n), handed out in increasing order to the members of one
// parallel_team, until all are out or a member has thrown.
class ChunkQueue {
 public:
  struct Chunk {
    size_t begin = 0, end = 0;
    explicit operator bool() const { return begin < end; }
  };
  ChunkQueue(size_t n, size_t grain, const TaskGroup& group)
      : n_(n), grain_(grain ? grain : 1), group_(group) {}
  // The next chunk, or an empty one when there is none left (or the work is stopping).
  Chunk next();

 private:
  size_t n_, grain_;
  std::atomic<size_t> next_{0};
  const TaskGroup& group_;
};

// Runs member(chunks) on up to `threads` threads at once (0 = pool_threads(); the caller is one of them),
// each member taking chunks of `grain` items of [0, n) from `chunks` until none is left. Per-member state
// (a GEOS context, an OGR transform) lives on the member's stack. Which member gets which chunk varies from
// run to run: results must depend only on the chunk. Re-throws the first exception a member threw.
void parallel_team(size_t n, size_t grain, unsigned threads,
                   const std::function<void(ChunkQueue& chunks)>& member);

// The common case: body(begin, end) for every chunk of `grain` items of [0, n), on up to `threads` threads
// (0 = pool_threads()). With one thread (or one chunk) it runs on the caller, chunk by chunk, in order.
void parallel_for(size_t n, size_t grain, unsigned threads,
                  const std::function<void(size_t begin, size_t end)>& body);

}  // namespace nbhd
