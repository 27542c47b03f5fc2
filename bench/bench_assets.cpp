// Benchmark of the proximity engine on the peers' three queries (bench/assets_vs_postgis.sh runs it beside
// PostGIS and prints ratios):
//   (a) assets inside each LSOA (all 35,672), (b) assets within 1000 m of each Greater Manchester LSOA,
//   (c) distance to the nearest asset per GM LSOA; then, with --synthetic N, N random points spread over
//   England's LSOAs against all LSOAs.
// Query times are measured with the data loaded and the asset index built (as PostGIS's are with its
// tables loaded and GiST-indexed); load and index times are reported separately, and the whole process too.
//
// usage: bench_assets --lsoa lsoa21.gpkg --assets A.gpkg [--assets B.gpkg] [--out DIR] [--reps 5]
//                     [--synthetic 1000000] [--threads N] [--label gm]
// --out writes a_pip_counts.csv, b_dwithin1000_counts.csv, c_nearest_dist.csv in the peers' format.
// Last line: RESULT name=nbhd task=proximity seconds=<a+b+c medians> extra=...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/spatial/proximity.hpp"
#include "geo/vector/ingest.hpp"

using namespace nbhd;

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class F>
double median_time(int reps, std::vector<double>& runs, F&& f) {
  runs.clear();
  for (int r = 0; r < reps; ++r) {
    double t = now();
    f();
    runs.push_back(now() - t);
  }
  std::vector<double> s = runs;
  std::sort(s.begin(), s.end());
  return s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
}

std::string runs_text(const std::vector<double>& runs) {
  std::string s;
  for (double r : runs) {
    char b[32];
    std::snprintf(b, sizeof b, " %.4f", r);
    s += b;
  }
  return s;
}

// Rows sorted by code, as the peers' ORDER BY lsoa21_code writes them.
void write_result(const std::string& path, const char* value_name, const AreaLayer& areas,
                  const std::vector<size_t>& rows_areas, const std::vector<double>& values) {
  std::vector<size_t> order(rows_areas.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return areas.codes[rows_areas[x]] < areas.codes[rows_areas[y]]; });
  std::string out = std::string("lsoa21_code,") + value_name + "\n";
  char buf[64];
  for (size_t i : order) {
    double v = values[i];
    if (v == std::floor(v) && std::abs(v) < 1e15)
      std::snprintf(buf, sizeof buf, "%.0f", v);
    else
      std::snprintf(buf, sizeof buf, "%.17g", v);
    out += areas.codes[rows_areas[i]] + "," + buf + "\n";
  }
  write_file_atomic(path, out);
}

}  // namespace

int main(int argc, char** argv) {
  const double t_process = now();
  std::string lsoa, out, label = "gm";
  std::vector<std::string> asset_files;
  int reps = 5;
  long synthetic = 0;
  unsigned threads = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_assets: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--lsoa")
      lsoa = next();
    else if (a == "--assets")
      asset_files.push_back(next());
    else if (a == "--out")
      out = next();
    else if (a == "--reps")
      reps = std::stoi(next());
    else if (a == "--synthetic")
      synthetic = std::stol(next());
    else if (a == "--threads")
      threads = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--label")
      label = next();
    else {
      std::fprintf(stderr,
                   "bench_assets: unknown option %s (see the comment at the top of bench_assets.cpp)\n",
                   a.c_str());
      return 2;
    }
  }
  if (lsoa.empty() || asset_files.empty()) {
    std::fprintf(stderr,
                 "usage: bench_assets --lsoa lsoa21.gpkg --assets A.gpkg [--assets B] [--out DIR] "
                 "[--reps 5] [--synthetic N] [--threads N] [--label L]\n");
    return 2;
  }
  try {
    double t = now();
    AreaLayer areas = load_areas(lsoa);
    const double t_load_areas = now() - t;
    t = now();
    std::vector<PointLayer> layers;
    for (const auto& f : asset_files) layers.push_back(load_points(f));
    const double t_load_assets = now() - t;
    t = now();
    AssetIndex index(merge_assets(layers));
    const double t_index = now() - t;
    std::vector<size_t> gm;
    const Column& lad = areas.attrs.column("ltla24_code");
    for (size_t i = 0; i < areas.size(); ++i)
      if (lad.text[i] >= "E08000001" && lad.text[i] <= "E08000010") gm.push_back(i);
    const unsigned hw = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    std::fprintf(stderr, "nbhd[%s]: %zu LSOAs (%zu in GM), %zu assets in %zu categories, %u threads\n",
                 label.c_str(), areas.size(), gm.size(), index.set().size(), index.set().categories.size(),
                 hw);

    ProximityOptions qa, qb, qc;
    qa.per_category = qb.per_category = qc.per_category = false;
    qa.within_counts = qa.nearest = false;
    qb.inside = qb.nearest = false;
    qb.within = 1000;
    qb.areas = gm;
    qc.inside = qc.within_counts = false;
    qc.areas = gm;
    qa.threads = qb.threads = qc.threads = threads;
    AreaProximity ra, rb, rc;
    std::vector<double> runs;
    double ma = median_time(reps, runs, [&] { ra = proximity_per_area(areas, index, qa); });
    std::fprintf(stderr, "nbhd[%s] query_a runs:%s median=%.4f rows=%zu\n", label.c_str(),
                 runs_text(runs).c_str(), ma, ra.areas.size());
    double mb = median_time(reps, runs, [&] { rb = proximity_per_area(areas, index, qb); });
    std::fprintf(stderr, "nbhd[%s] query_b runs:%s median=%.4f rows=%zu\n", label.c_str(),
                 runs_text(runs).c_str(), mb, rb.areas.size());
    double mc = median_time(reps, runs, [&] { rc = proximity_per_area(areas, index, qc); });
    std::fprintf(stderr, "nbhd[%s] query_c runs:%s median=%.4f rows=%zu\n", label.c_str(),
                 runs_text(runs).c_str(), mc, rc.areas.size());
    // The full gap table for GM (every category: inside, within 1000 m, nearest), as the CLI computes it.
    ProximityOptions qg;
    qg.areas = gm;
    qg.threads = threads;
    double mg = median_time(reps, runs, [&] { proximity_per_area(areas, index, qg); });
    if (!out.empty()) {
      std::filesystem::create_directories(out);
      std::vector<double> v(ra.inside.begin(), ra.inside.end());
      write_result(out + "/a_pip_counts.csv", "count", areas, ra.areas, v);
      v.assign(rb.within_n.begin(), rb.within_n.end());
      write_result(out + "/b_dwithin1000_counts.csv", "count", areas, rb.areas, v);
      write_result(out + "/c_nearest_dist.csv", "distance", areas, rc.areas, rc.nearest);
    }

    std::string syn;
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
      pts.pts.reserve(static_cast<size_t>(synthetic));
      const char* cats[] = {"library", "gp_practice", "pharmacy", "school", "community_centre"};
      while (static_cast<long>(pts.pts.size()) < synthetic) {
        const MultiPolygon& mp = areas.geoms[england[pick(rng)]];
        BBox b = bbox_of(mp);
        for (int tries = 0; tries < 50; ++tries) {
          Point p{b.minx + u(rng) * b.width(), b.miny + u(rng) * b.height()};
          if (contains(mp, p)) {
            pts.pts.push_back(p);
            pts.categories.push_back(cats[pts.pts.size() % 5]);
            break;
          }
        }
      }
      pts.names.assign(pts.pts.size(), "");
      std::vector<PointLayer> syn_layers;
      syn_layers.push_back(std::move(pts));
      t = now();
      AssetIndex big(merge_assets(syn_layers));
      double s_index = now() - t;
      ProximityOptions sa = qa, sall;
      sall.per_category = false;
      sall.threads = threads;
      AreaProximity r;
      t = now();
      r = proximity_per_area(areas, big, sa);
      double s_a = now() - t;
      size_t total = 0;
      for (uint32_t n : r.inside) total += n;
      t = now();
      r = proximity_per_area(areas, big, sall);
      double s_all = now() - t;
      std::fprintf(stderr,
                   "nbhd[synthetic] %ld points over England vs %zu LSOAs: index %.3f s, inside counts %.3f s "
                   "(index+inside %.3f s; %zu point-in-area hits), inside+within 1000 m+nearest %.3f s\n",
                   synthetic, areas.size(), s_index, s_a, s_index + s_a, total, s_all);
      char b[256];
      std::snprintf(b, sizeof b,
                    ",synthetic_n=%ld,synthetic_index=%.3f,synthetic_a=%.3f,synthetic_index_plus_a=%.3f,"
                    "synthetic_a_b_c=%.3f",
                    synthetic, s_index, s_a, s_index + s_a, s_all);
      syn = b;
    }
    std::printf(
        "RESULT name=nbhd task=proximity seconds=%.4f extra=a=%.4f,b=%.4f,c=%.4f,reps=%d,stat=median,"
        "gm_gap_table_all_categories=%.4f,index=%.4f,load_lsoa=%.3f,load_assets=%.3f,threads=%u,lsoa=%zu,"
        "assets=%zu,"
        "label=%s%s,process_total=%.3f\n",
        ma + mb + mc, ma, mb, mc, reps, mg, t_index, t_load_areas, t_load_assets, hw, areas.size(),
        index.set().size(), label.c_str(), syn.c_str(), now() - t_process);
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_assets: %s\n", e.what());
    return 2;
  }
  return 0;
}
