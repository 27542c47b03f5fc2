#include "render/triangulate/area_mesh.hpp"

#include <algorithm>

#include "base/shared_progress.hpp"
#include "base/thread_pool.hpp"
#include "render/triangulate/triangulate.hpp"

namespace nbhd {

Point centre_of(const std::vector<MultiPolygon>& geoms) {
  BBox b;
  for (const auto& g : geoms) b.expand(bbox_of(g));
  if (b.empty()) return {};
  return {(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2};
}

namespace {

// Builds the mesh of areas [begin, end) with local vertex numbering and area indices relative to `begin`.
// Stops early (the mesh incomplete) once `sp` is cancelled; polled every 256 areas (a few ms of ear
// clipping even for detailed coastlines).
AreaMesh build_range(const std::vector<MultiPolygon>& geoms, size_t begin, size_t end, Point o, bool fills,
                     SharedProgress& sp) {
  AreaMesh m;
  m.origin = o;
  m.areas = end - begin;
  m.segment_start.reserve(m.areas + 1);
  for (size_t a = begin; a < end; ++a) {
    if ((a - begin) % 256 == 0 && !sp.poll(double(a - begin) / double(end - begin))) return m;
    m.segment_start.push_back(uint32_t(m.segment_count()));
    for (const auto& poly : geoms[a]) {
      if (poly.rings.empty()) continue;
      if (fills) {
        auto tri = triangulate(poly);
        if (!tri.empty()) {
          auto base = uint32_t(m.vertices());
          for (const auto& ring : poly.rings)
            for (size_t i = 0; i + 1 < ring.size(); ++i) {
              m.xy.push_back(float(ring[i].x - o.x));
              m.xy.push_back(float(ring[i].y - o.y));
              m.vertex_area.push_back(uint32_t(a - begin));
            }
          for (uint32_t t : tri) m.indices.push_back(base + t);
        }
      }
      for (const auto& ring : poly.rings)
        for (size_t i = 0; i + 1 < ring.size(); ++i) {
          m.segments.push_back(float(ring[i].x - o.x));
          m.segments.push_back(float(ring[i].y - o.y));
          m.segments.push_back(float(ring[i + 1].x - o.x));
          m.segments.push_back(float(ring[i + 1].y - o.y));
        }
    }
  }
  m.segment_start.push_back(uint32_t(m.segment_count()));
  return m;
}

}  // namespace

AreaMesh build_area_mesh(const std::vector<MultiPolygon>& geoms, Point origin, bool fills, unsigned threads,
                         const Progress& progress) {
  report(progress, 0, "tessellating");
  SharedProgress sp(progress, "tessellating");
  size_t n = geoms.size();
  if (threads == 0) threads = pool_threads();
  // One contiguous range per thread, concatenated in order below (so the mesh is the serial one).
  threads = unsigned(std::min<size_t>(threads, std::max<size_t>(1, n / 256)));
  std::vector<AreaMesh> parts(threads);
  parallel_for(threads, 1, threads, [&](size_t t, size_t) {
    parts[t] = build_range(geoms, n * t / threads, n * (t + 1) / threads, origin, fills, sp);
  });
  sp.throw_if_cancelled();
  if (threads == 1) {
    report(progress, 1, "tessellating");
    return std::move(parts[0]);
  }
  // Concatenate, shifting vertex numbers, area indices and segment offsets.
  AreaMesh m;
  m.origin = origin;
  m.areas = n;
  size_t nv = 0, ni = 0, ns = 0;
  for (const auto& p : parts) nv += p.vertices(), ni += p.indices.size(), ns += p.segments.size();
  m.xy.reserve(nv * 2);
  m.vertex_area.reserve(nv);
  m.indices.reserve(ni);
  m.segments.reserve(ns);
  m.segment_start.reserve(n + 1);
  size_t area_base = 0;
  for (auto& p : parts) {
    auto vbase = uint32_t(m.vertices());
    auto sbase = uint32_t(m.segment_count());
    m.xy.insert(m.xy.end(), p.xy.begin(), p.xy.end());
    for (uint32_t a : p.vertex_area) m.vertex_area.push_back(uint32_t(a + area_base));
    for (uint32_t i : p.indices) m.indices.push_back(i + vbase);
    m.segments.insert(m.segments.end(), p.segments.begin(), p.segments.end());
    for (size_t i = 0; i + 1 < p.segment_start.size(); ++i)
      m.segment_start.push_back(p.segment_start[i] + sbase);
    area_base += p.areas;
    p = AreaMesh{};
  }
  m.segment_start.push_back(uint32_t(m.segment_count()));
  report(progress, 1, "tessellating");
  return m;
}

}  // namespace nbhd
