#include "app/args.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "geo/model/table.hpp"

namespace nbhd::cli {

Args::Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& spec) {
  auto find_long = [&](const std::string& n) -> const OptionSpec* {
    for (const auto& s : spec)
      if (s.name == n) return &s;
    return nullptr;
  };
  auto find_short = [&](char c) -> const OptionSpec* {
    for (const auto& s : spec)
      if (s.short_name == c) return &s;
    return nullptr;
  };
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      pos_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    const OptionSpec* s = nullptr;
    std::optional<std::string> inline_value;
    std::string shown = a;
    if (a[1] == '-') {
      std::string name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
        shown = "--" + name;
      }
      s = find_long(name);
    } else if (a.size() == 2) {
      s = find_short(a[1]);
    }
    if (!s) throw UsageError("unknown option " + shown);
    if (!s->takes_value) {
      if (inline_value) throw UsageError("option --" + s->name + " takes no value");
      values_[s->name].push_back("");
      continue;
    }
    if (inline_value) {
      values_[s->name].push_back(*inline_value);
    } else {
      if (i + 1 >= argv.size()) throw UsageError("option " + shown + " needs a value");
      values_[s->name].push_back(argv[++i]);
    }
  }
}

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  auto v = get(name);
  return v ? *v : fallback;
}

const std::vector<std::string>& Args::all(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

std::optional<double> Args::number(const std::string& name) const {
  auto v = get(name);
  if (!v) return std::nullopt;
  auto d = parse_number(*v);
  if (!d) throw UsageError("option --" + name + " needs a number, got '" + *v + "'");
  return d;
}

const std::string& Args::require_positional(size_t n, const std::string& what) const {
  if (n >= pos_.size()) throw UsageError("missing " + what);
  return pos_[n];
}

const std::string& Args::require(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) throw UsageError("missing option --" + name);
  return it->second.back();
}

std::vector<std::string> comma_items(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values)
    for (size_t start = 0; start <= v.size();) {
      size_t end = std::min(v.find(',', start), v.size());
      if (end > start) out.push_back(v.substr(start, end - start));
      start = end + 1;
    }
  return out;
}

}  // namespace nbhd::cli
