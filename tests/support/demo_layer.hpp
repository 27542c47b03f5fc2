#pragma once
// The demo borough (`nbhd demo`, test::demo_dir()) read the way the tests compute their expectations:
// its areas with indicators.csv joined, read once per test process with geo's own functions (never
// through the viewer or the CLI under test).
#include "geo/model/area_layer.hpp"
#include "geo/stats/classify.hpp"

namespace nbhd::test {

// lsoa.gpkg with indicators.csv joined (IMD_score, IMD_decile, CNI_score, ...).
const AreaLayer& demo_layer();

// IMD_score in 5 quantile classes: the map test::demo_view_args() opens the viewer on.
const Classification& demo_imd_classes();

}  // namespace nbhd::test
