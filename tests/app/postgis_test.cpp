// PG: sources against a real PostgreSQL + PostGIS server (tests/support/postgis_cluster.hpp): the demo
// borough loaded into PostGIS gives the same answers as its GeoPackage from info, join, render and assets;
// --read-bbox reaches the server as a `&&` filter; join -o PG: writes a table in one transaction; and a
// server's errors are one line naming the source without its password.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "geo/vector/ingest.hpp"
#include "render/document/extent.hpp"
#include "support/demo_layer.hpp"
#include "support/postgis_cluster.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;
using test::PostgisCluster;

std::string q(const fs::path& p) {
  return PostgisCluster::q(p);
}
std::string q(const std::string& s) {
  return PostgisCluster::q(s);
}

nlohmann::json info_json(const std::string& source, const std::string& extra = "") {
  std::string out, err;
  EXPECT_EQ(test::run_nbhd("info " + q(source) + " --json" + extra, &out, &err), 0) << err;
  return out.empty() ? nlohmann::json{} : nlohmann::json::parse(out);
}

TEST(PostgisSource, InfoGivesTheGeopackagesCountsExtentAndFields) {
  NBHD_REQUIRE_POSTGIS(pg);
  std::cerr << "postgis cluster ready in " << pg->start_seconds() << " s"
            << (pg->built_template() ? " (template built by this process)" : " (template copied)") << "\n";
  const auto demo = test::demo_dir();
  const std::string ind = " --indicators " + q(demo / "indicators.csv");
  nlohmann::json f = info_json((demo / "lsoa.gpkg").string(), ind);
  nlohmann::json p = info_json(pg->dsn(), " --layer lsoa" + ind);
  ASSERT_FALSE(f.empty());
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p["driver"], "PostgreSQL");
  EXPECT_EQ(p["layer"], "lsoa");
  EXPECT_GT(f["areas"].get<int>(), 50);
  for (const char* k :
       {"features_read", "areas", "source_crs", "working_crs", "extent", "key_field", "name_field",
        "code_kind", "repaired", "dropped_empty", "dropped_no_key", "merged_features", "joins"})
    EXPECT_EQ(p[k], f[k]) << k;
}

// The joined layer written from the PG: boundaries holds the rows the GeoPackage's gives, cell for cell,
// with the same geometry.
TEST(PostgisSource, JoinWritesTheGeopackagesRows) {
  NBHD_REQUIRE_POSTGIS(pg);
  const auto demo = test::demo_dir();
  const auto dir = test::scratch_dir();
  const std::string ind = " --indicators " + q(demo / "indicators.csv");
  std::string err;
  ASSERT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + ind + " -o " + q(dir / "f.gpkg"), nullptr, &err),
            0)
      << err;
  ASSERT_EQ(test::run_nbhd("join " + q(pg->dsn()) + " --layer lsoa" + ind + " -o " + q(dir / "p.gpkg"),
                           nullptr, &err),
            0)
      << err;
  AreaLayer f = load_areas((dir / "f.gpkg").string()), p = load_areas((dir / "p.gpkg").string());
  ASSERT_EQ(p.codes, f.codes);
  ASSERT_EQ(p.attrs.columns(), f.attrs.columns());
  for (size_t c = 0; c < f.attrs.columns(); ++c) {
    const Column &a = f.attrs.cols()[c], &b = p.attrs.cols()[c];
    SCOPED_TRACE(a.name);
    EXPECT_EQ(b.name, a.name);
    EXPECT_EQ(b.type, a.type);
    for (size_t i = 0; i < f.size(); ++i) EXPECT_EQ(b.cell(i), a.cell(i)) << f.codes[i];
  }
  for (size_t i = 0; i < f.size(); ++i) {
    ASSERT_EQ(p.geoms[i].size(), f.geoms[i].size()) << f.codes[i];
    for (size_t k = 0; k < f.geoms[i].size(); ++k)
      EXPECT_TRUE(p.geoms[i][k].rings == f.geoms[i][k].rings) << f.codes[i];
  }
}

TEST(PostgisSource, RenderDrawsTheSamePng) {
  NBHD_REQUIRE_POSTGIS(pg);
  const auto demo = test::demo_dir();
  const auto dir = test::scratch_dir();
  const std::string rest = " --indicators " + q(demo / "indicators.csv") +
                           " --column IMD_score --width 640 --height 480 --title Eastbrook -o ";
  std::string err;
  ASSERT_EQ(test::run_nbhd("render " + q(demo / "lsoa.gpkg") + rest + q(dir / "f.png"), nullptr, &err), 0)
      << err;
  ASSERT_EQ(
      test::run_nbhd("render " + q(pg->dsn()) + " --layer lsoa" + rest + q(dir / "p.png"), nullptr, &err), 0)
      << err;
  const std::string a = test::read_file(dir / "f.png"), b = test::read_file(dir / "p.png");
  ASSERT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "the PNG from PG: differs from the GeoPackage's (" << b.size() << " and " << a.size()
                      << " bytes)";
}

TEST(PostgisSource, AssetsPerAreaGiveTheSameCsv) {
  NBHD_REQUIRE_POSTGIS(pg);
  const auto demo = test::demo_dir();
  const auto dir = test::scratch_dir();
  std::string err;
  ASSERT_EQ(test::run_nbhd("assets " + q(demo / "lsoa.gpkg") + " --assets " + q(demo / "assets.gpkg") +
                               " --per-area --within 800 -o " + q(dir / "f.csv"),
                           nullptr, &err),
            0)
      << err;
  // Boundaries and assets both from the server (the assets' table named with --asset-layer).
  ASSERT_EQ(test::run_nbhd("assets " + q(pg->dsn()) + " --layer lsoa --assets " + q(pg->dsn()) +
                               " --asset-layer assets --per-area --within 800 -o " + q(dir / "p.csv"),
                           nullptr, &err),
            0)
      << err;
  const std::string a = test::read_file(dir / "f.csv"), b = test::read_file(dir / "p.csv");
  ASSERT_GT(std::count(a.begin(), a.end(), '\n'), 50);
  EXPECT_EQ(b, a);
}

// --read-bbox is set as the layer's spatial filter before reading: the server is asked for the rows whose
// boxes meet the box (a `&&` in the query it logs), and only those are fetched.
TEST(PostgisSource, ReadBboxIsFilteredOnTheServer) {
  NBHD_REQUIRE_POSTGIS(pg);
  const auto demo = test::demo_dir();
  // The south-west quarter of the borough's extent.
  const AreaLayer& whole = test::demo_layer();
  const BBox& e = whole.extent;
  const double x0 = e.minx, y0 = e.miny, x1 = (e.minx + e.maxx) / 2, y1 = (e.miny + e.maxy) / 2;
  char box[200];
  std::snprintf(box, sizeof box, "%.0f,%.0f,%.0f,%.0f", x0, y0, x1, y1);
  const std::string on_server =
      pg->sql("SELECT count(*) FROM lsoa WHERE geom && ST_MakeEnvelope(" + std::string(box) + ", 27700)");
  const int expected = std::stoi(on_server);
  ASSERT_GT(expected, 0);
  ASSERT_LT(expected, int(whole.size()));

  nlohmann::json f = info_json((demo / "lsoa.gpkg").string(), std::string(" --read-bbox ") + box);
  nlohmann::json p = info_json(pg->dsn(), std::string(" --layer lsoa --read-bbox ") + box);
  // Fetched: the rows the server's `&&` selects, by bounding box. Kept: the areas whose shape meets the box,
  // which is what GDAL's filter on the GeoPackage gives (its R-tree hits refined by shape).
  EXPECT_EQ(p["features_read"].get<int>(), expected);
  EXPECT_EQ(p["areas"].get<int>() + p["outside_box"].get<int>(), expected);
  EXPECT_EQ(p["areas"], f["areas"]);
  EXPECT_EQ(p["extent"], f["extent"]);
  EXPECT_LT(f["areas"].get<int>(), int(whole.size()));
  // The server was asked with the box (GDAL's PG driver: geom && ST_MakeEnvelope(...)).
  EXPECT_TRUE(std::regex_search(pg->log(), std::regex("FROM \"?lsoa\"?[^\\n]*WHERE[^\\n]*&&")))
      << "no `&&` query on lsoa in the server's log";

  std::string out, err;
  ASSERT_EQ(test::run_nbhd("info " + q(pg->dsn()) + " --layer lsoa --read-bbox " + box, &out, &err), 0)
      << err;
  char line[300];
  std::snprintf(line, sizeof line,
                "read-bbox:    %.0f, %.0f - %.0f, %.0f (m): the source returned %d features", x0, y0, x1, y1,
                expected);
  EXPECT_NE(out.find(line), std::string::npos) << out;
}

// join -o PG: writes the table (column names kept), refuses an existing one without --force, and with
// --force replaces it in one transaction: when the replacement fails part-way the old table is intact.
TEST(PostgisOutput, JoinWritesATableAndForceReplacesItInOneTransaction) {
  NBHD_REQUIRE_POSTGIS(pg);
  const auto demo = test::demo_dir();
  const auto dir = test::scratch_dir();
  const std::string join = "join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv");
  std::string err;
  ASSERT_EQ(test::run_nbhd(join + " -o " + q(pg->dsn()) + " --table joined", nullptr, &err), 0) << err;
  EXPECT_NE(err.find("wrote table 'joined' in " + pg->dsn() + ":"), std::string::npos) << err;
  AreaLayer want = load_areas((demo / "lsoa.gpkg").string());
  IngestOptions o;
  o.layer = "joined";
  AreaLayer got = load_areas(pg->dsn(), o);
  EXPECT_EQ(got.codes, want.codes);
  EXPECT_TRUE(got.attrs.find("IMD_score").has_value());  // not laundered to imd_score
  EXPECT_EQ(pg->sql("SELECT count(*) FROM joined WHERE \"IMD_score\" IS NOT NULL"),
            std::to_string(want.size()));

  // Without --force: the usual one-line refusal, before anything is read.
  EXPECT_EQ(test::run_nbhd(join + " -o " + q(pg->dsn()) + " --table joined", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd join: cannot write table 'joined' in " + pg->dsn() +
                     ": the table exists; allow replacing it (--force)\n");

  // --force with a replacement that fails after the old table was dropped (an event trigger refuses the
  // new table's spatial index): the transaction rolls back and the old table is still there, whole.
  ASSERT_EQ(pg->sql("CREATE FUNCTION no_index() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
                    "RAISE EXCEPTION 'indexes are refused'; END $$"),
            "");
  ASSERT_EQ(pg->sql("CREATE EVENT TRIGGER refuse_index ON ddl_command_end WHEN TAG IN ('CREATE INDEX') "
                    "EXECUTE FUNCTION no_index()"),
            "");
  EXPECT_EQ(test::run_nbhd(join + " -o " + q(pg->dsn()) + " --table joined --force", nullptr, &err), 2);
  EXPECT_NE(err.find("nbhd join: cannot write table 'joined' in " + pg->dsn()), std::string::npos) << err;
  EXPECT_EQ(pg->sql("SELECT count(*) FROM joined"), std::to_string(want.size()));
  ASSERT_EQ(pg->sql("DROP EVENT TRIGGER refuse_index"), "");

  // --force replaces it: a join of half the areas (--read-bbox) leaves just those.
  const BBox west{want.extent.minx, want.extent.miny, (want.extent.minx + want.extent.maxx) / 2,
                  want.extent.maxy};
  char box[200];
  std::snprintf(box, sizeof box, "%.0f,%.0f,%.0f,%.0f", west.minx, west.miny, west.maxx, west.maxy);
  ASSERT_EQ(test::run_nbhd(join + " --read-bbox " + box + " -o " + q(pg->dsn()) + " --table joined --force",
                           nullptr, &err),
            0)
      << err;
  IngestOptions in_box;
  in_box.read_bbox = parse_bbox(box);
  const AreaLayer part = load_areas((demo / "lsoa.gpkg").string(), in_box);
  EXPECT_EQ(pg->sql("SELECT count(*) FROM joined"), std::to_string(part.size()));
  EXPECT_LT(part.size(), want.size());
  pg->sql("DROP TABLE joined");  // the server is the process's: leave it as the other tests expect it
}

// A server's errors: one line, exit 2, the source named without its password, what to check.
TEST(PostgisErrors, RefusedConnectionNamesTheSourceWithoutItsPassword) {
  // No server needed: nothing listens on this port (the OS just handed it out and it was closed).
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
  const std::string port = std::to_string(ntohs(a.sin_port));
  ::close(fd);
  const std::string shown = "PG:host=127.0.0.1 port=" + port + " dbname=nbhd user=planner";
  const std::string given = "PG:host=127.0.0.1 port=" + port + " dbname=nbhd user=planner password='s3 cret'";
  std::string err;
  EXPECT_EQ(test::run_nbhd("info " + q(given), nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd info: cannot connect to " + shown +
                     " (Connection refused); check that the PostgreSQL "
                     "server is running and the connection string's host, port, dbname and user\n");
  EXPECT_EQ(err.find("s3"), std::string::npos);
  const auto demo = test::demo_dir();
  EXPECT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                               " -o " + q("PG:password=secret host=127.0.0.1 port=" + port) + " --table t",
                           nullptr, &err),
            2);
  EXPECT_EQ(err, "nbhd join: cannot connect to PG:host=127.0.0.1 port=" + port +
                     " (Connection refused); check that the PostgreSQL server is running and the connection "
                     "string's host, port, dbname and user\n");
}

// Messages made after the layer is loaded (an unknown column, an unknown --focus code) name the source as
// loaded: still without the password (the test server trusts local connections and ignores it).
TEST(PostgisErrors, LaterMessagesNameTheSourceWithoutItsPassword) {
  NBHD_REQUIRE_POSTGIS(pg);
  const std::string given = pg->dsn() + " password=s3cret";
  std::string err;
  EXPECT_EQ(test::run_nbhd("classify " + q(given) + " --layer lsoa --column NoSuchColumn", nullptr, &err), 2);
  EXPECT_EQ(err.rfind("nbhd classify: unknown column 'NoSuchColumn' in " + pg->dsn() + "; columns are: ", 0),
            0u)
      << err;
  const auto demo = test::demo_dir();
  EXPECT_EQ(test::run_nbhd("render " + q(given) + " --layer lsoa --indicators " + q(demo / "indicators.csv") +
                               " --column IMD_score --focus E09999999 -o " + q(test::scratch_dir() / "m.png"),
                           nullptr, &err),
            2);
  EXPECT_NE(err.find(pg->dsn()), std::string::npos) << err;
  EXPECT_EQ(err.find("s3cret"), std::string::npos) << err;
}

TEST(PostgisErrors, MissingDatabaseTableAndPostgisSayWhatToDo) {
  NBHD_REQUIRE_POSTGIS(pg);
  std::string err;
  EXPECT_EQ(test::run_nbhd("info " + q(pg->dsn("nosuch")), nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd info: cannot connect to " + pg->dsn("nosuch") +
                     " (database \"nosuch\" does not exist); check that the PostgreSQL server is running and "
                     "the connection string's host, port, dbname and user\n");
  EXPECT_EQ(test::run_nbhd("info " + q(pg->dsn()) + " --layer lsoa_2031", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd info: unknown table 'lsoa_2031' in " + pg->dsn() + "; tables are: assets, lsoa\n");
  EXPECT_EQ(test::run_nbhd("info " + q(pg->dsn()) + " --layer lsoa --read-bbox 0,0,1,1", nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd info: layer 'lsoa' in " + pg->dsn() +
                     " has no areas in the box 0,0,1,1 (EPSG:27700); give a box over the areas\n");
  EXPECT_EQ(test::run_nbhd("info " + q(pg->dsn("plain")), nullptr, &err), 2);
  EXPECT_EQ(err, "nbhd info: " + pg->dsn("plain") +
                     " has no PostGIS extension; connect to the database that holds the boundaries, or run "
                     "CREATE EXTENSION postgis in it and load them (ogr2ogr -f PostgreSQL)\n");
  const auto demo = test::demo_dir();
  EXPECT_EQ(test::run_nbhd("join " + q(demo / "lsoa.gpkg") + " --indicators " + q(demo / "indicators.csv") +
                               " -o " + q(pg->dsn("plain")) + " --table t",
                           nullptr, &err),
            2);
  EXPECT_EQ(err, "nbhd join: " + pg->dsn("plain") +
                     " has no PostGIS extension; connect to the database that holds the boundaries, or run "
                     "CREATE EXTENSION postgis in it and load them (ogr2ogr -f PostgreSQL)\n");
}

}  // namespace
}  // namespace nbhd
