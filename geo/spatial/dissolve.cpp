#include "geo/spatial/dissolve.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "base/error.hpp"
#include "base/shared_progress.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {

namespace {

double geos_area(const GeosContext& c, const GEOSGeometry* g) {
  double a = 0;
  if (g) GEOSArea_r(c, g, &a);
  return a;
}

// The union of one parent's children: coverage union, checked, else the general union.
MultiPolygon union_children(const GeosContext& c, const std::vector<MultiPolygon>& geoms,
                            const std::vector<uint32_t>& kids, double tolerance, bool* fell_back) {
  std::vector<GEOSGeometry*> parts;
  parts.reserve(kids.size());
  double sum = 0;
  for (uint32_t k : kids) {
    GeomPtr g = to_geos(c, geoms[k]);
    sum += geos_area(c, g.get());
    parts.push_back(g.release());
  }
  // The collection owns the parts from here on.
  GeomPtr coll = own(c, GEOSGeom_createCollection_r(c, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                    static_cast<unsigned>(parts.size())));
  if (!coll) throw Error("GEOS could not collect the children of a parent: " + c.last_error());
  GeomPtr u = own(c, GEOSCoverageUnion_r(c, coll.get()));
  bool ok = u && GEOSisValid_r(c, u.get()) == 1;
  if (ok) {
    double a = geos_area(c, u.get());
    ok = std::abs(a - sum) <= tolerance * std::max(sum, 1e-300);
  }
  *fell_back = !ok;
  if (!ok) {
    u = own(c, GEOSUnaryUnion_r(c, coll.get()));
    if (!u) throw Error("GEOS could not union the children of a parent: " + c.last_error());
  }
  return from_geos(c, u.get());
}

}  // namespace

DissolveResult dissolve(const std::vector<MultiPolygon>& children, const std::vector<std::string>& parent_of,
                        const DissolveOptions& opt) {
  if (children.size() != parent_of.size())
    throw Error("dissolve: " + std::to_string(children.size()) + " children but " +
                std::to_string(parent_of.size()) + " parent codes");
  DissolveResult r;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < children.size(); ++i) {
    const std::string& p = parent_of[i];
    if (p.empty()) {
      r.no_parent.push_back(uint32_t(i));
      continue;
    }
    auto [it, added] = index.emplace(p, r.parents.size());
    if (added) {
      r.parents.push_back(p);
      r.children.emplace_back();
    }
    r.children[it->second].push_back(uint32_t(i));
  }
  const size_t n = r.parents.size();
  r.geoms.resize(n);
  std::vector<char> fell(n, 0);
  SharedProgress sp(opt.progress, "dissolving");
  std::atomic<size_t> done{0};
  parallel_team(n, 16, opt.threads, [&](ChunkQueue& q) {
    GeosContext c;
    while (auto ch = q.next()) {
      for (size_t p = ch.begin; p < ch.end; ++p) {
        bool fb = false;
        r.geoms[p] = union_children(c, children, r.children[p], opt.area_tolerance, &fb);
        fell[p] = fb;
      }
      size_t d = done += ch.end - ch.begin;
      if (!sp.poll(double(d) / double(n))) return;
    }
  });
  sp.throw_if_cancelled();
  for (size_t p = 0; p < n; ++p)
    if (fell[p]) {
      ++r.fallbacks;
      if (r.fallback_parents.size() < 10) r.fallback_parents.push_back(r.parents[p]);
    }
  return r;
}

std::string describe_dissolve(const DissolveResult& r, const std::string& parent_word) {
  std::string s = "coverage union for " + std::to_string(r.parents.size() - r.fallbacks) + " " + parent_word;
  if (r.fallbacks)
    s += ", the general union for " + std::to_string(r.fallbacks) +
         " whose children are not a clean coverage (" + join_list(r.fallback_parents, 5) + ")";
  return s;
}

}  // namespace nbhd
