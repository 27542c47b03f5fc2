#pragma once
// Small vector files built in code for tests: any OGR driver, any CRS, features from WKT.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nbhd::test {

struct FixtureFeature {
  std::string wkt;                                          // "" = null geometry
  std::vector<std::pair<std::string, std::string>> fields;  // name -> value (written as strings)
};

struct FixtureLayer {
  std::string name;
  int epsg = 27700;  // 0 = no CRS
  std::vector<std::string> field_names;
  std::vector<FixtureFeature> features;
  int geom_type = 0;  // OGRwkbGeometryType; 0 = unknown (taken from the features)
};

// Writes layers with the named GDAL driver ("GPKG", "ESRI Shapefile", "GeoJSON"...). Returns `path`.
std::filesystem::path write_fixture(const std::filesystem::path& path, const std::string& driver,
                                    const std::vector<FixtureLayer>& layers);

// A square polygon WKT with lower-left (x, y) and side s.
std::string square(double x, double y, double s);

}  // namespace nbhd::test
