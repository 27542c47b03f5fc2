#include "support/test_data.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>

#include <sstream>
#include "base/error.hpp"

namespace fs = std::filesystem;

namespace nbhd::test {

fs::path shared_data() {
  if (const char* env = std::getenv("NBHD_SHARED_DATA"); env && *env) {
    if (fs::is_directory(env)) return fs::path(env);
    return {};
  }
  for (fs::path p : {fs::path(NBHD_SOURCE_DIR) / ".." / "shared" / "data", fs::path("../shared/data")})
    if (fs::is_directory(p)) return fs::canonical(p);
  return {};
}

static fs::path tmp_root() {
  if (const char* env = std::getenv("NBHD_TEST_TMP"); env && *env) return env;
  if (const char* env = std::getenv("TMPDIR"); env && *env) return fs::path(env) / "nbhd-test";
  return fs::temp_directory_path() / "nbhd-test";
}

fs::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "misc";
  for (auto& ch : name)
    if (ch == '/') ch = '_';
  fs::path p = tmp_root() / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

static std::string read_all(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

int run_nbhd(const std::string& args, std::string* out, std::string* err) {
  static std::mutex mu;
  static int counter = 0;
  fs::path dir = tmp_root() / "run";
  fs::create_directories(dir);
  int n;
  {
    std::lock_guard lock(mu);
    n = ++counter;
  }
  fs::path o = dir / ("out" + std::to_string(::getpid()) + "_" + std::to_string(n));
  fs::path e = dir / ("err" + std::to_string(::getpid()) + "_" + std::to_string(n));
  std::string cmd = std::string("'") + nbhd_binary() + "' " + args + " >'" + o.string() + "' 2>'" + e.string() +
                    "' </dev/null";
  int status = std::system(cmd.c_str());
  if (out) *out = read_all(o);
  if (err) *err = read_all(e);
  fs::remove(o);
  fs::remove(e);
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

fs::path demo_dir() {
  static std::once_flag once;
  static fs::path dir;
  std::call_once(once, [] {
    dir = tmp_root() / ("demo-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    std::string err;
    int rc = run_nbhd("demo -o '" + dir.string() + "'", nullptr, &err);
    if (rc != 0) throw std::runtime_error("nbhd demo failed: " + err);
  });
  return dir;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const nbhd::Error& e) {
    return e.what();
  }
  return "(no error)";
}

Need need_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const nbhd::Error& e) {
    return e.need();
  }
  return Need::None;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), {});
}

}  // namespace nbhd::test
