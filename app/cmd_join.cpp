#include "app/commands.hpp"
#include "geo/error.hpp"

namespace nbhd::cli {
int cmd_join(const std::vector<std::string>&) { throw Error("join: being implemented"); }
}  // namespace nbhd::cli
