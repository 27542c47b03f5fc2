// Ingest benchmark: nbhd's load + reproject + validate + join of England+Wales LSOA21 with IMD 2025 and
// CNI 2023, against the floor: a bare GDAL loop that reads every feature's geometry (as WKB) and the two
// CSVs, in the same run. Each side runs in its own child process so its peak RSS is its own.
//   bench_ingest [DATA_DIR]   (default ../shared/data)   repeats: NBHD_BENCH_REPS (default 3), median
//   reported
#include <gdal.h>
#include <ogr_api.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "app/heap_reserve.hpp"
#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"

namespace fs = std::filesystem;

struct Sample {
  double seconds;
  long max_rss_kb;
};

// Runs f in a child process; returns its wall time and peak RSS.
template <class F>
Sample in_child(F f) {
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int rc = f();
    std::fflush(stdout);
    _exit(rc);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "child failed\n");
    std::exit(1);
  }
  return {s, ru.ru_maxrss};
}

int floor_loop(const fs::path& d) {
  GDALAllRegister();
  size_t bytes = 0, n = 0;
  GDALDatasetH ds = GDALOpenEx((d / "lsoa21.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  OGRLayerH l = GDALDatasetGetLayer(ds, 0);
  std::vector<unsigned char> wkb;
  while (OGRFeatureH f = OGR_L_GetNextFeature(l)) {
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    wkb.resize(static_cast<size_t>(OGR_G_WkbSize(g)));
    OGR_G_ExportToWkb(g, wkbNDR, wkb.data());
    bytes += wkb.size() + std::string(OGR_F_GetFieldAsString(f, 0)).size();
    ++n;
    OGR_F_Destroy(f);
  }
  GDALClose(ds);
  for (const char* csv : {"imd2025_lsoa21.csv", "cni2023_lsoa21.csv"}) {
    GDALDatasetH c = GDALOpenEx((d / csv).c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    OGRLayerH cl = GDALDatasetGetLayer(c, 0);
    int nf = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(cl));
    while (OGRFeatureH f = OGR_L_GetNextFeature(cl)) {
      for (int i = 0; i < nf; ++i) bytes += std::string(OGR_F_GetFieldAsString(f, i)).size();
      OGR_F_Destroy(f);
    }
    GDALClose(c);
  }
  std::printf("  floor: %zu features, %zu bytes touched\n", n, bytes);
  return n == 35672 ? 0 : 1;
}

// As the CLI does it (app/inputs.cpp): tables read on other threads while the boundaries load.
int nbhd_load(const fs::path& d) {
  nbhd::cli::reserve_heap_in_huge_pages(false);  // as the nbhd executable's main() does for a command
  std::vector<std::future<nbhd::Table>> tables;
  for (const char* csv : {"imd2025_lsoa21.csv", "cni2023_lsoa21.csv"})
    tables.push_back(
        std::async(std::launch::async, [p = (d / csv).string()] { return nbhd::read_table(p); }));
  nbhd::AreaLayer L = nbhd::load_areas((d / "lsoa21.gpkg").string());
  size_t matched = 0;
  for (auto& t : tables) matched += nbhd::join_table(L, t.get()).matched;
  std::printf("  nbhd: %zu areas, %zu matched, %zu columns, %zu repaired\n", L.size(), matched,
              L.attrs.columns(), L.stats.repaired);
  return matched == 2 * 33755 ? 0 : 1;
}

int main(int argc, char** argv) {
  fs::path data = argc > 1 ? fs::path(argv[1]) : fs::path("../shared/data");
  if (const char* env = std::getenv("NBHD_SHARED_DATA"); env && argc <= 1) data = env;
  fs::path d = data / "england";
  if (!fs::exists(d / "lsoa21.gpkg")) {
    std::fprintf(stderr, "bench_ingest: %s not found; pass the shared data folder\n",
                 (d / "lsoa21.gpkg").c_str());
    return 2;
  }
  int reps = std::getenv("NBHD_BENCH_REPS") ? std::atoi(std::getenv("NBHD_BENCH_REPS")) : 3;
  std::vector<Sample> fl, nb;
  for (int r = 0; r < reps; ++r) {  // interleaved so machine noise hits both alike
    fl.push_back(in_child([&] { return floor_loop(d); }));
    nb.push_back(in_child([&] { return nbhd_load(d); }));
  }
  auto median = [](std::vector<Sample> v) {
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.seconds < b.seconds; });
    return v[v.size() / 2];
  };
  Sample f = median(fl), n = median(nb);
  std::printf("RESULT name=gdal_floor task=read_lsoa21+2csv seconds=%.3f extra=max_rss_mb=%.0f\n", f.seconds,
              f.max_rss_kb / 1024.0);
  std::printf("RESULT name=nbhd task=load_reproject_join seconds=%.3f extra=max_rss_mb=%.0f\n", n.seconds,
              n.max_rss_kb / 1024.0);
  std::printf("ratio nbhd/floor = %.2f (target <= 1.5); nbhd peak RSS %.0f MB (target <= 400)\n",
              n.seconds / f.seconds, n.max_rss_kb / 1024.0);
  return 0;
}
