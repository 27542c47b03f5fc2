// The category group table (asset_groups.hpp).
#include "geo/spatial/asset_groups.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/table.hpp"  // trim

namespace nbhd {

const CategoryGroup* CategoryGroups::find(std::string_view name) const {
  for (const auto& g : groups)
    if (g.name == name) return &g;
  return nullptr;
}

namespace {

// Splits one line into fields (RFC 4180 quoting within the line; a group table has no multi-line cells).
std::vector<std::string> fields_of(std::string_view line, const std::string& where) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  bool quoted = false, was_quoted = false;
  while (i < line.size()) {
    char c = line[i++];
    if (quoted) {
      if (c == '"') {
        if (i < line.size() && line[i] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur += c;
      }
    } else if (c == '"' && trim(cur).empty() && !was_quoted) {
      cur.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      out.push_back(was_quoted ? cur : std::string(trim(cur)));
      cur.clear();
      was_quoted = false;
    } else {
      cur += c;
    }
  }
  if (quoted) throw Error(where + ": a quoted field is not closed; close the quote or remove it");
  out.push_back(was_quoted ? cur : std::string(trim(cur)));
  return out;
}

}  // namespace

CategoryGroups parse_category_groups(std::string_view text, const std::string& source) {
  CategoryGroups g;
  g.source = source;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  size_t gcol = SIZE_MAX, ccol = SIZE_MAX, width = 0;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    const std::string where = source + " line " + std::to_string(line_no);
    if (line.find('\0') != std::string_view::npos)
      throw Error(where + ": holds a NUL byte; a group table is a text CSV (group,category)");
    auto f = fields_of(line, where);
    if (gcol == SIZE_MAX) {
      for (size_t k = 0; k < f.size(); ++k) {
        std::string n = lower(f[k]);
        if (n == "group" && gcol == SIZE_MAX) gcol = k;
        if (n == "category" && ccol == SIZE_MAX) ccol = k;
      }
      if (gcol == SIZE_MAX || ccol == SIZE_MAX)
        throw Error(where +
                    ": the header must name the columns 'group' and 'category' (e.g. group,category)");
      width = f.size();
      if (end == text.size()) break;
      continue;
    }
    if (f.size() != width)
      throw Error(where + ": has " + std::to_string(f.size()) + " fields, the header " +
                  std::to_string(width) + "; one group,category pair a line");
    const std::string& gname = f[gcol];
    const std::string& cname = f[ccol];
    if (gname.empty() || cname.empty())
      throw Error(where + ": the " + std::string(gname.empty() ? "group" : "category") +
                  " is blank; give both a group and a category");
    auto it = std::find_if(g.groups.begin(), g.groups.end(),
                           [&](const CategoryGroup& x) { return x.name == gname; });
    if (it == g.groups.end()) {
      g.groups.push_back({gname, {}});
      it = g.groups.end() - 1;
    }
    if (std::find(it->categories.begin(), it->categories.end(), cname) == it->categories.end())
      it->categories.push_back(cname);
    if (end == text.size()) break;
  }
  if (gcol == SIZE_MAX)
    throw Error(source +
                ": is empty; a group table has a header line group,category and one line per category");
  if (g.groups.empty()) throw Error(source + ": has a header but no groups; add lines group,category");
  return g;
}

CategoryGroups read_category_groups(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open the group table " + path + "; check the path");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_category_groups(ss.str(), path);
}

void check_group_categories(const CategoryGroups& g, const std::vector<std::string>& present) {
  std::vector<std::string> unknown;
  for (const auto& grp : g.groups)
    for (const auto& c : grp.categories)
      if (std::find(present.begin(), present.end(), c) == present.end() &&
          std::find(unknown.begin(), unknown.end(), c) == unknown.end())
        unknown.push_back(c);
  if (unknown.empty()) return;
  throw Error(g.source + " names " + std::to_string(unknown.size()) + " categor" +
              (unknown.size() == 1 ? "y" : "ies") + " the assets do not have: " + join_list(unknown, 20) +
              "; the assets' categories are: " + join_list(present, 40));
}

}  // namespace nbhd
