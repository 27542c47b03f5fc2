// nbhd assets end to end on the demo borough: the CLI's files and JSON say what the geometry says.
// Expected values are recomputed here with GEOS (distances) and from the input CSV (denominators).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "geo/spatial/geos_handle.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

TEST(AssetsCli, PerAreaWritesZeroCountsAndPerThousandForEveryArea) {
  fs::path demo = test::demo_dir(), out = test::scratch_dir() / "gaps.csv";
  std::string err;
  int rc = test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                              " --per-area --within 400 --per households_total --indicators " +
                              q(demo / "indicators.csv") + " -o " + q(out),
                          nullptr, &err);
  ASSERT_EQ(rc, 0) << err;
  Table t = read_table(out.string());
  AreaLayer areas = load_areas((demo / "lsoa.gpkg").string());
  PointLayer assets = load_points((demo / "assets.gpkg").string());
  Table ind = read_table((demo / "indicators.csv").string());
  ASSERT_EQ(t.rows(), areas.size());
  EXPECT_EQ(t.col(0).name, "lsoa21_code");
  EXPECT_EQ(t.col(0).text, areas.codes);
  // Counts are whole numbers and never blank.
  for (const auto& c : t.cols())
    if (c.name.ends_with("_inside") || c.name.ends_with("_within_400m")) {
      EXPECT_EQ(c.type, ColumnType::Integer) << c.name;
      for (double v : c.num) EXPECT_FALSE(std::isnan(v)) << c.name;
    }
  // The demo borough tiles its outline, so every asset inside it is counted at least once.
  double total = 0;
  for (double v : t.column("assets_inside").num) total += v;
  EXPECT_GE(total, 0.9 * static_cast<double>(assets.size()));
  // Per 1,000 households, from the indicator table's own numbers.
  std::map<std::string, double> hh;
  for (size_t r = 0; r < ind.rows(); ++r)
    hh[ind.column("lsoa21_code").text[r]] = ind.column("households_total").num[r];
  const auto& inside = t.column("assets_within_400m").num;
  const auto& per = t.column("assets_within_400m_per_1000").num;
  for (size_t r = 0; r < t.rows(); ++r)
    EXPECT_NEAR(per[r], 1000.0 * inside[r] / hh.at(t.col(0).text[r]), 1e-9);
  // One nearest column per category, and it is 0 exactly where something of it is inside.
  const auto& lib_in = t.column("library_inside").num;
  const auto& lib_near = t.column("library_nearest_m").num;
  for (size_t r = 0; r < t.rows(); ++r) EXPECT_EQ(lib_in[r] > 0, lib_near[r] == 0) << t.col(0).text[r];
}

TEST(AssetsCli, NearJsonListsAssetsWithTheirTrueDistances) {
  fs::path demo = test::demo_dir();
  AreaLayer areas = load_areas((demo / "lsoa.gpkg").string());
  PointLayer assets = load_points((demo / "assets.gpkg").string());
  const std::string code = areas.codes[areas.size() / 2];
  std::string out, err;
  int rc = test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                              " --near " + code + " --within 600 --json",
                          &out, &err);
  ASSERT_EQ(rc, 0) << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["areas"][0]["code"], code);
  EXPECT_EQ(j["within_m"], 600);
  // Independent: GEOS distance from every asset to the area; the within set must be exactly those <= 600.
  GeosContext c;
  auto g = to_geos(c, areas.geoms[areas.index_of(code)]);
  std::multiset<std::string> want, got;
  std::map<std::string, double> nearest;
  for (size_t i = 0; i < assets.size(); ++i) {
    auto p = to_geos(c, assets.pts[i]);
    double d = 0;
    GEOSDistance_r(c, g.get(), p.get(), &d);
    const std::string& cat = assets.categories[i];
    if (d <= 600) want.insert(cat + "|" + assets.attrs.column("asset_id").text[i]);
    if (!nearest.count(cat) || d < nearest[cat]) nearest[cat] = d;
  }
  size_t listed = 0;
  for (const auto& cat : j["categories"]) {
    double last = -1;
    for (const auto& a : cat["assets"]) {
      got.insert(cat["category"].get<std::string>() + "|" + a["attributes"]["asset_id"].get<std::string>());
      EXPECT_GE(a["distance_m"].get<double>(), last);  // sorted by distance within a category
      last = a["distance_m"].get<double>();
      ++listed;
    }
    EXPECT_NEAR(cat["nearest"]["distance_m"].get<double>(), nearest.at(cat["category"]), 1e-6);
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(j["count_within"].get<size_t>(), listed);
  EXPECT_GT(listed, 0u);
}

TEST(AssetsCli, NearCsvAndTextShareTheAnswer) {
  fs::path demo = test::demo_dir(), out = test::scratch_dir() / "near.csv";
  AreaLayer areas = load_areas((demo / "lsoa.gpkg").string());
  std::string codes = areas.codes[3] + "," + areas.codes[4];
  std::string text, err;
  ASSERT_EQ(test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                               " --near " + codes + " --within 300 --csv -o " + q(out),
                           nullptr, &err),
            0)
      << err;
  ASSERT_EQ(test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                               " --near " + codes + " --within 300",
                           &text, &err),
            0)
      << err;
  Table t = read_table(out.string());
  size_t within = 0;
  for (size_t r = 0; r < t.rows(); ++r) within += t.column("kind").text[r] == "within";
  EXPECT_NE(text.find("Assets within 300 m of " + areas.codes[3]), std::string::npos) << text;
  EXPECT_NE(text.find(": " + std::to_string(within) + "\n"), std::string::npos) << text;
  for (double d : t.column("distance_m").num) EXPECT_GE(d, 0);
}

TEST(AssetsCli, BadInputGivesOneLineErrors) {
  fs::path demo = test::demo_dir();
  std::string base = "assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg");
  std::string err;
  EXPECT_EQ(test::run_nbhd(base + " --near E01999999", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd assets: area code 'E01999999' is not in " + (demo / "lsoa.gpkg").string() +
                     " (key field lsoa21_code, e.g. E01900001); check the code and the boundary file\n");
  EXPECT_EQ(test::run_nbhd(base + " --near E01900001 --categories libary", nullptr, &err), 2);
  EXPECT_NE(err.find("nbhd assets: unknown category 'libary' in "), std::string::npos) << err;
  EXPECT_NE(err.find("categories are: "), std::string::npos) << err;
  EXPECT_EQ(test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --near E01900001", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd assets: give at least one --assets FILE (see nbhd assets --help)\n");
  EXPECT_EQ(test::run_nbhd(base + " --per-area", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd assets: --per-area needs -o GAPS.csv (see nbhd assets --help)\n");
  EXPECT_EQ(test::run_nbhd(base + " --near E01900001 --within=-5", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd assets: --within needs a distance in metres >= 0, got -5 (see nbhd assets --help)\n");
}

TEST(AssetsCli, GroupsGiveGroupColumnsAndTheMissingCount) {
  fs::path demo = test::demo_dir(), out = test::scratch_dir() / "gaps_groups.csv";
  std::string err;
  int rc = test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                              " --per-area --within 800 --groups " + q(demo / "asset_groups.csv") + " -o " +
                              q(out) + " --force",
                          nullptr, &err);
  ASSERT_EQ(rc, 0) << err;
  EXPECT_NE(err.find("coverage: 300 of 300 areas in authorities (ltla24_code) holding at least 10 assets"),
            std::string::npos)
      << err;
  Table t = read_table(out.string());
  // The group table as written by the demo generator, read here as plain CSV.
  Table g = read_table((demo / "asset_groups.csv").string());
  std::map<std::string, std::vector<std::string>> groups;
  std::vector<std::string> order;
  for (size_t r = 0; r < g.rows(); ++r) {
    const std::string& name = g.column("group").text[r];
    if (!groups.count(name)) order.push_back(name);
    groups[name].push_back(g.column("category").text[r]);
  }
  ASSERT_EQ(order.size(), 5u);
  size_t some = 0;
  for (size_t r = 0; r < t.rows(); ++r) {
    int missing = 0;
    std::string list;
    for (const auto& name : order) {
      // A group's count is the sum of its categories' counts (each asset has one category).
      double sum = 0;
      for (const auto& c : groups[name]) sum += t.column(c + "_within_800m").num[r];
      EXPECT_EQ(t.column(name + "_within_800m").num[r], sum) << name << " row " << r;
      if (sum == 0) ++missing, list += (list.empty() ? "" : "; ") + name;
    }
    EXPECT_EQ(t.column("missing_within_800m").num[r], missing) << r;
    EXPECT_EQ(t.column("missing_within_800m_list").text[r], list.empty() ? "none" : list) << r;
    some += missing > 0;
  }
  EXPECT_GT(some, 0u);  // the demo's civic assets thin out where need is high: some areas miss a group
}

TEST(AssetsCli, ZeroAndBlankDenominatorsAreNoDataAndCounted) {
  fs::path demo = test::demo_dir(), dir = test::scratch_dir(), out = dir / "gaps_den.csv";
  AreaLayer areas = load_areas((demo / "lsoa.gpkg").string());
  std::string csv = "lsoa21_code,hh\n";
  for (size_t i = 0; i < areas.size(); ++i)
    csv += areas.codes[i] + "," + (i % 50 == 0 ? "0" : i % 50 == 1 ? "" : "500") + "\n";
  std::ofstream(dir / "hh.csv") << csv;
  std::string err;
  int rc = test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                              " --per-area --within 500 --per hh --indicators " + q(dir / "hh.csv") + " -o " +
                              q(out) + " --force",
                          nullptr, &err);
  ASSERT_EQ(rc, 0) << err;
  EXPECT_NE(err.find("per 1,000 hh: 12 covered areas have it blank or 0, their rates are No data"),
            std::string::npos)
      << err;
  Table t = read_table(out.string());
  const auto& rate = t.column("assets_within_500m_per_1000").num;
  const auto& count = t.column("assets_within_500m").num;
  for (size_t i = 0; i < t.rows(); ++i) {
    EXPECT_EQ(std::isnan(rate[i]), i % 50 < 2) << i;
    if (i % 50 >= 2) {
      EXPECT_DOUBLE_EQ(rate[i], 2 * count[i]);
    }
  }
}

TEST(AssetsCli, BadGroupTablesAndDistancesGiveOneLineErrors) {
  fs::path demo = test::demo_dir(), dir = test::scratch_dir();
  std::string base = "assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                     " --per-area -o " + q(dir / "g.csv") + " --force";
  std::ofstream(dir / "bad_groups.csv")
      << "group,category\nhealth,gp_practice\nhealth,dentist\ncivic,libary\n";
  std::string err;
  EXPECT_EQ(test::run_nbhd(base + " --groups " + q(dir / "bad_groups.csv"), nullptr, &err), 2);
  // The categories are known once the assets are read: the report of that read, then the one error line.
  ASSERT_NE(err.find("\nnbhd assets: "), std::string::npos) << err;
  err = err.substr(err.find("\nnbhd assets: ") + 1);
  EXPECT_EQ(err,
            "nbhd assets: " + (dir / "bad_groups.csv").string() +
                " names 2 categories the assets do not have: dentist, libary; the assets' categories are: "
                "community_centre, food_bank, gp_practice, library, park, pharmacy, place_of_worship, "
                "post_office, pub, school, sports_facility, youth_club\n");
  EXPECT_FALSE(fs::exists(dir / "g.csv"));
  std::ofstream(dir / "one_col.csv") << "group\nhealth\n";
  EXPECT_EQ(test::run_nbhd(base + " --groups " + q(dir / "one_col.csv"), nullptr, &err), 2);
  EXPECT_EQ(err,
            "nbhd assets: " + (dir / "one_col.csv").string() +
                " line 1: the header must name the columns 'group' and 'category' (e.g. group,category)\n");
  EXPECT_EQ(test::run_nbhd(base + " --within 60000", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd assets: the distance D must be a number of metres from 0 to 50000, got 60000\n");
  EXPECT_EQ(test::run_nbhd(base + " --coverage-field lad99_code", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd assets: coverage field 'lad99_code' is not a field of " +
                     (demo / "lsoa.gpkg").string() +
                     "; name the local-authority field of the boundaries (e.g. ltla24_code)\n");
}

}  // namespace
}  // namespace nbhd
