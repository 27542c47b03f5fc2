// The viewer's Gaps panel as a real window under Xvfb, on the demo borough: its columns against `nbhd assets
// --per-area` for the same groups, D and denominator (area for area), a change of D redrawing the map and
// the legend, the bivariate and dual views of IMD x the missing count against `nbhd flag`, and areas of an
// authority the assets do not cover shown as No data (the same rule as the CLI). Skipped when xvfb-run is
// not installed.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "geo/vector/vector_write.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::quoted;

// Every gap column of the CLI's CSV equals the viewer's derived column of that name, area for area (blank
// = null). Returns how many columns were compared.
size_t expect_same_columns(const Table& cli, const nlohmann::json& derived) {
  size_t compared = 0;
  for (size_t k = 1; k < cli.columns(); ++k) {
    const Column& c = cli.col(k);
    if (!derived.contains(c.name)) {
      ADD_FAILURE() << "the viewer has no column " << c.name;
      continue;
    }
    const auto& v = derived[c.name];
    EXPECT_EQ(v.size(), cli.rows()) << c.name;
    if (v.size() != cli.rows()) continue;
    for (size_t i = 0; i < cli.rows(); ++i) {
      if (c.missing(i)) {
        EXPECT_TRUE(v[i].is_null()) << c.name << " row " << i;
      } else if (c.numeric()) {
        EXPECT_TRUE(v[i].is_number()) << c.name << " row " << i;
        if (!v[i].is_number()) continue;
        EXPECT_NEAR(v[i].get<double>(), c.num[i], 1e-9 * (1 + std::abs(c.num[i]))) << c.name << " row " << i;
      } else {
        EXPECT_EQ(v[i], c.text[i]) << c.name << " row " << i;
      }
    }
    ++compared;
  }
  return compared;
}

std::set<std::string> codes_of(const nlohmann::json& a) {
  std::set<std::string> s;
  for (const auto& c : a) s.insert(c.get<std::string>());
  return s;
}

int legend_total_changes(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.size() != b.size()) return 1;
  int n = 0;
  for (size_t i = 0; i < a.size(); ++i) n += a[i]["count"] != b[i]["count"] || a[i]["label"] != b[i]["label"];
  return n;
}

TEST(ViewerGaps, ColumnsEqualTheCliMovingDRedrawsAndIMDxMissingMatchesFlag) {
  NBHD_REQUIRE_XVFB();
  fs::path demo = test::demo_dir(), dir = test::scratch_dir();
  const std::string groups = quoted(demo / "asset_groups.csv");
  std::string log;
  int rc = test::run_view_script(
      dir, test::demo_view_args() + " --assets " + quoted(demo / "assets.gpkg") + " --asset-groups " + groups,
      std::string(test::kWaitLoadedAndFit) +
          // The map keeps the indicator it opened with until the planner maps a gap measure.
          "wait-gaps\ndump " + (dir / "opened.json").string() +
          "\ngaps-map missing\ngaps-within 600\nwait-gaps\nwait-exact\ndump " + (dir / "d600.json").string() +
          "\nscreenshot " + (dir / "s600.png").string() + "\ngaps-within 1500\nwait-gaps\nwait-exact\ndump " +
          (dir / "d1500.json").string() + "\nscreenshot " + (dir / "s1500.png").string() +
          "\nbivariate IMD_score\nframes 2\ndump " + (dir / "biv.json").string() +
          "\nbivariate none\ndual IMD_score 10\nframes 2\ndump " + (dir / "dual.json").string() + "\n",
      &log);
  ASSERT_EQ(rc, 0) << log;
  auto d600 = test::read_json(dir / "d600.json"), d1500 = test::read_json(dir / "d1500.json");
  EXPECT_EQ(d600["gaps"]["error"], "");
  EXPECT_EQ(d600["gaps"]["denominator"], "households_total");  // chosen by default when the data has it
  EXPECT_EQ(d600["column"], "missing_within_600m");            // the chosen measure, mapped at once
  EXPECT_EQ(d1500["column"], "missing_within_1500m");          // and followed when D moves
  // Computing the gaps did not take the map from the indicator it was opened with (--column IMD_score).
  EXPECT_EQ(test::read_json(dir / "opened.json")["column"], "IMD_score");
  EXPECT_EQ(d600["gaps"]["legend_title"],
            "Groups with nothing within 600 m (of 5: community_civic, health, education, green_space, "
            "everyday_services)");

  // The CLI, same groups, D and denominator: the same columns, area for area.
  fs::path csv = dir / "gaps600.csv";
  std::string err;
  ASSERT_EQ(test::run_nbhd("assets " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                               quoted(demo / "indicators.csv") + " --assets " + quoted(demo / "assets.gpkg") +
                               " --per-area --within 600 --groups " + groups + " --per households_total -o " +
                               quoted(csv) + " --force",
                           nullptr, &err),
            0)
      << err;
  Table cli = read_table(csv.string());
  EXPECT_EQ(expect_same_columns(cli, d600["derived"]), cli.columns() - 1);

  // Moving D: the legend's counts and the map's pixels change.
  EXPECT_GT(legend_total_changes(d600["legend"], d1500["legend"]), 0);
  test::Pixels a = test::read_png(dir / "s600.png"), b = test::read_png(dir / "s1500.png");
  ASSERT_EQ(a.w, b.w);
  size_t changed = 0, map_px = 0;
  for (int y = 0; y < a.h; ++y)
    for (int x = 0; x < a.w; ++x) {
      if (!test::on_map(x, y)) continue;
      ++map_px;
      changed += !(a.at(x, y) == b.at(x, y));
    }
  EXPECT_GT(changed, map_px / 50) << changed << " of " << map_px << " map pixels changed";

  // IMD x missing count: the bivariate map's flagged areas and the dual highlight are `nbhd flag`'s.
  fs::path csv15 = dir / "gaps1500.csv", flag = dir / "flag.csv";
  ASSERT_EQ(test::run_nbhd("assets " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                               quoted(demo / "indicators.csv") + " --assets " + quoted(demo / "assets.gpkg") +
                               " --per-area --within 1500 --groups " + groups +
                               " --per households_total -o " + quoted(csv15) + " --force",
                           nullptr, &err),
            0)
      << err;
  ASSERT_EQ(
      test::run_nbhd("flag " + quoted(demo / "lsoa.gpkg") + " --indicators " +
                         quoted(demo / "indicators.csv") + " --indicators " + quoted(csv15) +
                         " --a missing_within_1500m:worse=high --b IMD_score:worse=high --worst 10% -o " +
                         quoted(flag) + " --force",
                     nullptr, &err),
      0)
      << err;
  Table f = read_table(flag.string());
  std::set<std::string> want;
  const Column& fl = f.column("flagged");
  for (size_t i = 0; i < f.rows(); ++i)
    if (fl.numeric() ? fl.num[i] == 1 : (fl.text[i] == "TRUE" || fl.text[i] == "true" || fl.text[i] == "1"))
      want.insert(f.col(0).text[i]);
  ASSERT_FALSE(want.empty());
  auto biv = test::read_json(dir / "biv.json"), dual = test::read_json(dir / "dual.json");
  EXPECT_EQ(biv["bivariate"], "IMD_score");
  EXPECT_EQ(biv["style_error"], "");
  EXPECT_EQ(codes_of(biv["bivariate_flagged"]), want);
  EXPECT_EQ(dual["highlight"]["kind"], "dual");
  EXPECT_EQ(codes_of(dual["highlight"]["areas"]), want);
}

TEST(ViewerGaps, AreasOfAnUncoveredAuthorityAreNoDataAsInTheCli) {
  NBHD_REQUIRE_XVFB();
  fs::path demo = test::demo_dir(), dir = test::scratch_dir();
  // Two authorities: the demo's areas west of the middle stay E08900001, the rest become E08900002; the
  // assets keep only those well west of the middle, so the eastern authority holds none.
  AreaLayer areas = load_areas((demo / "lsoa.gpkg").string());
  std::vector<double> cx;
  for (const auto& g : areas.geoms) {
    BBox b = bbox_of(g);
    cx.push_back((b.minx + b.maxx) / 2);
  }
  std::vector<double> sorted = cx;
  std::sort(sorted.begin(), sorted.end());
  const double mid = sorted[sorted.size() / 2];
  Table attrs(areas.attrs.source());
  attrs.set_rows(areas.size());
  size_t east = 0;
  for (const auto& c : areas.attrs.cols()) {
    Column copy = c;
    if (c.name == "ltla24_code")
      for (size_t i = 0; i < areas.size(); ++i)
        if (cx[i] > mid) copy.text[i] = "E08900002", ++east;
    attrs.add(std::move(copy));
  }
  areas.attrs = std::move(attrs);
  write_gpkg(areas, (dir / "two_la.gpkg").string(), true);
  PointLayer assets = load_points((demo / "assets.gpkg").string());
  PointLayer west;
  west.working_crs = assets.working_crs;
  std::vector<std::string> cat, name;
  for (size_t i = 0; i < assets.size(); ++i)
    if (assets.pts[i].x < mid - 1500) {
      west.pts.push_back(assets.pts[i]);
      cat.push_back(assets.categories[i]);
      name.push_back(assets.names[i]);
    }
  west.categories = cat;
  west.names = name;
  Column cc, nc;
  cc.name = "category", cc.type = ColumnType::Text, cc.text = cat;
  nc.name = "name", nc.type = ColumnType::Text, nc.text = name;
  west.attrs.set_rows(cat.size());
  west.attrs.add(cc);
  west.attrs.add(nc);
  write_points_gpkg(west, (dir / "west.gpkg").string(), true);

  std::string log;
  int rc = test::run_view_script(dir, quoted(dir / "two_la.gpkg") + " --assets " + quoted(dir / "west.gpkg"),
                                 std::string(test::kWaitLoadedAndFit) + "gaps-within 700\nwait-gaps\ndump " +
                                     (dir / "d.json").string() + "\n",
                                 &log);
  ASSERT_EQ(rc, 0) << log;
  auto d = test::read_json(dir / "d.json");
  EXPECT_EQ(d["gaps"]["covered"], areas.size() - east);
  EXPECT_EQ(d["gaps"]["coverage_field"], "ltla24_code");
  const auto& miss = d["derived"]["missing_within_700m"];
  const auto& within = d["derived"]["assets_within_700m"];
  for (size_t i = 0; i < areas.size(); ++i) {
    EXPECT_EQ(miss[i].is_null(), cx[i] > mid) << areas.codes[i];
    EXPECT_EQ(within[i].is_null(), cx[i] > mid) << areas.codes[i];
  }
  fs::path csv = dir / "gaps.csv";
  std::string err;
  ASSERT_EQ(
      test::run_nbhd("assets " + quoted(dir / "two_la.gpkg") + " --assets " + quoted(dir / "west.gpkg") +
                         " --per-area --within 700 -o " + quoted(csv) + " --force",
                     nullptr, &err),
      0)
      << err;
  EXPECT_NE(
      err.find("coverage: " + std::to_string(areas.size() - east) + " of " + std::to_string(areas.size())),
      std::string::npos)
      << err;
  Table cli = read_table(csv.string());
  EXPECT_EQ(expect_same_columns(cli, d["derived"]), cli.columns() - 1);
}

TEST(ViewerGaps, ProjectsKeepTheSettingsAndBivariateGapColumnAndExportsSayWhatWasCounted) {
  NBHD_REQUIRE_XVFB();
  fs::path demo = test::demo_dir(), dir = test::scratch_dir();
  std::ofstream(dir / "bad_groups.csv") << "group,category\ncivic,libary\n";
  std::string log;
  // Settings, a save, an export (layout on: its legend title says what was counted and within what).
  int rc = test::run_view_script(dir,
                                 test::demo_view_args() + " --assets " + quoted(demo / "assets.gpkg") +
                                     " --asset-groups " + quoted(demo / "asset_groups.csv"),
                                 std::string(test::kWaitLoadedAndFit) +
                                     "gaps-map missing\ngaps-within 700\ngaps-denominator "
                                     "none\nwait-gaps\ngaps-within 60000\ngaps-groups " +
                                     (dir / "bad_groups.csv").string() + "\nframes 2\ndump " +
                                     (dir / "bad.json").string() + "\nexport " + (dir / "map.pdf").string() +
                                     " A4 100\nwait-export\nbivariate health_within_700m\nframes 2\nsave " +
                                     (dir / "p.nbhd.json").string() + "\n",
                                 &log);
  ASSERT_EQ(rc, 0) << log;
  // Bad input stays in the panel: D out of range and a group table naming unknown categories leave the
  // settings and the map as they were (the later error is the one shown).
  auto bad = test::read_json(dir / "bad.json");
  EXPECT_EQ(bad["gaps"]["error"],
            (dir / "bad_groups.csv").string() +
                " names 1 category the assets do not have: libary; the assets' categories "
                "are: community_centre, food_bank, gp_practice, library, park, pharmacy, "
                "place_of_worship, post_office, pub, school, sports_facility, youth_club");
  EXPECT_EQ(bad["gaps"]["within_m"], 700);
  EXPECT_EQ(bad["gaps"]["groups_file"], (demo / "asset_groups.csv").string());
  EXPECT_EQ(bad["column"], "missing_within_700m");
  // The PDF keeps its text as text (the SVG draws glyphs as paths).
  std::string text;
  ASSERT_EQ(test::run_logged("pdftotext " + quoted(dir / "map.pdf") + " -", dir / "pdf.txt", &text), 0)
      << text;
  EXPECT_NE(text.find("Groups with nothing within 700 m (of 5"), std::string::npos) << text;
  auto p = test::read_json(dir / "p.nbhd.json");
  EXPECT_EQ(p["gaps_panel"]["within_m"], 700);
  EXPECT_EQ(p["gaps_panel"]["mapped"], true);
  EXPECT_EQ(p["gaps_panel"]["denominator"], "");
  // Opened again (no --asset-groups given): recomputed with the saved D and groups, the gap column mapped.
  fs::path again = dir / "again";
  fs::create_directories(again);
  rc = test::run_view_script(
      again, quoted(dir / "p.nbhd.json"),
      std::string(test::kWaitLoadedAndFit) + "wait-gaps\ndump " + (again / "d.json").string() + "\n", &log);
  ASSERT_EQ(rc, 0) << log;
  auto d = test::read_json(again / "d.json");
  EXPECT_EQ(d["gaps"]["within_m"], 700);
  EXPECT_EQ(d["gaps"]["groups_file"], (demo / "asset_groups.csv").string());
  EXPECT_EQ(d["gaps"]["denominator"], "");
  EXPECT_EQ(d["column"], "missing_within_700m");
  EXPECT_TRUE(d["derived"].contains("health_within_700m"));
  // A gap column as the bivariate second variable exists only once the gaps are recomputed: kept, not
  // dropped as unknown when the data loads.
  EXPECT_EQ(p["style"]["bivariate"], "health_within_700m");
  EXPECT_EQ(d["bivariate"], "health_within_700m");
  EXPECT_EQ(d["style_error"], "");
}

}  // namespace
}  // namespace nbhd
