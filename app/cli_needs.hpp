#pragma once
// How the CLI lets a user give what a library error asks for (nbhd::Need): its flag. The library's message
// says what to give in words; run_cli appends the flag, e.g. "...; name the key field (--key)".
#include <string>

#include "base/error.hpp"

namespace nbhd::cli {

// " (--flag ...)" for errors that a flag mends, "" for the rest.
std::string flag_hint(Need need);

}  // namespace nbhd::cli
