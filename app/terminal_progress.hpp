#pragma once
// A progress line on stderr for long CLI work ("loading lsoa21.gpkg: reading features  45%"), shown only
// when stderr is a terminal so logs and pipes stay clean. SIGINT (Ctrl-C) cancels through the callback.
#include <string>

#include "base/progress.hpp"

namespace nbhd::cli {

class TerminalProgress {
 public:
  explicit TerminalProgress(std::string label);
  ~TerminalProgress();  // clears the line
  Progress callback();

 private:
  std::string label_;
  bool tty_;
  int last_percent_ = -1;
  std::string last_stage_;
};

// Installs a SIGINT handler that makes every TerminalProgress callback ask to cancel, so Ctrl-C during a
// load or export ends with "cancelled" and no partial file rather than an abrupt kill.
void install_interrupt_handler();
bool interrupted();

}  // namespace nbhd::cli
