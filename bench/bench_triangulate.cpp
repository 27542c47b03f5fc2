// Triangulation speed on every LSOA 2021 polygon (England and Wales, EPSG:27700), against GEOS's
// constrained Delaunay triangulation of the same polygons measured in the same run.
//
//   build/bench/bench_triangulate [path/to/lsoa21.gpkg] [runs]
//
// Loading and building GEOS geometries are not timed; only the triangulation calls are. Each side
// runs `runs` times (default 7); the best and the median run are printed, as wall-clock time and as
// the thread's CPU time (the dev machine is shared: at load 10 on 2 cores wall time triples while
// CPU time does not move).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/vector/ingest.hpp"
#include "render/triangulate/triangulate.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
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
    std::vector<double> ours, ours_cpu;
    size_t triangles = 0;
    for (int r = 0; r < runs; ++r) {
      size_t t = 0;
      const auto t0 = Clock::now();
      const double c0 = thread_cpu_ms();
      for (const auto* p : polys) t += nbhd::triangulate(*p).size() / 3;
      ours.push_back(ms_since(t0));
      ours_cpu.push_back(thread_cpu_ms() - c0);
      triangles = t;
    }

    // GEOS constrained Delaunay on the same polygons (geometries built outside the timing).
    nbhd::GeosContext ctx;
    std::vector<nbhd::GeomPtr> geoms;
    geoms.reserve(polys.size());
    for (const auto* p : polys) geoms.push_back(nbhd::to_geos(ctx, nbhd::MultiPolygon{*p}));
    std::vector<double> geos, geos_cpu;
    size_t geos_triangles = 0;
    const int geos_runs = std::max(1, std::min(runs, 3));  // ~seconds per run
    for (int r = 0; r < geos_runs; ++r) {
      size_t t = 0;
      const auto t0 = Clock::now();
      const double c0 = thread_cpu_ms();
      for (const auto& g : geoms) {
        nbhd::GeomPtr cdt = nbhd::own(ctx, GEOSConstrainedDelaunayTriangulation_r(ctx, g.get()));
        if (cdt) t += static_cast<size_t>(GEOSGetNumGeometries_r(ctx, cdt.get()));
      }
      geos.push_back(ms_since(t0));
      geos_cpu.push_back(thread_cpu_ms() - c0);
      geos_triangles = t;
    }

    const Timing a = summarise(ours), b = summarise(geos), ac = summarise(ours_cpu), bc = summarise(geos_cpu);
    std::printf(
        "nbhd triangulate:          wall best %7.1f ms, median %7.1f ms | cpu best %7.1f ms, median %7.1f ms"
        " | %d runs, %zu triangles\n",
        a.best, a.median, ac.best, ac.median, runs, triangles);
    std::printf(
        "GEOS constrained Delaunay: wall best %7.1f ms, median %7.1f ms | cpu best %7.1f ms, median %7.1f ms"
        " | %d runs, %zu triangles\n",
        b.best, b.median, bc.best, bc.median, geos_runs, geos_triangles);
    std::printf(
        "nbhd per vertex: %.0f ns (cpu median); speed-up vs GEOS: %.1fx (cpu medians), %.1fx (wall "
        "medians)\n",
        ac.median * 1e6 / static_cast<double>(vertices), bc.median / ac.median, b.median / a.median);
    std::printf("target <= 150 ms for all LSOA21 polygons: %s (wall median)\n",
                a.median <= 150 ? "met" : "NOT met");
    return 0;
  } catch (const nbhd::Error& e) {
    std::fprintf(stderr, "bench_triangulate: %s\n", e.what());
    return 2;
  }
}
