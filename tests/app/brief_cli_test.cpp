// `nbhd brief` end to end, read back with pdfinfo and pdftotext: on the demo borough the page count, the
// area's name and every key figure equal to what `nbhd rank`, `nbhd flag` and `nbhd assets --per-area`
// write for the same area (computed here by running them); a set of areas by a ward code; bad input (one
// line, exit 2, nothing written); and one brief on the national files (suite BriefReal).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "geo/stats/rank.hpp"
#include "geo/tables/table_io.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/process.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

std::string q(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string pdftext(const fs::path& pdf) {
  auto txt = pdf.string() + ".txt";
  EXPECT_EQ(std::system(("pdftotext -layout " + q(pdf) + " " + q(txt)).c_str()), 0);
  return test::read_file(txt);
}

int pages_of(const fs::path& pdf) {
  std::smatch m;
  std::string info = test::pdfinfo(pdf);
  return std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

// The first line of `text` that starts (after blanks) with `head` followed by a blank, and matches `shape`
// (the map's subtitle also starts with the mapped column's name).
std::string line_starting(const std::string& text, const std::string& head, const std::string& shape = "") {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t s = line.find_first_not_of(' ');
    if (s != std::string::npos && line.compare(s, head.size(), head) == 0 && line.size() > s + head.size() &&
        line[s + head.size()] == ' ' && (shape.empty() || std::regex_search(line, std::regex(shape))))
      return line;
  }
  return "";
}

double num(std::string s) {
  std::erase(s, ',');
  return std::stod(s);
}

// A row of a CSV the CLI wrote, by the value of its first column.
struct CsvRow {
  Table t;
  size_t row = SIZE_MAX;
  CsvRow(const fs::path& csv, const std::string& code) : t(read_table(csv.string())) {
    for (size_t i = 0; i < t.rows(); ++i)
      if (t.col(0).cell(i) == code) row = i;
    EXPECT_NE(row, SIZE_MAX) << code << " not in " << csv;
  }
  double operator[](const std::string& c) const { return t.numeric(c).num[row]; }
};

struct BriefCli : ::testing::Test {
  fs::path d = test::demo_dir(), dir = test::scratch_dir();
  std::string inputs() const { return q(d / "lsoa.gpkg") + " --indicators " + q(d / "indicators.csv"); }
  std::string run(const std::string& args) {
    std::string out, err;
    EXPECT_EQ(test::run_nbhd(args, &out, &err), 0) << args << "\n" << err;
    return out;
  }
};

TEST_F(BriefCli, KeyFiguresEqualWhatRankFlagAndAssetsWrite) {
  // The area: the first of the dual-disadvantage list, so the flag line says "On the list".
  run("flag " + inputs() + " --a IMD_score:worse=high --b CNI_score:worse=high -o " + q(dir / "flag.csv"));
  Table flag = read_table((dir / "flag.csv").string());
  std::string code;
  for (size_t i = 0; i < flag.rows() && code.empty(); ++i)
    if (flag.numeric("flagged").num[i] == 1) code = flag.column("code").cell(i);
  ASSERT_FALSE(code.empty());
  CsvRow fl(dir / "flag.csv", code);

  auto pdf = dir / "brief.pdf";
  std::string err;
  ASSERT_EQ(
      test::run_nbhd("brief " + inputs() + " --area " + code +
                         " --columns IMD_score,CNI_score,Income_score --flag-a IMD_score:worse=high"
                         " --flag-b CNI_score:worse=high --assets " +
                         q(d / "assets.gpkg") + " --per households_total --date 2026-12-05 -o " + q(pdf),
                     nullptr, &err),
      0)
      << err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(err, m, std::regex(R"(wrote .*: (\d+) pages? on 1 area)"))) << err;
  EXPECT_EQ(pages_of(pdf), std::stoi(m[1]));
  const std::string text = pdftext(pdf);
  const Table& names = fl.t;
  EXPECT_NE(text.find(names.column("name").cell(fl.row)), std::string::npos) << text;
  EXPECT_NE(text.find(code), std::string::npos);
  EXPECT_NE(text.find("2026-12-05"), std::string::npos);

  // Each key figure against nbhd rank (nationally and --by the local authority) and the means of the column.
  const Table demo = read_table((d / "indicators.csv").string());
  for (std::string col : {"IMD_score", "CNI_score", "Income_score"}) {
    SCOPED_TRACE(col);
    run("rank " + inputs() + " --column " + col + " --worse high -o " + q(dir / (col + ".csv")));
    CsvRow nat(dir / (col + ".csv"), code);
    // Local ranks with the library (nbhd rank --by ltla24_code calls the same rank_within).
    const AreaLayer& L = test::demo_layer();
    const size_t at = L.index_of(code);
    Ranking local = rank_within(L.attrs.numeric(col).num, Worse::High, L.attrs.column("ltla24_code").text);
    double sum = 0;
    size_t n = 0;
    for (double v : demo.numeric(col).num)
      if (!std::isnan(v)) sum += v, ++n;
    const double mean = sum / double(n);  // one borough: its LA mean is the England mean
    const std::string row =
        R"(^\s*\S+\s+(\S+)\s+([\d,]+) of ([\d,]+)\s+(\d+)\s+([\d,]+) of ([\d,]+)\s+(\S+)\s+(\S+))";
    std::string line = line_starting(text, col, row);
    std::smatch r;
    ASSERT_TRUE(std::regex_search(line, r, std::regex(row))) << text;
    EXPECT_NEAR(num(r[1]), nat[col], 5e-5);
    EXPECT_EQ(num(r[2]), nat["rank"]);
    EXPECT_EQ(num(r[3]), nat["ranked"]);
    EXPECT_EQ(num(r[4]), nat["decile"]);
    EXPECT_EQ(num(r[5]), local.rank[at]);
    EXPECT_EQ(num(r[6]), double(local.group_size[at]));
    EXPECT_NEAR(num(r[7]), mean, 5e-4 * std::max(1.0, std::fabs(mean)));
    EXPECT_NEAR(num(r[8]), mean, 5e-4 * std::max(1.0, std::fabs(mean)));
  }

  // Dual disadvantage against nbhd flag's CSV.
  EXPECT_NE(text.find("Bivariate class " + std::to_string(int(fl["bivariate"])) + " of 0-8"),
            std::string::npos);
  EXPECT_NE(text.find("On the list"), std::string::npos);
  std::string flat = std::regex_replace(text, std::regex(R"(\s+)"), " ");
  EXPECT_NE(flat.find("IMD_score rank " + std::to_string(int(fl["rank_a"])) + " ("), std::string::npos)
      << flat;

  // Assets: every category's count within 1,000 m and its rate per 1,000 households, against --per-area.
  run("assets " + inputs() + " --assets " + q(d / "assets.gpkg") + " --per-area --per households_total -o " +
      q(dir / "gaps.csv"));
  CsvRow gaps(dir / "gaps.csv", code);
  size_t checked = 0;
  for (size_t c = 0; c < gaps.t.columns(); ++c) {
    const std::string& name = gaps.t.col(c).name;
    const std::string tag = "_within_1000m";
    if (!name.ends_with(tag) || name.starts_with("missing")) continue;
    std::string unit = name.substr(0, name.size() - tag.size());
    std::string line =
        line_starting(text, unit == "assets" ? "All assets" : unit, R"(^\s*\S+(?: assets)?\s+[\d,]+ )");
    SCOPED_TRACE(unit + ": " + line);
    std::smatch r;
    ASSERT_TRUE(std::regex_search(line, r, std::regex(R"(^\s*\S+(?: assets)?\s+([\d,]+) )")));
    EXPECT_EQ(num(r[1]), gaps[name]);
    ASSERT_TRUE(std::regex_search(line, r, std::regex(R"(\s(\S+)\s+\S+\s+\S+\s*$)")));
    EXPECT_NEAR(num(r[1]), gaps[name + "_per_1000"], 5e-4 * std::max(1.0, gaps[name + "_per_1000"]));
    ++checked;
  }
  EXPECT_GE(checked, 5u);
  // Provenance: the boundary file's SHA-256 as coreutils computes it.
  ASSERT_EQ(std::system(("sha256sum " + q(d / "lsoa.gpkg") + " > " + q(dir / "sum.txt")).c_str()), 0);
  const std::string sum = test::read_file(dir / "sum.txt").substr(0, 64);
  EXPECT_NE(std::regex_replace(text, std::regex(R"(\s+)"), "").find(sum), std::string::npos) << sum;
}

TEST_F(BriefCli, AWardGivesASummaryThenOnePagePerAreaEachWithItsName) {
  Table lookup = read_table((d / "lsoa_ward_lookup.csv").string());
  Table ind = read_table((d / "indicators.csv").string());
  // The ward with the most areas in the published worst IMD decile, so the summary's counts are not zero.
  std::map<std::string, int> worst_of;
  std::string ward = lookup.column("ward24_code").cell(0);
  for (size_t i = 0; i < lookup.rows(); ++i)
    for (size_t k = 0; k < ind.rows(); ++k)
      if (ind.column("lsoa21_code").cell(k) == lookup.column("lsoa21_code").cell(i) &&
          ind.numeric("IMD_decile").num[k] == 1 &&
          ++worst_of[lookup.column("ward24_code").cell(i)] > worst_of[ward])
        ward = lookup.column("ward24_code").cell(i);
  ASSERT_GT(worst_of[ward], 0);
  std::vector<std::string> names;
  for (size_t i = 0; i < lookup.rows(); ++i)
    if (lookup.column("ward24_code").cell(i) == ward)
      for (size_t k = 0; k < ind.rows(); ++k)
        if (ind.column("lsoa21_code").cell(k) == lookup.column("lsoa21_code").cell(i))
          names.push_back(ind.column("lsoa21_name").cell(k));
  ASSERT_GE(names.size(), 2u);
  auto pdf = dir / "ward.pdf";
  run("brief " + inputs() + " --within " + ward +
      " --columns IMD_score,CNI_score --weight households_total --png 40 -o " + q(pdf));
  const std::string text = pdftext(pdf);
  std::vector<std::string> pages;
  std::stringstream all(text);
  for (std::string page; std::getline(all, page, '\f');) pages.push_back(page);
  // The summary, then one page per area (this demo's area pages fit one page each).
  ASSERT_GE(pages.size(), names.size() + 1);
  size_t summary = 0;  // the summary's pages: the first, and any "(continued)" after it
  if (pages[0].find("Neighbourhood brief: summary") != std::string::npos) {
    summary = 1;
    while (summary < pages.size() && pages[summary].find("(continued)") != std::string::npos) ++summary;
  }
  ASSERT_GE(summary, 1u) << pages[0];
  EXPECT_EQ(pages_of(pdf), int(summary + names.size()));
  EXPECT_NE(pages[0].find("(" + ward + ")"), std::string::npos) << pages[0];
  EXPECT_NE(pages[0].find(std::to_string(names.size()) + " areas"), std::string::npos) << pages[0];
  for (const auto& n : names) {
    EXPECT_NE(text.find(n), std::string::npos) << n;
    EXPECT_NE(pages[0].find(n), std::string::npos) << n << " listed on the summary";
  }
  // The set's figures: each column's mean weighted by households, and the share in the worst decile,
  // against nbhd aggregate over the ward lookup (the CLI's own engine for a ward from its LSOAs).
  for (std::string col : {"IMD_score", "CNI_score"}) {
    SCOPED_TRACE(col);
    run("aggregate --table " + q(d / "indicators.csv") + " --key lsoa21_code --lookup " +
        q(d / "lsoa_ward_lookup.csv") + " --child-key lsoa21_code --parent-key ward24_code --stat wmean" +
        " --column " + col + " --weight households_total -o " + q(dir / (col + "_agg.csv")));
    CsvRow agg(dir / (col + "_agg.csv"), ward);
    run("rank " + inputs() + " --column " + col + " --worse high -o " + q(dir / (col + ".csv")));
    Table rank = read_table((dir / (col + ".csv")).string());
    size_t worst = 0;
    for (size_t i = 0; i < rank.rows(); ++i)
      for (size_t k = 0; k < lookup.rows(); ++k)
        if (lookup.column("ward24_code").cell(k) == ward &&
            lookup.column("lsoa21_code").cell(k) == rank.col(0).cell(i))
          worst += rank.numeric("decile").num[i] == 1;
    const std::string row = R"(^\s*\S+\s+(\S+)\s+(\d+) of (\d+)\s+(\d+(?:-\d+)?)\s+(\S+)\s+(\S+))";
    std::string line = line_starting(pages[0], col, row);
    std::smatch r;
    ASSERT_TRUE(std::regex_search(line, r, std::regex(row))) << pages[0];
    EXPECT_NEAR(num(r[1]), agg[col + "_wmean"], 5e-4 * std::max(1.0, std::fabs(agg[col + "_wmean"])));
    EXPECT_EQ(num(r[2]), double(worst));
    EXPECT_EQ(num(r[3]), double(names.size()));
    if (col == "IMD_score") {
      EXPECT_GT(worst, 0u);
    }
  }
  for (size_t p = 1; p <= summary + names.size(); ++p) {
    auto png = dir / ("ward-" + std::to_string(p) + ".png");
    ASSERT_TRUE(fs::exists(png)) << png;
    test::Pixels px = test::read_png(png);
    EXPECT_EQ(px.w, int(std::lround(595.276 * 40 / 72)));
  }
}

TEST_F(BriefCli, AMissingValueIsAMarkedNoDataCell) {
  // A column only one other area has: the brief's area lacks it.
  std::ofstream(dir / "extra.csv") << "lsoa21_code,extra\nE01900002,5\n";
  auto pdf = dir / "nodata.pdf";
  run("brief " + inputs() + " --indicators " + q(dir / "extra.csv") +
      " --area E01900001 --columns extra,IMD_score -o " + q(pdf));
  std::string line = line_starting(pdftext(pdf), "extra", "no data|[0-9]");
  EXPECT_NE(line.find("no data"), std::string::npos) << line;
}

TEST_F(BriefCli, BadInputIsOneLineAndWritesNothing) {
  auto refused = [&](const std::string& args, const std::string& line) {
    SCOPED_TRACE(args);
    std::string out, err;
    EXPECT_EQ(test::run_nbhd("brief " + args, &out, &err), 2);
    EXPECT_TRUE(err.ends_with(line + "\n")) << err;
    EXPECT_EQ(err.find("nbhd brief:"), err.rfind("nbhd brief:")) << err;  // one error line
    EXPECT_TRUE(test::temporaries_in(dir).empty());
    EXPECT_FALSE(fs::exists(dir / "b.pdf"));
  };
  const std::string o = " -o " + q(dir / "b.pdf");
  refused(inputs() + " --area E01999999" + o,
          "nbhd brief: area code 'E01999999' is not in " + (d / "lsoa.gpkg").string() +
              " (key field lsoa21_code, e.g. E01900001); check the code and the boundary file");
  refused(
      inputs() + " --within E05999999" + o,
      "nbhd brief: no area of " + (d / "lsoa.gpkg").string() +
          " lies within 'E05999999' (no field of the areas holds that code); give a ward or local-authority "
          "code the areas carry, or join a lookup table that holds it");
  refused(inputs() + " --area E01900001 --png 5" + o,
          "nbhd brief: --png takes a resolution from 30 to 600 dpi, got 5 (see nbhd brief --help)");
  refused(inputs() + " --area E01900001 -o " + q(dir / "missing" / "b.pdf"),
          "nbhd brief: cannot write " + (dir / "missing" / "b.pdf").string() + ": folder " +
              (dir / "missing").string() + " does not exist; create it first");
  refused(inputs() + " --area E01900001 -o " + q(dir / "b.png"),
          "nbhd brief: -o names the brief's PDF, e.g. -o brief.pdf, not '" + (dir / "b.png").string() +
              "' (see nbhd brief --help)");
  refused(inputs() + " --within E08900001" + o,
          "nbhd brief: 'E08900001' names 300 areas; a brief covers at most 60 (one page each): choose fewer "
          "areas, or a smaller containing area");
  // An existing brief is kept without --force.
  std::ofstream(dir / "b.pdf") << "old";
  std::string err;
  EXPECT_EQ(test::run_nbhd("brief " + inputs() + " --area E01900001" + o, nullptr, &err), 2);
  EXPECT_EQ(test::read_file(dir / "b.pdf"), "old");
}

// One brief on the national files: a Manchester LSOA with IMD 2025, CNI 2023 and the GM assets.
TEST(BriefReal, ManchesterLsoaWithImd2025AndCni) {
  NBHD_REQUIRE_SHARED("england/imd2025_lsoa21.csv");
  NBHD_REQUIRE_SHARED("england/cni2023_lsoa21.csv");
  NBHD_REQUIRE_SHARED("assets/gm_community_assets.gpkg");
  const fs::path e = test::shared_data() / "england", dir = test::scratch_dir();
  const std::string in = q(e / "lsoa21.gpkg") + " --indicators " + q(e / "imd2025_lsoa21.csv") +
                         " --indicators " + q(e / "cni2023_lsoa21.csv") + " --indicators " +
                         q(e / "census21_households_lsoa21.csv");
  const std::string code = "E01005084";  // Manchester 042D, Chorlton Park ward
  auto pdf = dir / "m.pdf";
  std::string err;
  ASSERT_EQ(test::run_nbhd(
                "brief " + in + " --area " + code +
                    " --columns IMD_score,'Community Needs Index 2023 Score' --weight households_total"
                    " --flag-a IMD_score:worse=high --flag-b 'Community Needs Index 2023 Score:worse=high'"
                    " --assets " +
                    q(test::shared_data() / "assets" / "gm_community_assets.gpkg") +
                    " --per households_total -o " + q(pdf),
                nullptr, &err),
            0)
      << err;
  const std::string text = pdftext(pdf);
  EXPECT_NE(text.find("Manchester 042D"), std::string::npos);
  EXPECT_NE(text.find("Manchester (E08000003)"), std::string::npos);
  ASSERT_EQ(
      test::run_nbhd("rank " + in + " --column IMD_score --worse high -o " + q(dir / "r.csv"), nullptr, &err),
      0);
  CsvRow nat(dir / "r.csv", code);
  const std::string row = R"(^\s*\S+\s+(\S+)\s+([\d,]+) of ([\d,]+)\s+(\d+))";
  std::string line = line_starting(text, "IMD_score", row);
  std::smatch r;
  ASSERT_TRUE(std::regex_search(line, r, std::regex(row))) << text;
  EXPECT_EQ(num(r[2]), nat["rank"]);
  EXPECT_EQ(num(r[3]), 33755);
  EXPECT_EQ(num(r[4]), nat["decile"]);
  EXPECT_NE(text.find("England"), std::string::npos);
}

}  // namespace
}  // namespace nbhd
