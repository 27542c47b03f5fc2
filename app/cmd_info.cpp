#include "app/commands.hpp"
#include "geo/error.hpp"

namespace nbhd::cli {
int cmd_info(const std::vector<std::string>&) { throw Error("info: being implemented"); }
}  // namespace nbhd::cli
