#pragma once
// Command-line parsing shared by every subcommand: "--name value", "--name=value", flags, repeated
// options, positionals, "-o" as --output. Unknown options are a UsageError naming the option.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nbhd::cli {

struct OptionSpec {
  std::string name;  // long name without "--"
  bool takes_value = true;
  char short_name = 0;  // e.g. 'o'
};

class Args {
 public:
  Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& spec);

  bool flag(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  const std::vector<std::string>& all(const std::string& name) const;
  // Integer/real option; UsageError when not a number.
  std::optional<double> number(const std::string& name) const;
  const std::vector<std::string>& positional() const { return pos_; }
  // The n-th positional; UsageError naming `what` when absent.
  const std::string& require_positional(size_t n, const std::string& what) const;
  const std::string& require(const std::string& name) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> pos_;
};

// The items of repeated comma-separated options ("--area A,B --area C" -> A, B, C); empty items dropped.
std::vector<std::string> comma_items(const std::vector<std::string>& values);

}  // namespace nbhd::cli
