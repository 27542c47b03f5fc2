#include "geo/spatial/subdivide_layer.hpp"

#include <cstdio>
#include <map>

#include "base/error.hpp"
#include "base/thread_pool.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/spatial/subdivide.hpp"

namespace nbhd {

namespace {

// FNV-1a of the parent code: each parent's sampling seed, whatever its position or thread.
uint64_t seed_of(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
  return h;
}

}  // namespace

AreaLayer subdivide_layer(const AreaLayer& parents, const SubdivideLayerOptions& opt) {
  const size_t n = parents.size();
  if (opt.parts.size() != n)
    throw Error("subdivide_layer: " + std::to_string(opt.parts.size()) + " part counts for " +
                std::to_string(n) + " areas");
  std::vector<const Column*> carried;
  for (const std::string& name : opt.carry) carried.push_back(&parents.attrs.column(name));

  std::vector<std::vector<Polygon>> parts(n);
  parallel_team(n, 64, opt.threads, [&](ChunkQueue& q) {
    GeosContext c;
    while (auto ch = q.next())
      for (size_t i = ch.begin; i < ch.end; ++i) {
        SubdivideOptions o;
        o.parts = opt.parts[i];
        o.seed = seed_of(parents.codes[i]);
        o.min_part_fraction = opt.min_part_fraction;
        parts[i] = subdivide(c, parents.geoms[i], o);
      }
  });

  AreaLayer out;
  out.source = parents.source;
  out.working_crs = parents.working_crs;
  out.source_crs = parents.source_crs;
  out.key_field = opt.code_column;
  out.code_kind = "output area";
  Column code{opt.code_column, ColumnType::Text, {}, {}}, parent{opt.parent_column, ColumnType::Text, {}, {}};
  std::vector<Column> extra;
  for (size_t k = 0; k < carried.size(); ++k) extra.push_back(Column{opt.carry[k], ColumnType::Text, {}, {}});
  std::map<char, size_t> serial;
  for (size_t i = 0; i < n; ++i) {
    const std::string& pc = parents.codes[i];
    const char letter = pc.empty() ? 'X' : pc[0];
    for (Polygon& p : parts[i]) {
      size_t s = ++serial[letter];
      if (s > 999999)
        throw Error(std::string("subdivide_layer: more than 999,999 parts for codes starting ") + letter);
      char buf[16];
      std::snprintf(buf, sizeof buf, "%c00%06zu", letter, s);
      out.codes.push_back(buf);
      out.names.push_back("");
      out.geoms.push_back({std::move(p)});
      out.extent.expand(bbox_of(out.geoms.back()));
      code.text.push_back(buf);
      parent.text.push_back(pc);
      for (size_t k = 0; k < carried.size(); ++k) extra[k].text.push_back(carried[k]->cell(i));
    }
  }
  out.attrs.add(std::move(code));
  out.attrs.add(std::move(parent));
  for (Column& c : extra) out.attrs.add(std::move(c));
  return out;
}

}  // namespace nbhd
