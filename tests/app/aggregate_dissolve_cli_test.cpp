// `nbhd aggregate --dissolve` on the demo borough: the ward polygons written keep the LSOAs' area, one per
// ward, with the statistic `nbhd aggregate` writes as a CSV for the same rule, ward for ward.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/demo_layer.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd {
namespace {

using test::quoted;

TEST(AggregateDissolveCli, WardPolygonsKeepTheAreaAndCarryTheCsvValues) {
  auto dir = test::scratch_dir();
  auto d = test::demo_dir();
  std::string err;
  ASSERT_EQ(test::run_nbhd(
                "aggregate " + quoted(d / "lsoa.gpkg") + " --indicators " + quoted(d / "indicators.csv") +
                    " --dissolve --parent-field ward24_code --stat wmean --column IMD_score --weight "
                    "households_total -o " +
                    quoted(dir / "wards.gpkg"),
                nullptr, &err),
            0)
      << err;
  EXPECT_NE(
      err.find("dissolved 300 of 300 children into 25 parents (field ward24_code; coverage union for 25 "
               "parents)"),
      std::string::npos)
      << err;
  ASSERT_EQ(
      test::run_nbhd("aggregate --table " + quoted(d / "indicators.csv") + " --key lsoa21_code --lookup " +
                         quoted(d / "lsoa_ward_lookup.csv") +
                         " --child-key lsoa21_code --parent-key ward24_code --stat wmean --column IMD_score "
                         "--weight households_total -o " +
                         quoted(dir / "wards.csv"),
                     nullptr, &err),
      0)
      << err;
  IngestOptions io;
  io.key_field = "ward24_code";
  AreaLayer w = load_areas((dir / "wards.gpkg").string(), io);
  ASSERT_EQ(w.size(), 25u);
  Table csv = read_table((dir / "wards.csv").string());
  std::map<std::string, double> want;
  for (size_t r = 0; r < csv.rows(); ++r)
    want[csv.column("ward24_code").text[r]] = csv.numeric("IMD_score_wmean").num[r];
  double total = 0, kids = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    total += area(w.geoms[i]);
    EXPECT_NEAR(w.attrs.numeric("IMD_score_wmean").num[i], want.at(w.codes[i]), 1e-9) << w.codes[i];
    EXPECT_EQ(w.attrs.column("ward24_name").text[i].empty(), false);
    EXPECT_EQ(w.attrs.column("ltla24_code").text[i], "E08900001");
  }
  for (const auto& g : test::demo_layer().geoms) kids += area(g);
  EXPECT_NEAR(total, kids, 1e-6 * kids);
}

}  // namespace
}  // namespace nbhd
