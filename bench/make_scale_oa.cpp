// Makes the output-area-like scale layer of bench/make_scale_data.sh: each LSOA21 split into contiguous
// parts (geo/spatial/subdivide) with unique E00/W00-style codes, and a SYNTHETIC indicator table for them.
//   make_scale_oa LSOA_GPKG IMD_CSV HOUSEHOLDS_CSV OUT_GPKG OUT_CSV [HOUSEHOLDS_PER_OA]
// Parts per LSOA: its Census 2021 households / HOUSEHOLDS_PER_OA (default 135), rounded, at least 2, so
// about 184,000 parts for England and Wales (ONS output areas aim at about 125 households; there are
// 188,880). OUT_GPKG is written in EPSG:27700 (the working CRS); the script reprojects it to EPSG:4326 like
// the shared boundaries. The indicator values are NOT real data:
//   imd_score_synth  = parent LSOA's IMD 2025 score x exp(0.3 N(0,1))   (England only, like the IMD)
//   imd_decile_synth = decile of imd_score_synth over English parts, 1 = most deprived
//   households_synth = parent households shared by part area (sums to the parent's)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/error.hpp"
#include "geo/spatial/subdivide_layer.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "geo/vector/vector_write.hpp"

namespace {

std::unordered_map<std::string, double> column_by_code(const nbhd::Table& t, const char* key,
                                                       const char* col) {
  const auto& k = t.column(key);
  const auto& v = t.numeric(col);
  std::unordered_map<std::string, double> m;
  for (size_t i = 0; i < t.rows(); ++i) m.emplace(k.text[i], v.num[i]);
  return m;
}

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ull;
  return h;
}

double normal(std::mt19937_64& g) {  // Box-Muller on the generator's bits: the same stream everywhere
  double u1 = (double(g() >> 11) + 0.5) * 0x1.0p-53, u2 = double(g() >> 11) * 0x1.0p-53;
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

int run(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(
        stderr,
        "usage: make_scale_oa LSOA_GPKG IMD_CSV HOUSEHOLDS_CSV OUT_GPKG OUT_CSV [HOUSEHOLDS_PER_OA]\n");
    return 2;
  }
  const double per_oa = argc > 6 ? std::atof(argv[6]) : 135.0;
  auto t0 = std::chrono::steady_clock::now();
  nbhd::AreaLayer lsoa = nbhd::load_areas(argv[1]);
  auto imd = column_by_code(nbhd::read_table(argv[2]), "lsoa21_code", "IMD_score");
  auto hh = column_by_code(nbhd::read_table(argv[3]), "lsoa21_code", "households_total");

  const size_t n = lsoa.size();
  nbhd::SubdivideLayerOptions so;
  so.carry = {"ltla24_code", "ltla24_name"};
  size_t multi_parent = 0;
  for (size_t i = 0; i < n; ++i) {
    auto h = hh.find(lsoa.codes[i]);
    double households = h == hh.end() || std::isnan(h->second) ? 5 * per_oa : h->second;
    so.parts.push_back(unsigned(std::max(2.0, std::round(households / per_oa))));
    if (lsoa.geoms[i].size() > 1) ++multi_parent;
  }
  nbhd::AreaLayer oa = nbhd::subdivide_layer(lsoa, so);
  auto t1 = std::chrono::steady_clock::now();

  // The synthetic indicators, part by part in order (parts of a parent are consecutive).
  struct Row {
    std::string code, parent;
    double score, households;
  };
  std::vector<Row> rows;
  const auto& parent_of = oa.attrs.column("lsoa21_code").text;
  size_t english = 0;
  for (size_t j = 0; j < oa.size();) {
    const std::string& lc = parent_of[j];
    size_t end = j;
    while (end < oa.size() && parent_of[end] == lc) ++end;
    const size_t i = lsoa.index_of(lc);
    std::mt19937_64 rng(fnv1a(lc) ^ 0x9e3779b97f4a7c15ull);
    auto s = imd.find(lc);
    auto h = hh.find(lc);
    const double parent_area = nbhd::area(lsoa.geoms[i]);
    double hh_left = h == hh.end() ? NAN : h->second;
    for (size_t k = j; k < end; ++k) {
      double hh_part = NAN;
      if (!std::isnan(hh_left)) {  // by area share; the last part takes the rest, so they sum exactly
        hh_part = k + 1 == end ? hh_left : std::round(h->second * nbhd::area(oa.geoms[k]) / parent_area);
        hh_part = std::min(hh_part, hh_left);
        hh_left -= hh_part;
      }
      double noise = normal(rng);
      if (lc[0] == 'E') ++english;
      if (s != imd.end() && lc[0] == 'E')
        rows.push_back({oa.codes[k], lc, s->second * std::exp(0.3 * noise), hh_part});
    }
    j = end;
  }
  std::ofstream csv(argv[5]);
  csv << "oa21_code,lsoa21_code,imd_score_synth,imd_decile_synth,households_synth\n";
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return rows[a].score > rows[b].score; });
  std::vector<int> decile(rows.size());
  for (size_t r = 0; r < order.size(); ++r) decile[order[r]] = 1 + int(10 * r / order.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    char line[160];
    std::snprintf(line, sizeof line, "%s,%s,%.3f,%d,%.0f\n", rows[r].code.c_str(), rows[r].parent.c_str(),
                  rows[r].score, decile[r], rows[r].households);
    csv << line;
  }
  csv.close();
  if (!csv) throw nbhd::Error(std::string("could not write ") + argv[5]);
  nbhd::write_gpkg(oa, argv[4], true);
  auto t2 = std::chrono::steady_clock::now();
  std::printf(
      "make_scale_oa: %zu LSOAs (%zu multipart) -> %zu parts (%zu E00, %zu W00), %zu indicator rows; "
      "load + subdivide %.1f s, total %.1f s\n",
      n, multi_parent, oa.size(), english, oa.size() - english, rows.size(),
      std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t0).count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_scale_oa: %s\n", e.what());
    return 2;
  }
}
