// Benchmark of a change of D in the Gaps panel: the gap engine (geo/spatial/gaps, as the viewer's job runs
// it) over every LSOA, then the restyle of the mapped missing count (classification and fills, as
// Viewer::restyle does), for a sequence of distances; then, with --synthetic N, the same against N random
// points over England in 20 categories (a national-size asset set).
//
// usage: bench_gaps --lsoa lsoa21.gpkg --assets A.gpkg [--assets B.gpkg] [--groups G.csv] [--threads 2]
//                   [--synthetic 1000000] [--within 400,600,800,1000,1200]
// Prints one line per D and a summary; last line: RESULT name=nbhd task=gaps_change_of_d seconds=<median>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "geo/spatial/gaps.hpp"
#include "geo/vector/ingest.hpp"
#include "render/style/map_style.hpp"

using namespace nbhd;

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Recompute + restyle for each D; returns the per-change seconds.
std::vector<double> changes(const AreaLayer& areas, const AssetIndex& idx, GapOptions o,
                            const std::vector<double>& ds, const char* label) {
  std::vector<double> out;
  for (double d : ds) {
    o.within = d;
    double t = now();
    std::clock_t c0 = std::clock();  // process CPU time, all threads: the cost whatever the machine's load
    GapReport r = gap_indicators(areas, idx, o);
    double t_gap = now() - t, cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    StyleSpec spec;
    spec.column = r.missing_column;
    Table derived("bench");
    derived.set_rows(areas.size());
    for (size_t k = 1; k < r.table.columns(); ++k) derived.add(r.table.col(k));
    t = now();
    MapStyle s = style_map(areas, spec, &derived);
    double t_style = now() - t;
    size_t missing = 0;
    for (double v : r.table.column(r.missing_column).num) missing += v > 0;
    std::printf(
        "%s D=%-6g gap engine %.3f s (CPU %.3f s), restyle %.4f s, total %.3f s (covered %zu, %zu areas miss "
        "something)\n",
        label, d, t_gap, cpu, t_style, t_gap + t_style, r.covered, missing);
    out.push_back(t_gap + t_style);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string lsoa, groups;
    std::vector<std::string> asset_files;
    unsigned threads = 2;
    long synthetic = 0;
    std::vector<double> ds{400, 600, 800, 1000, 1200};
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      auto next = [&]() -> std::string {
        if (i + 1 >= argc) throw Error(a + " needs a value");
        return argv[++i];
      };
      if (a == "--lsoa")
        lsoa = next();
      else if (a == "--assets")
        asset_files.push_back(next());
      else if (a == "--groups")
        groups = next();
      else if (a == "--threads")
        threads = unsigned(std::stoul(next()));
      else if (a == "--synthetic")
        synthetic = std::stol(next());
      else if (a == "--within") {
        ds.clear();
        std::stringstream ss(next());
        for (std::string d; std::getline(ss, d, ',');) ds.push_back(std::stod(d));
      } else
        throw Error("unknown option " + a);
    }
    if (lsoa.empty() || asset_files.empty())
      throw Error(
          "usage: bench_gaps --lsoa lsoa21.gpkg --assets A.gpkg [--groups G.csv] [--threads N] "
          "[--synthetic N] [--within D,D,...]");
    AreaLayer areas = load_areas(lsoa);
    std::vector<PointLayer> layers;
    for (const auto& f : asset_files) layers.push_back(load_points(f));
    AssetIndex idx(merge_assets(layers));
    GapOptions o;
    o.threads = threads;
    if (!groups.empty()) o.groups = read_category_groups(groups);
    std::printf("%zu areas, %zu assets in %zu categories, %u threads\n", areas.size(), idx.set().size(),
                idx.set().categories.size(), threads);
    gap_indicators(areas, idx, o);  // warm-up: the per-category trees are built on first use
    double med = median(changes(areas, idx, o, ds, "assets"));
    std::printf("median change of D: %.3f s\n", med);
    if (synthetic > 0) {
      // Points spread over England like people: a random English LSOA, then a uniform point inside it.
      std::mt19937_64 rng(20240601);
      std::vector<size_t> england;
      for (size_t i = 0; i < areas.size(); ++i)
        if (areas.codes[i].rfind("E", 0) == 0) england.push_back(i);
      std::uniform_int_distribution<size_t> pick(0, england.size() - 1);
      std::uniform_real_distribution<double> u(0, 1);
      PointLayer pts;
      pts.source = "synthetic";
      while (static_cast<long>(pts.pts.size()) < synthetic) {
        const MultiPolygon& mp = areas.geoms[england[pick(rng)]];
        BBox b = bbox_of(mp);
        for (int tries = 0; tries < 50; ++tries) {
          Point p{b.minx + u(rng) * b.width(), b.miny + u(rng) * b.height()};
          if (contains(mp, p)) {
            pts.pts.push_back(p);
            pts.categories.push_back("cat" + std::to_string(pts.pts.size() % 20));
            break;
          }
        }
      }
      pts.names.assign(pts.pts.size(), "");
      std::vector<PointLayer> syn;
      syn.push_back(std::move(pts));
      AssetIndex big(merge_assets(syn));
      GapOptions so;
      so.threads = threads;
      gap_indicators(areas, big, so);
      double smed = median(changes(areas, big, so, ds, "synthetic"));
      std::printf("median change of D, %ld synthetic points: %.3f s\n", synthetic, smed);
    }
    std::printf("RESULT name=nbhd task=gaps_change_of_d seconds=%.4f\n", med);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_gaps: %s\n", e.what());
    return 2;
  }
}
