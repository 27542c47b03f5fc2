#include "render/document/extent.hpp"

#include <algorithm>
#include <sstream>

#include "base/error.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

BBox parse_bbox(const std::string& text) {
  std::vector<double> v;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    auto n = parse_number(part);
    if (!n) break;
    v.push_back(*n);
  }
  if (v.size() != 4 || !(v[0] < v[2]) || !(v[1] < v[3]))
    throw Error(
        "the box '" + text + "' is not minx,miny,maxx,maxy with min < max (in the working CRS, e.g. metres)",
        Need::Box);
  return BBox{v[0], v[1], v[2], v[3]};
}

BBox padded(const BBox& b, double fraction) {
  if (b.empty()) return b;
  double d = std::max(b.width(), b.height()) * fraction;
  if (b.width() == 0 && b.height() == 0) d = 500;
  return BBox{b.minx - d, b.miny - d, b.maxx + d, b.maxy + d};
}

std::vector<uint32_t> focus_areas(const AreaLayer& layer, const std::vector<std::string>& codes) {
  std::vector<char> chosen(layer.size(), 0);
  std::vector<std::string> unknown;
  for (const auto& raw : codes) {
    std::string code(trim(raw));
    if (code.empty()) continue;
    size_t i = layer.index_of(code);
    if (i != size_t(-1) && i < layer.size()) {
      chosen[i] = 1;
      continue;
    }
    bool found = false;
    for (const auto& col : layer.attrs.cols()) {
      if (col.numeric()) continue;
      for (size_t r = 0; r < col.text.size() && r < layer.size(); ++r)
        if (col.text[r] == code) chosen[r] = 1, found = true;
      if (found) break;
    }
    if (!found) unknown.push_back(code);
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
    throw Error("cannot focus on " + list + ": " + (unknown.size() == 1 ? "it is" : "they are") +
                    " not an area code of " + layer.source +
                    " nor a value of any of its text columns; give area codes (e.g. " +
                    (layer.codes.empty() ? std::string("E01000001") : layer.codes.front()) +
                    ") or a code of a containing area held in a column (e.g. a local authority code)",
                Need::Focus);
  }
  std::vector<uint32_t> out;
  for (size_t i = 0; i < chosen.size(); ++i)
    if (chosen[i]) out.push_back(uint32_t(i));
  if (out.empty()) throw Error("no area to focus on; give at least one area code", Need::Focus);
  return out;
}

BBox extent_of(const AreaLayer& layer, const std::vector<uint32_t>& areas) {
  BBox b;
  for (uint32_t a : areas)
    if (a < layer.geoms.size()) b.expand(bbox_of(layer.geoms[a]));
  return b;
}

}  // namespace nbhd
