// nbhd demo: writes the synthetic demo dataset.
#include <iostream>

#include "app/args.hpp"
#include "app/commands.hpp"
#include "app/terminal_progress.hpp"
#include "data/demo_dataset.hpp"

namespace nbhd::cli {

int cmd_demo(const std::vector<std::string>& argv) {
  Args a(argv, {{"output", true, 'o'}, {"help", false, 'h'}});
  if (a.flag("help")) {
    std::cout << "usage: nbhd demo -o DIR\n\n"
                 "Writes the demo dataset, a fictional borough (Eastbrook) made by nbhd itself, into DIR:\n"
                 "lsoa.gpkg (~300 areas), wards.gpkg (25 wards), indicators.csv (IMD-like and CNI-like indicators,\n"
                 "households), lsoa_ward_lookup.csv and assets.gpkg (~800 community assets). Deterministic.\n";
    return 0;
  }
  const std::string& dir = a.require("output");
  install_interrupt_handler();
  DemoSummary s;
  {
    TerminalProgress bar("demo");
    s = write_demo_dataset(dir, bar.callback());
  }
  std::cerr << "wrote demo dataset to " << dir << ": " << s.areas << " areas, " << s.wards << " wards, " << s.assets
            << " assets, " << s.left_behind << " left-behind areas\n";
  return 0;
}

}  // namespace nbhd::cli
