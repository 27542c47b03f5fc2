#include "data/demo_dataset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <sstream>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "data/demo_basemap.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/vector/lonlat.hpp"
#include "geo/vector/vector_write.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

constexpr double kPi = 3.14159265358979323846;

// splitmix64: tiny, fast and, unlike std::uniform_real_distribution, the same on every platform.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  double normal() {  // Box-Muller
    double u = std::max(uniform(), 1e-300), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * kPi * v);
  }
};

// The borough sits where a northern English town might (British National Grid metres).
constexpr double kCx = 437000, kCy = 398000, kRadius = 6200;
constexpr int kAreas = 300, kWards = 25;

double outline_radius(double theta) {
  return kRadius * (1 + 0.14 * std::sin(3 * theta + 0.7) + 0.08 * std::sin(5 * theta + 2.1) +
                    0.04 * std::sin(9 * theta));
}

Ring outline_ring() {
  Ring r;
  const int n = 144;
  for (int i = 0; i < n; ++i) {
    double t = 2 * kPi * i / n;
    double rr = outline_radius(t);
    r.push_back({std::round(kCx + rr * std::cos(t)), std::round(kCy + rr * std::sin(t))});
  }
  r.push_back(r.front());
  return r;
}

bool inside_outline(Point p) {
  double dx = p.x - kCx, dy = p.y - kCy;
  return std::hypot(dx, dy) < outline_radius(std::atan2(dy, dx)) * 0.985;
}

// Deprived pockets: Gaussian bumps. The IMD-like and CNI-like fields share some pockets (dual disadvantage)
// and differ in others, as the real indices do.
struct Bump {
  double x, y, sigma, height;
};
double field(const std::vector<Bump>& bumps, Point p) {
  double v = 0;
  for (const auto& b : bumps)
    v += b.height * std::exp(-(std::pow(p.x - b.x, 2) + std::pow(p.y - b.y, 2)) / (2 * b.sigma * b.sigma));
  return v;
}

// Rank 1 = highest value; ties share order of appearance (stable).
std::vector<int> rank_desc(const std::vector<double>& v) {
  std::vector<size_t> idx(v.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v[a] > v[b]; });
  std::vector<int> rank(v.size());
  for (size_t r = 0; r < idx.size(); ++r) rank[idx[r]] = static_cast<int>(r + 1);
  return rank;
}

const char* kWardNames[kWards] = {
    "Abbey Mill", "Ashgrove",          "Bankside",  "Birchfield", "Brookvale", "Castle Hill", "Clayton Moor",
    "Dale End",   "Eastbrook Central", "Fairholme", "Foxley",     "Greenacre", "Hallam Park", "Hollins",
    "Kingsmead",  "Larkrise",          "Millbrook", "Northmoor",  "Oakwood",   "Priory",      "Riverside",
    "St Anne's",  "Thornley",          "Westfield", "Whitecross"};
const char* kStreets[] = {"Church", "Mill",   "Station", "High",   "Park", "Victoria", "Albert", "Queen's",
                          "Canal",  "Bridge", "Chapel",  "Market", "Moor", "Spring",   "Union",  "York"};

std::string pad(int v, int width) {
  std::string s = std::to_string(v);
  return std::string(static_cast<size_t>(std::max(0, width - static_cast<int>(s.size()))), '0') + s;
}

// A postcode table in the ONS Postcode Directory layout (a few of its ~50 columns): three postcodes in each
// area at random points inside it, district by ward ("EB1" .. "EB9"), every 25th terminated as real
// directories keep old postcodes. Its own random stream, so the rest of the dataset is as before.
std::string demo_postcodes(const std::vector<size_t>& order, const std::vector<MultiPolygon>& cells,
                           const std::vector<int>& ward_of, const std::vector<std::string>& codes,
                           size_t* count) {
  static const char kUnit[] = "ABDEFGHJLNPQRSTUWXYZ";  // the letters ONS uses in the inward code
  Rng rng{20251205};
  LonLatTransform to_lonlat("EPSG:27700");
  std::ostringstream out;
  out << "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long,lsoa21cd\n";
  std::vector<int> used(10, 0);
  size_t serial = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    const MultiPolygon& cell = cells[order[k]];
    BBox b = bbox_of(cell);
    int district = 1 + ward_of[order[k]] / 3;
    for (int j = 0; j < 3; ++j) {
      Point p{std::round((b.minx + b.maxx) / 2), std::round((b.miny + b.maxy) / 2)};
      for (int t = 0; t < 200; ++t) {
        Point c{std::round(rng.uniform(b.minx, b.maxx)), std::round(rng.uniform(b.miny, b.maxy))};
        // Clear of the edges by more than the rounding, so any reader places it in this area.
        if (contains(cell, c) && contains(cell, {c.x - 0.6, c.y - 0.6}) &&
            contains(cell, {c.x + 0.6, c.y - 0.6}) && contains(cell, {c.x - 0.6, c.y + 0.6}) &&
            contains(cell, {c.x + 0.6, c.y + 0.6})) {
          p = c;
          break;
        }
      }
      int c = used[size_t(district)]++;
      std::string outward = "EB" + std::to_string(district);
      std::string inward = std::to_string(1 + (c / 400) % 9) + kUnit[(c / 20) % 20] + kUnit[c % 20];
      double lon = 0, lat = 0;
      to_lonlat(p, lon, lat);
      char ll[64];
      std::snprintf(ll, sizeof ll, "%.6f,%.6f", lat, lon);
      bool terminated = ++serial % 25 == 0;
      out << outward + std::string(4 - outward.size(), ' ') + inward << ','
          << outward + std::string(5 - outward.size(), ' ') + inward << ',' << outward << ' ' << inward
          << ",199801," << (terminated ? "202306" : "") << ',' << format_number(p.x) << ','
          << format_number(p.y) << ',' << ll << ',' << codes[k] << '\n';
      *count += !terminated;
    }
  }
  return out.str();
}

Column text_column(std::string name, std::vector<std::string> v) {
  Column c;
  c.name = std::move(name);
  c.type = ColumnType::Text;
  c.text = std::move(v);
  return c;
}

}  // namespace

DemoSummary write_demo_dataset(const std::string& dir, const Progress& progress) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw Error("cannot create folder " + dir + "; choose a writable location");
  Rng rng{20241129};
  GeosContext geos;
  report(progress, 0.05, "tessellating");

  // 1. Seeds: best-candidate sampling gives evenly spread, irregular cells like real LSOAs; denser in the
  //    town centre, as population (and so LSOA size) is.
  std::vector<Point> seeds;
  while (seeds.size() < static_cast<size_t>(kAreas)) {
    Point best{};
    double best_d = -1;
    for (int k = 0; k < 12; ++k) {
      double r = kRadius * 1.2 * std::sqrt(rng.uniform()), t = rng.uniform(0, 2 * kPi);
      Point p{kCx + r * std::cos(t), kCy + r * std::sin(t)};
      if (!inside_outline(p)) continue;
      double d = 1e18;
      for (const auto& s : seeds) d = std::min(d, std::hypot(s.x - p.x, s.y - p.y));
      d *= 1 + 0.8 * std::hypot(p.x - kCx, p.y - kCy) / kRadius;  // favour the centre
      if (d > best_d) best_d = d, best = p;
    }
    if (best_d >= 0) seeds.push_back(best);
  }

  // 2. Voronoi cells clipped to the outline: areas that share edges exactly.
  Polygon outline_poly{{outline_ring()}};
  GeomPtr outline = to_geos(geos, MultiPolygon{outline_poly});
  std::vector<GEOSGeometry*> pts;
  for (const auto& s : seeds) pts.push_back(GEOSGeom_createPointFromXY_r(geos, s.x, s.y));
  GeomPtr mp = own(geos, GEOSGeom_createCollection_r(geos, GEOS_MULTIPOINT, pts.data(),
                                                     static_cast<unsigned>(pts.size())));
  GeomPtr vor = own(geos, GEOSVoronoiDiagram_r(geos, mp.get(), outline.get(), 0.0, 0));
  if (!vor) throw Error("internal: GEOS could not build the demo tessellation: " + geos.last_error());
  std::vector<MultiPolygon> cells(seeds.size());
  for (int i = 0; i < GEOSGetNumGeometries_r(geos, vor.get()); ++i) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(geos, vor.get(), i);
    GeomPtr clipped = own(geos, GEOSIntersection_r(geos, cell, outline.get()));
    // Snap to a 1 m grid so shared edges stay identical after the GeoPackage round trip.
    GeomPtr snapped = own(geos, GEOSGeom_setPrecision_r(geos, clipped.get(), 1.0, 0));
    for (size_t s = 0; s < seeds.size(); ++s) {
      GeomPtr p = to_geos(geos, seeds[s]);
      if (GEOSIntersects_r(geos, cell, p.get()) == 1 && cells[s].empty()) {
        cells[s] = from_geos(geos, snapped.get());
        break;
      }
    }
  }

  // 3. Wards: 25 centres by farthest-point sampling; each area joins its nearest centre.
  std::vector<size_t> centres{0};
  while (centres.size() < static_cast<size_t>(kWards)) {
    size_t far = 0;
    double far_d = -1;
    for (size_t i = 0; i < seeds.size(); ++i) {
      double d = 1e18;
      for (size_t c : centres) d = std::min(d, std::hypot(seeds[i].x - seeds[c].x, seeds[i].y - seeds[c].y));
      if (d > far_d) far_d = d, far = i;
    }
    centres.push_back(far);
  }
  std::vector<int> ward_of(seeds.size());
  for (size_t i = 0; i < seeds.size(); ++i) {
    double best = 1e18;
    for (size_t c = 0; c < centres.size(); ++c) {
      double d = std::hypot(seeds[i].x - seeds[centres[c]].x, seeds[i].y - seeds[centres[c]].y);
      if (d < best) best = d, ward_of[i] = static_cast<int>(c);
    }
  }
  // Number areas ward by ward, west to east inside each, like ONS numbering within a district.
  std::vector<size_t> order(seeds.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return ward_of[a] != ward_of[b] ? ward_of[a] < ward_of[b] : seeds[a].x < seeds[b].x;
  });
  report(progress, 0.3, "indicators");

  // 4. Indicators.
  std::vector<Bump> imd_bumps = {{kCx - 2500, kCy + 1200, 1400, 55},
                                 {kCx + 2600, kCy - 1800, 1100, 45},
                                 {kCx + 300, kCy - 300, 900, 35},
                                 {kCx - 1200, kCy - 3300, 1000, 30}};
  std::vector<Bump> cni_bumps = {{kCx - 2400, kCy + 1000, 1300, 60},
                                 {kCx + 2800, kCy - 1600, 1000, 40},
                                 {kCx + 3200, kCy + 2800, 1200, 45},
                                 {kCx - 3800, kCy - 1000, 900, 30}};
  const size_t n = seeds.size();
  std::vector<double> imd(n), income(n), employment(n), civic(n), connect(n), engaged(n), cni(n),
      households(n);
  for (size_t i = 0; i < n; ++i) {
    Point p = seeds[i];
    double base = field(imd_bumps, p);
    imd[i] = std::round(std::max(2.0, 8 + base + 5 * rng.normal()) * 1000) / 1000;
    income[i] = std::round(std::clamp(0.03 + base / 260 + 0.02 * rng.normal(), 0.005, 0.6) * 1000) / 1000;
    employment[i] =
        std::round(std::clamp(0.02 + base / 330 + 0.015 * rng.normal(), 0.005, 0.5) * 1000) / 1000;
    double need = field(cni_bumps, p);
    civic[i] = std::round((20 + 0.55 * need + 6 * rng.normal()) * 100) / 100;
    connect[i] = std::round((25 + 0.35 * need + 0.15 * base + 6 * rng.normal()) * 100) / 100;
    engaged[i] = std::round((22 + 0.4 * need + 5 * rng.normal()) * 100) / 100;
    cni[i] = std::round((civic[i] + connect[i] + engaged[i]) * 100) / 100;
    households[i] = std::round(560 + 260 * rng.uniform() + 60 * rng.normal());
  }
  std::vector<int> imd_rank = rank_desc(imd), cni_rank = rank_desc(cni);
  auto decile = [&](int rank) { return 1 + (rank - 1) * 10 / static_cast<int>(n); };

  // 5. The layer, in ONS-like order.
  AreaLayer lsoa;
  lsoa.working_crs = "EPSG:27700";
  std::vector<std::string> codes, names, wcodes, wnames;
  std::ostringstream ind, lookup;
  ind << "lsoa21_code,lsoa21_name,IMD_score,IMD_rank,IMD_decile,Income_score,Employment_score,"
         "CNI_score,CNI_rank,Civic_Assets_score,Connectedness_score,Active_Engaged_score,households_total,"
         "Left Behind Area?\n";
  lookup << "lsoa21_code,ward24_code,ward24_name,ltla24_code,ltla24_name\n";
  DemoSummary sum;
  for (size_t k = 0; k < n; ++k) {
    size_t i = order[k];
    std::string code = "E01" + pad(900001 + static_cast<int>(k), 6);
    std::string name =
        "Eastbrook " + pad(static_cast<int>(k) + 1, 3) + std::string(1, static_cast<char>('A' + k % 4));
    std::string wcode = "E05" + pad(900001 + ward_of[i], 6);
    std::string wname = kWardNames[ward_of[i]];
    codes.push_back(code);
    names.push_back(name);
    wcodes.push_back(wcode);
    wnames.push_back(wname);
    lsoa.codes.push_back(code);
    lsoa.names.push_back(name);
    lsoa.geoms.push_back(cells[i]);
    bool left_behind = decile(imd_rank[i]) == 1 && decile(cni_rank[i]) == 1;
    sum.left_behind += left_behind;
    ind << code << ',' << csv_field(name) << ',' << format_number(imd[i]) << ',' << imd_rank[i] << ','
        << decile(imd_rank[i]) << ',' << format_number(income[i]) << ',' << format_number(employment[i])
        << ',' << format_number(cni[i]) << ',' << cni_rank[i] << ',' << format_number(civic[i]) << ','
        << format_number(connect[i]) << ',' << format_number(engaged[i]) << ','
        << format_number(households[i]) << ',' << (left_behind ? "TRUE" : "FALSE") << '\n';
    lookup << code << ',' << wcode << ',' << csv_field(wname) << ",E08900001,Eastbrook\n";
  }
  lsoa.attrs.add(text_column("lsoa21_code", codes));
  lsoa.attrs.add(text_column("lsoa21_name", names));
  lsoa.attrs.add(text_column("ward24_code", wcodes));
  lsoa.attrs.add(text_column("ward24_name", wnames));
  lsoa.attrs.add(text_column("ltla24_code", std::vector<std::string>(n, "E08900001")));
  lsoa.attrs.add(text_column("ltla24_name", std::vector<std::string>(n, "Eastbrook")));
  report(progress, 0.5, "writing areas");
  write_gpkg(lsoa, (fs::path(dir) / "lsoa.gpkg").string(), true);

  // 6. Wards: the union of their areas.
  AreaLayer wards;
  wards.working_crs = "EPSG:27700";
  std::vector<std::string> wc, wn;
  for (int w = 0; w < kWards; ++w) {
    std::vector<GEOSGeometry*> parts;
    for (size_t k = 0; k < n; ++k)
      if (wcodes[k] == "E05" + pad(900001 + w, 6)) parts.push_back(to_geos(geos, lsoa.geoms[k]).release());
    if (parts.empty()) continue;
    GeomPtr coll = own(geos, GEOSGeom_createCollection_r(geos, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                         static_cast<unsigned>(parts.size())));
    GeomPtr u = own(geos, GEOSUnaryUnion_r(geos, coll.get()));
    wards.codes.push_back("E05" + pad(900001 + w, 6));
    wards.geoms.push_back(from_geos(geos, u.get()));
    wc.push_back(wards.codes.back());
    wn.push_back(kWardNames[w]);
  }
  wards.names = wn;
  wards.attrs.add(text_column("ward24_code", wc));
  wards.attrs.add(text_column("ward24_name", wn));
  write_gpkg(wards, (fs::path(dir) / "wards.gpkg").string(), true);
  report(progress, 0.7, "writing assets");

  // 7. Assets: fewer civic assets where civic need is high (that is what the CNI measures).
  struct Cat {
    const char* name;
    const char* label;
    int count;
    bool civic;
  };
  const Cat cats[] = {{"community_centre", "Community Centre", 70, true},
                      {"library", "Library", 14, true},
                      {"gp_practice", "Medical Practice", 38, false},
                      {"pub", "Arms", 160, true},
                      {"place_of_worship", "Church", 150, true},
                      {"park", "Park", 100, true},
                      {"school", "Primary School", 95, false},
                      {"pharmacy", "Pharmacy", 45, false},
                      {"post_office", "Post Office", 28, false},
                      {"sports_facility", "Sports Centre", 50, true},
                      {"food_bank", "Food Bank", 18, false},
                      {"youth_club", "Youth Club", 40, true}};
  double max_need = *std::max_element(civic.begin(), civic.end());
  std::vector<std::string> aid, acat, aname;
  PointLayer assets;
  assets.working_crs = "EPSG:27700";
  int serial = 0;
  for (const auto& c : cats) {
    for (int k = 0; k < c.count;) {
      double r = kRadius * 1.2 * std::sqrt(rng.uniform()), t = rng.uniform(0, 2 * kPi);
      Point p{std::round(kCx + r * std::cos(t)), std::round(kCy + r * std::sin(t))};
      if (!inside_outline(p)) continue;
      if (c.civic) {
        // nearest seed's civic need sets the chance of keeping this site
        size_t near = 0;
        double d = 1e18;
        for (size_t i = 0; i < n; ++i)
          if (double dd = std::hypot(seeds[i].x - p.x, seeds[i].y - p.y); dd < d) d = dd, near = i;
        if (rng.uniform() < 0.85 * (civic[near] - 10) / max_need) continue;
      }
      ++k;
      ++serial;
      assets.pts.push_back(p);
      aid.push_back("demo" + pad(serial, 4));
      acat.push_back(c.name);
      std::string street = kStreets[rng.next() % (sizeof kStreets / sizeof kStreets[0])];
      aname.push_back(std::string(c.name) == "pub" ? "The " + street + " " + c.label
                                                   : street + " Road " + c.label);
    }
  }
  assets.categories = acat;
  assets.names = aname;
  assets.attrs.add(text_column("asset_id", aid));
  assets.attrs.add(text_column("category", acat));
  assets.attrs.add(text_column("name", aname));
  write_points_gpkg(assets, (fs::path(dir) / "assets.gpkg").string(), true);

  // What planners ask about, made of the demo's categories (the format of nbhd assets --groups).
  write_file_atomic((fs::path(dir) / "asset_groups.csv").string(),
                    "group,category\n"
                    "community_civic,community_centre\ncommunity_civic,library\ncommunity_civic,youth_club\n"
                    "community_civic,place_of_worship\n"
                    "health,gp_practice\nhealth,pharmacy\n"
                    "education,school\n"
                    "green_space,park\ngreen_space,sports_facility\n"
                    "everyday_services,post_office\neveryday_services,food_bank\neveryday_services,pub\n");
  // 8. The borough's own basemap (streets, main roads, a river, parks at the park assets), for --basemap.
  report(progress, 0.8, "drawing the basemap");
  std::vector<Point> parks;
  for (size_t i = 0; i < assets.size(); ++i)
    if (acat[i] == "park") parks.push_back(assets.pts[i]);
  write_raster_gpkg(draw_demo_basemap(
                        Point{kCx, kCy}, 10240, [](Point p) { return inside_outline(p); }, parks),
                    "EPSG:27700", (fs::path(dir) / "eastbrook_basemap.gpkg").string(),
                    {{"ATTRIBUTION", "Basemap: synthetic Eastbrook streets, nbhd demo"}}, true);
  write_file_atomic((fs::path(dir) / "indicators.csv").string(), ind.str());
  write_file_atomic((fs::path(dir) / "lsoa_ward_lookup.csv").string(), lookup.str());
  // Readable names for the indicator columns (nbhd render/view --metadata), as a planner would keep them.
  write_file_atomic(
      (fs::path(dir) / "metadata.csv").string(),
      "column,label,unit,source,year,higher_is\n"
      "IMD_score,Deprivation score (IMD-like),score,Eastbrook demo data (synthetic),2025,worse\n"
      "IMD_rank,Deprivation rank (1 = most deprived),rank,Eastbrook demo data (synthetic),2025,better\n"
      "IMD_decile,Deprivation decile (1 = most deprived),decile,Eastbrook demo data (synthetic),2025,better\n"
      "Income_score,Income deprivation,share of people,Eastbrook demo data (synthetic),2025,worse\n"
      "Employment_score,Employment deprivation,share of working-age people,Eastbrook demo data "
      "(synthetic),2025,worse\n"
      "CNI_score,Community Needs Index score,score,Eastbrook demo data (synthetic),2023,worse\n"
      "CNI_rank,Community Needs Index rank (1 = highest need),rank,Eastbrook demo data (synthetic),2023,"
      "better\n"
      "Civic_Assets_score,Civic assets (CNI domain),score,Eastbrook demo data (synthetic),2023,worse\n"
      "Connectedness_score,Connectedness (CNI domain),score,Eastbrook demo data (synthetic),2023,worse\n"
      "Active_Engaged_score,Active and engaged community (CNI domain),score,Eastbrook demo data "
      "(synthetic),2023,worse\n"
      "households_total,Households,households,Eastbrook demo data (synthetic),2021,\n"
      "Left Behind Area?,Left-behind area (worst 10% on IMD and CNI),,Eastbrook demo data (synthetic),"
      "2023,\n");
  write_file_atomic(
      (fs::path(dir) / "README.md").string(),
      "# nbhd demo dataset: the fictional borough of Eastbrook\n\n"
      "Synthetic data made by `nbhd demo` (deterministic). Codes look like ONS codes but are fictional.\n"
      "None of it describes a real place.\n\n"
      "- `lsoa.gpkg` (layer `lsoa`): " +
          std::to_string(n) +
          " LSOA-like areas, EPSG:27700, key `lsoa21_code`.\n"
          "- `wards.gpkg` (layer `wards`): " +
          std::to_string(wards.size()) +
          " wards, the union of their areas, key `ward24_code`.\n"
          "- `indicators.csv`: IMD-like score/rank/decile (rank 1 = most deprived), CNI-like score and "
          "domains,\n"
          "  `households_total`, and `Left Behind Area?` (worst 10% on both IMD and CNI).\n"
          "- `lsoa_ward_lookup.csv`: LSOA -> ward -> local authority.\n"
          "- `metadata.csv`: a label, unit, source, year and higher_is (worse/better) for each indicator\n"
          "  column (`nbhd render --metadata`, `nbhd view --metadata`).\n"
          "- `assets.gpkg` (layer `assets`): " +
          std::to_string(assets.size()) +
          " community assets with `category` and `name`.\n"
          "- `asset_groups.csv`: the categories grouped into what planners ask about (group,category), for\n"
          "  `nbhd assets --per-area --groups` and the viewer's `--asset-groups`.\n"
          "- `eastbrook_basemap.gpkg`: a basemap of Eastbrook's (synthetic) streets, main roads, river and\n"
          "  parks as GeoPackage raster tiles (PNG, EPSG:27700, 20 m a pixel), for `--basemap`.\n"
          "- `postcodes.csv`: synthetic postcodes (\"EB1 1AB\") in the ONS Postcode Directory layout, for\n"
          "  `nbhd view --postcodes`; every 25th is terminated (`doterm`).\n");
  write_file_atomic((fs::path(dir) / "postcodes.csv").string(),
                    demo_postcodes(order, cells, ward_of, codes, &sum.postcodes));

  sum.areas = n;
  sum.wards = wards.size();
  sum.assets = assets.size();
  report(progress, 1.0, "done");
  return sum;
}

}  // namespace nbhd
