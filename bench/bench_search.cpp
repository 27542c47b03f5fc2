// Search latency (app/viewer/search_index.hpp) over every name of the national data, and postcode search
// and reading over 2.6 million synthetic postcodes (about the ONS Postcode Directory's count), written here
// in its layout (~50 columns, like the real file) under $TMPDIR and removed afterwards. Prints the figures.
//
//   build/bench/bench_search [SHARED_DATA]     (load average < 2 for figures worth comparing)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "app/viewer/pick_index.hpp"
#include "app/viewer/search_index.hpp"
#include "bench/bench_support.hpp"
#include "geo/tables/postcodes.hpp"
#include "geo/vector/ingest.hpp"

using namespace nbhd;
using nbhd::view::SearchIndex;
namespace fs = std::filesystem;

namespace {

// 2.6 M rows: outward codes "AA1".."ZZ99"-like, 3-character inward codes, BNG positions, lat/long (not
// used when the grid is given, but a real file has them), a terminated share and ~45 filler code columns.
fs::path write_synthetic_onspd(size_t rows) {
  const char* tmp = std::getenv("TMPDIR");
  fs::path p =
      fs::path(tmp && *tmp ? tmp : "/tmp") / ("nbhd_bench_onspd_" + std::to_string(::getpid()) + ".csv");
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + p.string());
  std::string header = "pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind";
  for (int c = 0; c < 40; ++c) header += ",code" + std::to_string(c);
  header += ",lat,long,lsoa21cd\n";
  std::fputs(header.c_str(), f);
  const char* L = "ABDEFGHJLNPQRSTUWXYZ";
  std::string line;
  size_t n = 0;
  uint64_t s = 12345;
  for (int a = 0; a < 20 && n < rows; ++a)
    for (int b = 0; b < 20 && n < rows; ++b)
      for (int d = 1; d <= 40 && n < rows; ++d)
        for (int sec = 0; sec < 10 && n < rows; ++sec)
          for (int u = 0; u < 400 && n < rows; u += 1, ++n) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            std::string out = std::string(1, L[a]) + L[b] + std::to_string(d);
            std::string in = std::to_string(sec) + L[u / 20] + L[u % 20];
            int e = int(100000 + (s >> 33) % 500000), no = int(50000 + (s >> 13) % 900000);
            line = out + std::string(4 - std::min<size_t>(4, out.size()), ' ') + in + "," + out + " " + in +
                   "," + out + " " + in + ",198001," + (n % 10 == 0 ? "201506" : "") + ",0," +
                   std::to_string(e) + "," + std::to_string(no) + ",1";
            for (int c = 0; c < 40; ++c) line += ",E0" + std::to_string(c % 10) + "000001";
            line += ",53.500000,-2.200000,E01000001\n";
            std::fputs(line.c_str(), f);
          }
  std::fclose(f);
  return p;
}

// Wall time of the fastest of 5 runs and the thread's CPU time in it (the machine may be shared: CPU time is
// what the query costs, wall time what a user waited at that load).
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

template <class F>
void time_queries(const char* what, const std::vector<std::string>& qs, F&& run) {
  for (const auto& q : qs) {
    size_t hits = 0;
    double cpu = 1e300;
    double ms = bench::best_ms(5, [&] {
      double c0 = thread_cpu_ms();
      hits = run(q);
      cpu = std::min(cpu, thread_cpu_ms() - c0);
    });
    std::printf("  %-28s %-14s %8.3f ms wall %8.3f ms cpu  (%zu hits)\n", what, ("\"" + q + "\"").c_str(), ms,
                cpu, hits);
  }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path data = bench::find_data(argc, argv);
  SearchIndex ix;  // empty without the national data: postcodes alone
  if (!data.empty() && fs::exists(data / "england/lsoa21.gpkg")) {
    AreaLayer L = load_areas((data / "england/lsoa21.gpkg").string(), {});
    std::vector<const AreaLayer*> outlines;
    double build = bench::best_ms(1, [&] { ix = SearchIndex(L, outlines); });
    std::printf(
        "names: %zu entries (LSOA + ward + local authority) from lsoa21.gpkg, index built in %.1f ms\n",
        ix.entries().size(), build);
    time_queries(
        "search (limit 50)",
        {"E01000001", "E05", "Harpurhey", "Manchester", "moss side", "Harpurhy", "Mancester", "st", "zzzz"},
        [&](const std::string& q) { return ix.search(q, 50).size(); });
  } else {
    std::printf("names: shared data not found (england/lsoa21.gpkg): skipped\n");
  }

  const size_t rows = 2600000;
  auto t0 = std::chrono::steady_clock::now();
  fs::path csv = write_synthetic_onspd(rows);
  double gen = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("postcodes: wrote %zu rows (%.0f MB) in %.1f s to %s\n", rows, double(fs::file_size(csv)) / 1e6,
              gen, csv.c_str());
  PostcodeReadReport rep;
  PostcodeIndex pc;
  double read_ms = bench::best_ms(1, [&] { pc = read_postcodes(csv.string(), {}, &rep); });
  std::printf("  read_postcodes: %.2f s, %zu indexed, %zu terminated (index %.0f MB)\n", read_ms / 1000,
              rep.indexed, rep.terminated, double(pc.bytes()) / 1e6);
  time_queries("postcode prefix (limit 50)", {"A", "AB1", "AB1 0", "ab10ab", "ZZ40 9ZZ", "QQ"},
               [&](const std::string& q) { return pc.find_prefix(q, 50).size(); });
  time_queries("names + postcodes", {"AB12", "AB12 3", "Harpurhey", "Harpurhy"},
               [&](const std::string& q) { return ix.search(q, 50, &pc).size(); });
  fs::remove(csv);
  return 0;
}
