#include "app/terminal_progress.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace nbhd::cli {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void on_sigint(int) { g_interrupted = 1; }
}  // namespace

void install_interrupt_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool interrupted() { return g_interrupted != 0; }

TerminalProgress::TerminalProgress(std::string label) : label_(std::move(label)), tty_(::isatty(2) == 1) {}

TerminalProgress::~TerminalProgress() {
  if (tty_ && last_percent_ >= 0) std::fprintf(stderr, "\r\033[K");
}

Progress TerminalProgress::callback() {
  return [this](double f, std::string_view stage) {
    if (interrupted()) return false;
    if (!tty_) return true;
    int pct = static_cast<int>(f * 100);
    if (pct == last_percent_ && stage == last_stage_) return true;
    last_percent_ = pct;
    last_stage_ = std::string(stage);
    std::fprintf(stderr, "\r\033[K%s: %.*s %3d%%", label_.c_str(), static_cast<int>(stage.size()), stage.data(), pct);
    std::fflush(stderr);
    return true;
  };
}

}  // namespace nbhd::cli
