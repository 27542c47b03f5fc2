#include "support/demo_layer.hpp"

#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd::test {

const AreaLayer& demo_layer() {
  static const AreaLayer layer = [] {
    auto dir = demo_dir();
    AreaLayer l = load_areas((dir / "lsoa.gpkg").string());
    join_table(l, read_table((dir / "indicators.csv").string()));
    return l;
  }();
  return layer;
}

const Classification& demo_imd_classes() {
  static const Classification classes = [] {
    ClassifyOptions o;
    o.classes = 5;
    return classify(demo_layer().attrs.numeric("IMD_score").num, o);
  }();
  return classes;
}

}  // namespace nbhd::test
