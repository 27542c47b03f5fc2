#include "app/viewer/script.hpp"

#include <GLFW/glfw3.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "app/viewer/panel_gaps.hpp"
#include "base/error.hpp"

namespace nbhd::view {

int script_key(const std::string& n) {
  static const std::map<std::string, int> keys = {
      {"F", GLFW_KEY_F},         {"Escape", GLFW_KEY_ESCAPE}, {"Plus", GLFW_KEY_EQUAL},
      {"Minus", GLFW_KEY_MINUS}, {"Left", GLFW_KEY_LEFT},     {"Right", GLFW_KEY_RIGHT},
      {"Up", GLFW_KEY_UP},       {"Down", GLFW_KEY_DOWN},     {"Enter", GLFW_KEY_ENTER},
      {"Slash", GLFW_KEY_SLASH}, {"Z", GLFW_KEY_Z},           {"Backspace", GLFW_KEY_BACKSPACE},
      {"A", GLFW_KEY_A}};
  auto it = keys.find(n);
  return it == keys.end() ? -1 : it->second;
}

std::vector<ScriptStep> read_script(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read script " + path + "; check the path");
  // Commands and their argument counts (-1: the rest of the line is one argument).
  static const std::map<std::string, std::pair<int, int>> arity = {
      {"size", {2, 2}},        {"wait-loaded", {0, 0}},  {"frames", {1, 1}},     {"move", {2, 2}},
      {"click", {2, 3}},       {"drag", {4, 4}},         {"wheel", {3, 3}},      {"key", {1, 1}},
      {"type", {-1, -1}},      {"legend-click", {1, 1}}, {"screenshot", {1, 1}}, {"dump", {1, 1}},
      {"quit", {0, 0}},        {"open", {1, 1}},         {"drop", {1, 16}},      {"export", {3, 4}},
      {"wait-export", {0, 0}}, {"save", {1, 1}},         {"relocate", {2, 2}},   {"dual", {2, 2}},
      {"hist-drag", {2, 2}},   {"dialog-header", {1, 1}},
      {"wait-assets", {0, 0}}, {"asset-category-click", {1, 1}}, {"asset-row-click", {1, 1}}, {"assets-within", {1, 1}},
      {"wait-exact", {0, 0}}, {"map-cache", {1, 1}}, {"panel-cache", {1, 1}}, {"map-budget", {2, 2}}, {"click-item", {1, 1}},
      {"gaps-within", {1, 1}}, {"wait-gaps", {0, 0}}, {"gaps-categories", {1, 1}}, {"gaps-groups", {1, 1}},
      {"gaps-denominator", {1, 1}}, {"gaps-coverage", {1, 1}}, {"gaps-map", {1, 2}}, {"bivariate", {1, 1}},
      {"stats", {-1, -1}}, {"wait-stats", {0, 0}}, {"scatter-drag", {4, 4}},
      {"level", {-1, -1}}, {"wait-level", {0, 0}}, {"level-weight", {1, 1}}, {"level-zoom", {1, 1}},
      {"basemap", {1, 1}}};
  std::vector<ScriptStep> steps;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (auto h = line.find('#'); h != std::string::npos && line.rfind("type", 0) != 0) line.resize(h);
    std::istringstream ls(line);
    ScriptStep s;
    s.line = n;
    if (!(ls >> s.cmd)) continue;
    auto it = arity.find(s.cmd);
    std::string where = path + ":" + std::to_string(n);
    if (it == arity.end()) throw Error(where + ": unknown script command '" + s.cmd + "'");
    if (it->second.first < 0) {
      std::string rest;
      std::getline(ls, rest);
      if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
      s.args.push_back(rest);
    } else {
      for (std::string a; ls >> a;) s.args.push_back(a);
      if (int(s.args.size()) < it->second.first || int(s.args.size()) > it->second.second)
        throw Error(where + ": '" + s.cmd + "' takes " + std::to_string(it->second.first) + " argument(s)");
    }
    if (s.cmd == "key" &&
        script_key(s.args[0].starts_with("Ctrl+") ? s.args[0].substr(5) : s.args[0]) < 0)
      throw Error(where + ": unknown key '" + s.args[0] + "'");
    if (s.cmd == "assets-within") {
      char* end = nullptr;
      double d = std::strtod(s.args[0].c_str(), &end);
      if (*end || !(d >= 0)) throw Error(where + ": assets-within takes a distance in metres >= 0");
    }
    if (s.cmd == "basemap" && s.args[0] != "on" && s.args[0] != "off") {
      char* end = nullptr;
      double d = std::strtod(s.args[0].c_str(), &end);
      if (*end || s.args[0].empty() || !(d >= 0 && d <= 1))
        throw Error(where + ": basemap takes on, off or the fills' opacity (0 to 1)");
    }
    if (s.cmd == "gaps-within") {
      char* end = nullptr;
      (void)std::strtod(s.args[0].c_str(), &end);
      if (*end || s.args[0].empty()) throw Error(where + ": gaps-within takes a distance in metres");
    }
    if (s.cmd == "gaps-map" && !GapsPanel::measure_of(s.args[0]))
      throw Error(where + ": gaps-map takes missing, within, within_per_1000, inside, inside_per_1000 or nearest");
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace nbhd::view
