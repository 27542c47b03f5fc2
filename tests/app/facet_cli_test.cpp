// `nbhd render --facet`: small multiples on the demo borough. One legend (each class label once in the
// PDF's text), every panel titled with its column's label, and every panel coloured by the same breaks:
// the classes nbhd's classify gives over all the panels' values together.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "geo/spatial/geos_handle.hpp"
#include "geo/stats/classify.hpp"
#include "render/style/color.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

const char* kColumns[] = {"Civic_Assets_score", "Connectedness_score", "Active_Engaged_score"};

std::string facet_args() {
  auto dir = test::demo_dir();
  return "render '" + (dir / "lsoa.gpkg").string() + "' --indicators '" + (dir / "indicators.csv").string() +
         "' --facet Civic_Assets_score,Connectedness_score,Active_Engaged_score --classes 5"
         " --label 'Civic_Assets_score=Civic assets' --label 'Connectedness_score=Connectedness'"
         " --label 'Active_Engaged_score=Active and engaged community'";
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(FacetCli, OneLegendTitledPanelsAndTheSameBreaksInEveryPanel) {
  const AreaLayer& L = test::demo_layer();
  auto dir = test::scratch_dir();
  std::string json, err;
  ASSERT_EQ(test::run_nbhd(
                facet_args() + " --width 1600 --height 1100 --json -o '" + (dir / "f.png").string() + "'",
                &json, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(json);
  // The shared classes: nbhd's classify over the three columns' values together.
  std::vector<double> all;
  for (const char* c : kColumns) {
    const auto& v = L.attrs.numeric(c).num;
    all.insert(all.end(), v.begin(), v.end());
  }
  ClassifyOptions co;
  co.classes = 5;
  Classification shared = classify(all, co);
  ASSERT_EQ(j["classes"].size(), size_t(shared.classes()));
  for (int k = 0; k < shared.classes(); ++k)
    EXPECT_EQ(j["classes"][size_t(k)]["label"], shared.labels[size_t(k)]);
  ASSERT_EQ(j["panels"].size(), 3u);
  test::Pixels px = test::read_png(dir / "f.png");
  GeosContext g;
  for (size_t p = 0; p < 3; ++p) {
    const auto& panel = j["panels"][p];
    EXPECT_EQ(panel["column"], kColumns[p]);
    double s = panel["world_to_px"]["scale"], ox = panel["world_to_px"]["ox"],
           oy = panel["world_to_px"]["oy"];
    auto f = panel["frame_px"];
    size_t checked = 0;
    for (size_t i = 0; i < L.size(); ++i) {
      GeomPtr geom = to_geos(g, L.geoms[i]);
      GeomPtr pos = own(g, GEOSPointOnSurface_r(g, geom.get()));
      GeomPtr boundary = own(g, GEOSBoundary_r(g, geom.get()));
      double dist = 0, x, y;
      GEOSDistance_r(g, pos.get(), boundary.get(), &dist);
      if (dist * s < 3) continue;
      GEOSGeomGetX_r(g, pos.get(), &x);
      GEOSGeomGetY_r(g, pos.get(), &y);
      double X = s * x + ox, Y = -s * y + oy;
      if (X < f[0].get<double>() + 2 || Y < f[1].get<double>() + 2 ||
          X > f[0].get<double>() + f[2].get<double>() - 2 || Y > f[1].get<double>() + f[3].get<double>() - 2)
        continue;
      int k = shared.class_of[p * L.size() + i];
      ASSERT_GE(k, 0);
      EXPECT_EQ(px.at(int(X), int(Y)), parse_hex_colour(j["classes"][size_t(k)]["colour"].get<std::string>()))
          << kColumns[p] << " " << L.codes[i];
      ++checked;
    }
    EXPECT_GT(checked, L.size() / 2) << kColumns[p];
  }

  // The PDF: each class label once (one legend), each panel's label as its title.
  ASSERT_EQ(test::run_nbhd(facet_args() + " --paper A4 --landscape -o '" + (dir / "f.pdf").string() + "'",
                           nullptr, &err),
            0)
      << err;
  ASSERT_EQ(std::system(
                ("pdftotext '" + (dir / "f.pdf").string() + "' '" + (dir / "f.txt").string() + "'").c_str()),
            0);
  std::string text = test::read_file(dir / "f.txt");
  for (const auto& l : shared.labels) EXPECT_EQ(occurrences(text, l), 1u) << l << "\n" << text;
  for (const char* t : {"Civic assets", "Connectedness", "Active and engaged community"})
    EXPECT_GE(occurrences(text, t), 1u) << t;
}

TEST(FacetCli, UnknownFacetColumnIsOneLineExitTwoAndNoFile) {
  auto dir = test::demo_dir();
  auto out = test::scratch_dir() / "f.svg";
  std::string err;
  EXPECT_EQ(test::run_nbhd("render '" + (dir / "lsoa.gpkg").string() + "' --indicators '" +
                               (dir / "indicators.csv").string() + "' --facet IMD_score,NoSuchColumn -o '" +
                               out.string() + "'",
                           nullptr, &err),
            2);
  std::string last = err.substr(err.rfind('\n', err.size() - 2) + 1);
  EXPECT_EQ(last.rfind("nbhd render: unknown column 'NoSuchColumn' in ", 0), 0u) << err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace nbhd
