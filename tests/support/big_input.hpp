#pragma once
// A large synthetic boundary file + indicator table (a grid of square "LSOAs" in EPSG:27700), written as
// text so it costs little to make: big enough that `nbhd join` spends a while writing its GeoPackage, so a
// test can interrupt the write itself.
#include <filesystem>
#include <fstream>
#include <string>

namespace nbhd::test {

struct BigInput {
  std::filesystem::path boundaries;  // GeoJSON, lsoa21_code + lsoa21_name
  std::filesystem::path table;       // CSV, lsoa21_code + score
  int areas = 0;
};

inline BigInput write_big_input(const std::filesystem::path& dir, int areas) {
  BigInput b{dir / "big.geojson", dir / "big.csv", areas};
  std::ofstream g(b.boundaries), t(b.table);
  g << "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
       "\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[\n";
  t << "lsoa21_code,score\n";
  for (int i = 0; i < areas; ++i) {
    const long x = 400000 + (i % 200) * 100, y = 300000 + (i / 200) * 100;
    std::string code = std::to_string(i + 1);
    code = "E01" + std::string(6 - code.size(), '0') + code;
    auto pt = [](long px, long py) { return "[" + std::to_string(px) + "," + std::to_string(py) + "]"; };
    g << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"lsoa21_code\":\"" << code
      << "\",\"lsoa21_name\":\"Area " << i << "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
      << pt(x, y) << "," << pt(x + 100, y) << "," << pt(x + 100, y + 100) << "," << pt(x, y + 100) << ","
      << pt(x, y) << "]]}}";
    t << code << "," << i << ".5\n";
  }
  g << "]}\n";
  return b;
}

}  // namespace nbhd::test
