// nbhd join: boundaries + indicator tables -> one GeoPackage with typed columns.
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/vector/vector_write.hpp"

namespace nbhd::cli {

int cmd_join(const std::vector<std::string>& argv) {
  auto spec = input_options();
  spec.push_back({"output", true, 'o'});
  spec.push_back({"force", false});
  spec.push_back({"help", false, 'h'});
  Args a(argv, spec);
  if (a.flag("help")) {
    std::cout << "usage: nbhd join BOUNDARIES --indicators TABLE[:KEY]... -o OUT.gpkg [--force]\n\n"
                 "Joins indicator tables to the boundaries by area code and writes a GeoPackage in the working CRS\n"
                 "with every source field and joined column, typed (Integer/Real/Boolean/String). Join reports are\n"
                 "printed. The output is written to a temporary name and renamed when complete.\n\noptions:\n"
              << input_options_help()
              << "  -o, --output FILE       the GeoPackage to write (.gpkg)\n"
                 "  --force                 overwrite FILE if it exists\n";
    return 0;
  }
  const std::string& out = a.require("output");
  if (std::filesystem::path(out).extension() != ".gpkg")
    throw UsageError("the output must be a .gpkg file, got " + out);
  if (a.all("indicators").empty()) throw UsageError("give at least one --indicators TABLE to join");
  // Check the destination before the (long) load so a typo costs nothing.
  { AtomicOutput probe(out, a.flag("force")); }
  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  {
    TerminalProgress bar("writing " + out);
    write_gpkg(in.layer, out, a.flag("force"), bar.callback());
  }
  std::cerr << "wrote " << out << ": " << in.layer.size() << " areas, " << in.layer.attrs.columns() << " columns, "
            << in.layer.working_crs << "\n";
  return 0;
}

}  // namespace nbhd::cli
