#include "app/commands.hpp"
#include "geo/error.hpp"

namespace nbhd::cli {
int cmd_demo(const std::vector<std::string>&) { throw Error("demo: being implemented"); }
}  // namespace nbhd::cli
