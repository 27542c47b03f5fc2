#pragma once
// Starting nbhd without waiting for it, so a test can signal it mid-work (Ctrl-C, SIGKILL) and then check
// what it left on disk. Header-only: used by the bad-input and atomic-output tests.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/test_data.hpp"

extern char** environ;

namespace nbhd::test {

class Child {
 public:
  // Runs the nbhd binary with `args` (no shell), stdin from /dev/null, stdout/stderr into files in `dir`.
  Child(const std::vector<std::string>& args, const std::filesystem::path& dir)
      : out_(dir / "child.stdout"), err_(dir / "child.stderr") {
    std::vector<std::string> argv_s = {nbhd_binary()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
  }
  ~Child() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool started() const { return pid_ > 0; }
  bool running() {
    if (waited_) return false;
    int st = 0;
    pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      waited_ = true;
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      return false;
    }
    return true;
  }
  void signal(int sig) { ::kill(pid_, sig); }
  // Exit status as run_nbhd gives it: the code, or 128 + the signal that ended it.
  int wait() {
    if (!waited_) {
      int st = 0;
      while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
      }
      waited_ = true;
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    return status_;
  }
  std::string err() const { return slurp(err_); }
  std::string out() const { return slurp(out_); }

 private:
  static std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  bool waited_ = false;
  int status_ = -1;
};

// Polls `done` every millisecond until it is true or `limit` passes; returns its last value.
inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return done();
}

// The first file in `dir` whose name contains ".tmp-" and does not end with a SQLite sidecar suffix, or "".
inline std::filesystem::path find_temporary(const std::filesystem::path& dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string n = it->path().filename().string();
    if (n.find(".tmp-") != std::string::npos && n.find("-journal") == std::string::npos &&
        n.find("-wal") == std::string::npos && n.find("-shm") == std::string::npos)
      return it->path();
  }
  return {};
}

// Every file name in `dir` holding ".tmp-" (temporaries and their sidecars).
inline std::vector<std::string> temporaries_in(const std::filesystem::path& dir) {
  std::vector<std::string> v;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().find(".tmp-") != std::string::npos)
      v.push_back(it->path().filename().string());
  return v;
}

}  // namespace nbhd::test
