// Triangulation speed on every LSOA 2021 polygon (England and Wales, EPSG:27700), against GEOS's
// constrained Delaunay triangulation of the same polygons measured in the same run.
//
//   build/bench/bench_triangulate [path/to/lsoa21.gpkg] [runs]
//
// Loading and building GEOS geometries are not timed; only the triangulation calls are. Each side
// runs `runs` times (default 7); the best and the median run are printed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "geo/geos_handle.hpp"
#include "geo/ingest.hpp"
#include "render/triangulate.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Timing {
  double best = 0, median = 0;
};
Timing summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v.front(), v[v.size() / 2]};
}

std::string default_path() {
  if (const char* env = std::getenv("NBHD_SHARED_DATA"); env && *env)
    return (std::filesystem::path(env) / "england/lsoa21.gpkg").string();
  for (const char* base : {"../shared/data", "../../shared/data", "../../../shared/data"})
    if (std::filesystem::exists(std::filesystem::path(base) / "england/lsoa21.gpkg"))
      return (std::filesystem::path(base) / "england/lsoa21.gpkg").string();
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : default_path();
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
  if (path.empty() || !std::filesystem::exists(path)) {
    std::fprintf(stderr, "bench_triangulate: lsoa21.gpkg not found; pass its path or set NBHD_SHARED_DATA\n");
    return 2;
  }
  try {
    const nbhd::AreaLayer layer = nbhd::load_areas(path);
    std::vector<const nbhd::Polygon*> polys;
    size_t vertices = 0, holes = 0;
    for (const auto& mp : layer.geoms)
      for (const auto& p : mp) {
        polys.push_back(&p);
        holes += p.rings.size() - 1;
        for (const auto& r : p.rings) vertices += r.size() - 1;
      }
    std::printf("%s: %zu areas, %zu polygons, %zu vertices, %zu holes\n", path.c_str(), layer.size(),
                polys.size(), vertices, holes);

    // Ours. The first run also warms the per-thread scratch buffers, as a renderer's would be.
    std::vector<double> ours;
    size_t triangles = 0;
    for (int r = 0; r < runs; ++r) {
      size_t t = 0;
      const auto t0 = Clock::now();
      for (const auto* p : polys) t += nbhd::triangulate(*p).size() / 3;
      ours.push_back(ms_since(t0));
      triangles = t;
    }

    // GEOS constrained Delaunay on the same polygons (geometries built outside the timing).
    nbhd::GeosContext ctx;
    std::vector<nbhd::GeomPtr> geoms;
    geoms.reserve(polys.size());
    for (const auto* p : polys) geoms.push_back(nbhd::to_geos(ctx, nbhd::MultiPolygon{*p}));
    std::vector<double> geos;
    size_t geos_triangles = 0;
    const int geos_runs = std::max(1, std::min(runs, 3));  // ~seconds per run
    for (int r = 0; r < geos_runs; ++r) {
      size_t t = 0;
      const auto t0 = Clock::now();
      for (const auto& g : geoms) {
        nbhd::GeomPtr cdt = nbhd::own(ctx, GEOSConstrainedDelaunayTriangulation_r(ctx, g.get()));
        if (cdt) t += static_cast<size_t>(GEOSGetNumGeometries_r(ctx, cdt.get()));
      }
      geos.push_back(ms_since(t0));
      geos_triangles = t;
    }

    const Timing a = summarise(ours), b = summarise(geos);
    std::printf(
        "nbhd triangulate:          best %8.1f ms, median %8.1f ms over %d runs, %zu triangles (%.0f "
        "ns/vertex)\n",
        a.best, a.median, runs, triangles, a.median * 1e6 / static_cast<double>(vertices));
    std::printf("GEOS constrained Delaunay: best %8.1f ms, median %8.1f ms over %d runs, %zu triangles\n",
                b.best, b.median, geos_runs, geos_triangles);
    std::printf("speed-up vs GEOS (median): %.1fx; target <= 150 ms: %s\n", b.median / a.median,
                a.median <= 150 ? "met" : "NOT met");
    return 0;
  } catch (const nbhd::Error& e) {
    std::fprintf(stderr, "bench_triangulate: %s\n", e.what());
    return 2;
  }
}
