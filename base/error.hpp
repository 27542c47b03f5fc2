#pragma once
// The one error family of nbhd. Every message names the file/layer/column involved and what the user
// can do next; the CLI prints what() on one line and exits 2.
#include <stdexcept>
#include <string>

namespace nbhd {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Raised when a long operation is cancelled through its progress callback.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

// Bad command-line usage (unknown option, missing argument). The CLI adds "see --help".
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace nbhd
