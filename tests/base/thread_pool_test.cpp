// The one thread pool: exceptions from tasks reach the caller, the rest of the work stops, nested use does
// not deadlock, and parallel results equal a serial run.
#include "base/thread_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <new>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

#include "base/error.hpp"

namespace nbhd {
namespace {

// Enough work per item that every pool thread gets some.
double slow_value(size_t i) {
  double x = double(i);
  for (int k = 0; k < 2000; ++k) x = std::sqrt(x * x + double(k));
  return x;
}

TEST(ThreadPool, ParallelForEqualsASerialRun) {
  const size_t n = 20000;
  std::vector<double> serial(n), parallel(n);
  parallel_for(n, 64, 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) serial[i] = slow_value(i);
  });
  parallel_for(n, 64, 0, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) parallel[i] = slow_value(i);
  });
  EXPECT_EQ(serial, parallel);
}

TEST(ThreadPool, EveryItemIsVisitedExactlyOnceInChunksOfTheGrain) {
  const size_t n = 10007;
  std::vector<std::atomic<int>> seen(n);
  std::atomic<size_t> chunks{0};
  parallel_for(n, 100, 8, [&](size_t b, size_t e) {
    EXPECT_EQ(b % 100, 0u);
    EXPECT_EQ(e, std::min(n, b + 100));
    ++chunks;
    for (size_t i = b; i < e; ++i) ++seen[i];
  });
  EXPECT_EQ(chunks.load(), 101u);
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i].load(), 1) << i;
}

TEST(ThreadPool, UsesMoreThanOneThreadWhenTheMachineHasThem) {
  if (pool_threads() < 2) GTEST_SKIP() << "one core: nothing to share";
  std::mutex mu;
  std::set<std::thread::id> ids;
  parallel_for(64, 1, 0, [&](size_t, size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    ids.insert(std::this_thread::get_id());
  });
  EXPECT_GE(ids.size(), 2u);
  EXPECT_EQ(ids.count(std::this_thread::get_id()), 1u) << "the caller takes part";
}

TEST(ThreadPool, OneThreadRunsOnTheCallerInOrder) {
  std::vector<size_t> order;
  parallel_for(10, 3, 1, [&](size_t b, size_t) {
    EXPECT_EQ(std::this_thread::get_id(), std::this_thread::get_id());
    order.push_back(b);
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 3, 6, 9}));
}

// A chunk in the middle throws: the caller gets that exception, and chunks not yet handed out never run.
template <class E>
void expect_rethrown_and_stopped(E thrown) {
  const size_t n = 100000;
  std::atomic<size_t> ran{0};
  bool caught = false;
  try {
    parallel_for(n, 10, 0, [&](size_t b, size_t) {
      ran.fetch_add(1);
      if (b == 200) throw thrown;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    });
  } catch (const E&) {
    caught = true;
  }
  EXPECT_TRUE(caught);
  // 21 chunks before the throw, plus what the other threads take while the throwing one unwinds to the
  // point where it stops the hand-out: one chunk each normally, a few (200 us each) under ASan, where
  // throwing is slow (25 measured against 24 allowed). Of the 10,000 chunks, nothing like the rest runs.
  EXPECT_LE(ran.load(), 21u + 8 * (pool_threads() + 1)) << "work went on after a chunk threw";
}

TEST(ThreadPool, AnErrorInATaskIsRethrownInTheCallerAndStopsTheRest) {
  expect_rethrown_and_stopped(Error("the area file is unreadable"));
}

TEST(ThreadPool, BadAllocInATaskIsRethrownInTheCaller) {
  expect_rethrown_and_stopped(std::bad_alloc());
}

TEST(ThreadPool, CancelledInATaskIsRethrownInTheCaller) {
  expect_rethrown_and_stopped(Cancelled());
}

TEST(ThreadPool, AnyExceptionTypeIsRethrown) {
  expect_rethrown_and_stopped(42);
}

TEST(ThreadPool, TheFirstExceptionWinsAndItsMessageIsKept) {
  try {
    parallel_for(1000, 1, 0, [&](size_t b, size_t) {
      if (b == 3) throw Error("chunk 3 failed");
    });
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "chunk 3 failed");
  }
}

TEST(ThreadPool, NestedParallelForDoesNotDeadlock) {
  // Every outer chunk runs an inner parallel_for: more inner work than pool threads, all of it waiting.
  const size_t outer = 4 * pool_threads() + 3, inner = 500;
  std::vector<std::vector<double>> got(outer, std::vector<double>(inner));
  parallel_for(outer, 1, 0, [&](size_t ob, size_t) {
    parallel_for(inner, 10, 0, [&](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) got[ob][i] = slow_value(ob * inner + i);
      parallel_for(3, 1, 0, [](size_t, size_t) {});  // and a third level
    });
  });
  for (size_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < inner; ++i) ASSERT_EQ(got[o][i], slow_value(o * inner + i));
}

TEST(ThreadPool, ANestedExceptionReachesTheOutermostCaller) {
  EXPECT_THROW(parallel_for(8, 1, 0,
                            [&](size_t ob, size_t) {
                              parallel_for(100, 1, 0, [&](size_t b, size_t) {
                                if (ob == 5 && b == 50) throw std::bad_alloc();
                              });
                            }),
               std::bad_alloc);
}

TEST(ThreadPool, TaskGroupRunsHeterogeneousTasksWithTheCaller) {
  // A reader on the caller publishes items; workers process them as they arrive (the ingest pattern).
  const size_t n = 5000;
  std::vector<double> out(n);
  std::atomic<size_t> published{0}, next{0};
  std::atomic<bool> done_reading{false};
  auto worker = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      while (i >= published.load() && !done_reading.load()) std::this_thread::yield();
      if (i >= published.load()) return;
      out[i] = slow_value(i);
    }
  };
  TaskGroup group;
  for (unsigned t = 0; t < std::max(1u, pool_threads() - 1); ++t) group.run(worker);
  for (size_t i = 0; i < n; ++i) published.store(i + 1);
  done_reading.store(true);
  group.run_here(worker);
  group.wait();
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], slow_value(i));
  EXPECT_TRUE(group.done());
}

TEST(ThreadPool, TaskGroupRethrowsAndSkipsTasksNotStarted) {
  TaskGroup group;
  std::atomic<int> ran{0};
  group.run([] { throw std::bad_alloc(); });
  // Wait until the failure is recorded, so the tasks queued after it are skipped rather than raced.
  while (!group.stopping() && !group.done()) std::this_thread::yield();
  for (int i = 0; i < 50; ++i) group.run([&] { ++ran; });
  EXPECT_THROW(group.wait(), std::bad_alloc);
  EXPECT_LE(ran.load(), 0);
  // The group can be used again once waited for.
  group.run([&] { ++ran; });
  group.wait();
  EXPECT_EQ(ran.load(), 1);
}

TEST(ThreadPool, ABackgroundJobIsPolledWithoutBlocking) {
  TaskGroup job;
  std::atomic<bool> release{false};
  int result = 0;
  job.run([&] {
    while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    result = 7;
  });
  // The frame loop polls; the job runs on a pool worker meanwhile (the pool has one even on one core).
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(job.done());
  release.store(true);
  while (!job.done()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  job.wait();
  EXPECT_EQ(result, 7);
}

TEST(ThreadPool, ADestroyedGroupWaitsForItsRunningTasks) {
  std::atomic<int> finished{0};
  {
    TaskGroup group;
    for (int i = 0; i < 4; ++i)
      group.run([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++finished;
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }  // no wait(): the destructor skips what has not started and waits for the rest
  int after = finished.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(finished.load(), after) << "a task ran after its group was destroyed";
}

}  // namespace
}  // namespace nbhd
