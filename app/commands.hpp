#pragma once
// The subcommands. Each lives in its own cmd_<name>.cpp, takes the arguments after its name, prints its
// own --help, and returns the exit status (0 ok, 2 error). Errors are thrown as nbhd::Error and printed
// by run_cli on one line.
#include <string>
#include <vector>

namespace nbhd::cli {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& commands();

// Entry point shared by main() and tests: dispatches, catches nbhd::Error (exit 2) and prints one line.
int run_cli(int argc, char** argv);

// Subcommands (one file each).
int cmd_info(const std::vector<std::string>& args);
int cmd_join(const std::vector<std::string>& args);
int cmd_assets(const std::vector<std::string>& args);
int cmd_demo(const std::vector<std::string>& args);
int cmd_classify(const std::vector<std::string>& args);
int cmd_aggregate(const std::vector<std::string>& args);
int cmd_flag(const std::vector<std::string>& args);
int cmd_rank(const std::vector<std::string>& args);
int cmd_convert(const std::vector<std::string>& args);
int cmd_change(const std::vector<std::string>& args);
int cmd_summarise(const std::vector<std::string>& args);
int cmd_weights(const std::vector<std::string>& args);
int cmd_lisa(const std::vector<std::string>& args);
int cmd_render(const std::vector<std::string>& args);
int cmd_atlas(const std::vector<std::string>& args);
int cmd_view(const std::vector<std::string>& args);
int cmd_brief(const std::vector<std::string>& args);

}  // namespace nbhd::cli
