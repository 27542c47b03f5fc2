#pragma once
// Background jobs of the viewer (the Statistics window's LISA, the Gaps panel's job) must not take the
// frame's core: on a 2-core machine a job on both cores stretched the longest gap between two frames to
// 214-244 ms. A job therefore
// runs on one thread fewer than the cores (job_threads) and lowers its own thread's scheduling priority
// (lower_this_thread_priority), so the UI thread is scheduled first when both want a core.

namespace nbhd::view {

// Threads a background job may use for its parallel stages: one fewer than the cores, at least one.
unsigned job_threads();

// Lowers the calling thread's priority (Linux: nice 5 for this thread only, by its thread id). A thread
// cannot raise it again without privileges, so call it only on a thread that ends with its job (std::async).
// Best effort: does nothing where the system refuses or has no per-thread nice.
void lower_this_thread_priority();

}  // namespace nbhd::view
