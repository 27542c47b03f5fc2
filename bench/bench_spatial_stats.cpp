// Spatial statistics benchmark on the national LSOA 2021 boundaries (35,672 areas) and IMD 2025 scores:
// queen contiguity weights, k-nearest weights, global Moran's I and local Moran with 999 and 9,999
// permutations; wall and CPU time of each (best of --reps). With Rscript and spdep installed it runs the
// reference (bench/validate_spatial_stats.R --time) in the same run and prints the ratios.
// Run: build/bench/bench_spatial_stats [shared-data-dir] [--reps N] [--no-reference]
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "geo/spatial/contiguity.hpp"
#include "geo/spatial/knn.hpp"
#include "geo/stats/local_moran.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"

using namespace nbhd;
namespace fs = std::filesystem;

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Timing {
  double wall = 1e300, cpu = 0;
};

template <class F>
Timing best_of(int reps, F&& f) {
  Timing t;
  for (int r = 0; r < reps; ++r) {
    double c0 = cpu_seconds();
    auto t0 = std::chrono::steady_clock::now();
    f();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (wall < t.wall) t = {wall, cpu_seconds() - c0};
  }
  return t;
}

// "name seconds" lines printed by the R script.
std::map<std::string, double> run_reference(const fs::path& data) {
  std::map<std::string, double> out;
  if (std::system("command -v Rscript >/dev/null 2>&1") != 0) return out;
  std::string cmd = "Rscript " + (fs::path(NBHD_SOURCE_DIR) / "bench/validate_spatial_stats.R").string() +
                    " --time --data " + data.string() + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  if (!p) return out;
  char line[512];
  while (std::fgets(line, sizeof line, p.get())) {
    char name[128];
    double s;
    if (std::sscanf(line, "reference %127s %lf", name, &s) == 2) out[name] = s;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path data;
  int reps = 3;
  bool reference = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--reps") && i + 1 < argc)
      reps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--no-reference"))
      reference = false;
    else
      data = argv[i];
  }
  if (data.empty()) {
    if (const char* e = std::getenv("NBHD_SHARED_DATA"); e && *e)
      data = e;
    else
      data = fs::path(NBHD_SOURCE_DIR) / "../shared/data";
  }
  if (!fs::exists(data / "england/lsoa21.gpkg")) {
    std::printf("bench_spatial_stats: %s/england/lsoa21.gpkg not found; skipped\n", data.c_str());
    return 0;
  }
  std::printf("threads: %u (hardware_concurrency); figures are wall seconds (CPU seconds), best of %d\n",
              std::thread::hardware_concurrency(), reps);
  auto t0 = std::chrono::steady_clock::now();
  AreaLayer L = load_areas((data / "england/lsoa21.gpkg").string());
  join_table(L, read_table((data / "england/imd2025_lsoa21.csv").string()));
  std::printf("load + join: %.2f s, %zu areas\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), L.size());
  size_t vertices = 0;
  for (const auto& mp : L.geoms)
    for (const auto& p : mp)
      for (const auto& r : p.rings) vertices += r.size();
  std::printf("vertices: %zu\n", vertices);

  SpatialWeights queen;
  Timing tq = best_of(reps, [&] { queen = contiguity_weights(L.geoms); });
  WeightsSummary s = summarise(queen);
  std::printf("queen weights: %.3f s (%.3f CPU)  links %zu, mean %.2f, islands %zu\n", tq.wall, tq.cpu,
              s.links, s.mean_neighbours, s.islands);
  Timing tr = best_of(reps, [&] { contiguity_weights(L.geoms, {Contiguity::Rook, 0.001}); });
  std::printf("rook weights: %.3f s (%.3f CPU)\n", tr.wall, tr.cpu);
  std::vector<Point> c = centroids(L.geoms);
  Timing tk = best_of(reps, [&] { knn_weights(c, 6); });
  std::printf("knn (k = 6) weights: %.3f s (%.3f CPU)\n", tk.wall, tk.cpu);

  const std::vector<double>& imd = L.attrs.numeric("IMD_score").num;
  LisaOptions o;
  std::map<size_t, Timing> lisa;
  for (size_t perms : {size_t(999), size_t(9999)}) {
    o.permutations = perms;
    LisaResult r;
    lisa[perms] = best_of(reps, [&] { r = local_moran(imd, queen, o, "IMD_score"); });
    std::printf("local Moran, %zu permutations: %.3f s (%.3f CPU)  I = %.6f, HH %zu LL %zu LH %zu HL %zu\n",
                perms, lisa[perms].wall, lisa[perms].cpu, r.global.i, r.counts[1], r.counts[2], r.counts[3],
                r.counts[4]);
  }
  std::printf("targets: queen <= 0.5 s: %s; local Moran 9,999 <= 3 s: %s\n",
              tq.wall <= 0.5 ? "met" : "MISSED", lisa[9999].wall <= 3 ? "met" : "MISSED");
  if (!reference) return 0;
  auto ref = run_reference(data);
  if (ref.empty()) {
    std::printf("reference: Rscript with spdep not found; no ratios\n");
    return 0;
  }
  auto ratio = [&](const char* name, double ours) {
    if (!ref.count(name)) return;
    std::printf("reference %s: %.3f s; nbhd %.3f s; spdep / nbhd = %.1fx\n", name, ref[name], ours,
                ref[name] / ours);
  };
  ratio("queen_weights", tq.wall);
  ratio("local_moran_999", lisa[999].wall);
  return 0;
}
