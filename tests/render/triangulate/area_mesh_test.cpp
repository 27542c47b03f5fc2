// build_area_mesh over threads: the same mesh as one thread, and a failure inside a worker (a progress
// callback that throws, no memory) reaches the caller instead of terminating the process.
#include "render/triangulate/area_mesh.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <new>

#include "base/error.hpp"
#include "render/worker_grid.hpp"

namespace nbhd {
namespace {

TEST(AreaMesh, ThreadsGiveTheSerialMesh) {
  const auto geoms = test::worker_grid();
  const Point o = centre_of(geoms);
  AreaMesh serial = build_area_mesh(geoms, o, true, 1);
  for (unsigned threads : {2u, 3u, 0u}) {
    AreaMesh m = build_area_mesh(geoms, o, true, threads);
    EXPECT_EQ(m.areas, geoms.size());
    EXPECT_EQ(m.xy, serial.xy) << threads;
    EXPECT_EQ(m.vertex_area, serial.vertex_area) << threads;
    EXPECT_EQ(m.indices, serial.indices) << threads;
    EXPECT_EQ(m.segments, serial.segments) << threads;
    EXPECT_EQ(m.segment_start, serial.segment_start) << threads;
  }
  // Every edge of every ring (32 outer, 4 for each of the 240 holes), and every area filled.
  EXPECT_EQ(serial.segment_count(), 32u * geoms.size() + 4u * 240);
  EXPECT_GE(serial.triangles(), 2u * geoms.size());
}

// The first call is the caller's report(0); every later one comes from the workers' polls.
template <class E>
void expect_worker_failure_reaches_caller(E thrown) {
  const auto geoms = test::worker_grid();
  std::atomic<int> calls{0};
  Progress fails_in_workers = [&](double, std::string_view) -> bool {
    if (calls++ > 0) throw thrown;
    return true;
  };
  EXPECT_THROW(build_area_mesh(geoms, centre_of(geoms), true, 2, fails_in_workers), E);
  EXPECT_GE(calls.load(), 2);
}

// Before the one pool, these threw out of a std::thread and the process called std::terminate.
TEST(AreaMesh, ACancelThrownInAWorkerReachesTheCaller) {
  expect_worker_failure_reaches_caller(Cancelled());
}

TEST(AreaMesh, OutOfMemoryInAWorkerReachesTheCaller) {
  expect_worker_failure_reaches_caller(std::bad_alloc());
}

TEST(AreaMesh, ACancelAskedInAWorkerThrowsCancelled) {
  const auto geoms = test::worker_grid();
  std::atomic<int> calls{0};
  Progress stop = [&](double, std::string_view) { return calls++ == 0; };
  EXPECT_THROW(build_area_mesh(geoms, centre_of(geoms), true, 2, stop), Cancelled);
}

}  // namespace
}  // namespace nbhd
