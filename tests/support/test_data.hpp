#pragma once
// Where tests find real data and scratch space, and how they read an error's message.
#include <filesystem>
#include <functional>
#include <string>

#include "base/error.hpp"

namespace nbhd::test {

// ../shared/data beside the checkout, or $NBHD_SHARED_DATA. Empty path when absent.
std::filesystem::path shared_data();

// Skips the current test with a clear message when the shared data (or the named file in it) is absent.
#define NBHD_REQUIRE_SHARED(rel)                                                         \
  do {                                                                                   \
    if (::nbhd::test::shared_data().empty() ||                                           \
        !std::filesystem::exists(::nbhd::test::shared_data() / (rel)))                   \
      GTEST_SKIP() << "shared data not found (" << (rel)                                 \
                   << "): set NBHD_SHARED_DATA or place it at ../shared/data; skipping"; \
  } while (0)

// A fresh, empty folder for this test under the build folder (or $TMPDIR).
std::filesystem::path scratch_dir();

// The demo dataset, generated once per test process into the build folder.
std::filesystem::path demo_dir();

// Paths into the build folder. Only tests/support/build_paths.cpp is compiled with them, so every other test
// source compiles to the same command line in every build folder, and CI's sanitizer build takes the test
// objects from ccache after the plain build (tests/CMakeLists.txt).
const char* nbhd_binary();
// The allocation-failure shim (tests/support/fail_alloc.cpp); "" in builds without one (the sanitizers').
const char* fail_alloc_library();
// The XDND drop helper (tests/support/xdnd_drop.cpp); "" when built without X11's development files.
const char* xdnd_drop_binary();

// Runs the nbhd binary with arguments (shell-quoted by the caller), returns exit status; stdout/stderr
// captured into out/err.
int run_nbhd(const std::string& args, std::string* out = nullptr, std::string* err = nullptr);

// The whole content of a file ("" when it cannot be read).
std::string read_file(const std::filesystem::path& p);

// The message of the nbhd::Error that f throws, or "(no error)": tests assert exact messages.
std::string message_of(const std::function<void()>& f);

// The Need of the nbhd::Error that f throws (what a front end asks the user for), or Need::None.
Need need_of(const std::function<void()>& f);

}  // namespace nbhd::test
