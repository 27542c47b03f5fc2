// nbhd join: boundaries + indicator tables -> one GeoPackage with typed columns.
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/vector/ogr_source.hpp"
#include "geo/vector/vector_write.hpp"

namespace nbhd::cli {

int cmd_join(const std::vector<std::string>& argv) {
  auto spec = input_options();
  spec.push_back({"output", true, 'o'});
  spec.push_back({"table", true});
  spec.push_back({"force", false});
  spec.push_back({"help", false, 'h'});
  Args a(argv, spec);
  if (a.flag("help")) {
    std::cout
        << "usage: nbhd join BOUNDARIES --indicators TABLE[:KEY]... -o OUT.gpkg [--force]\n"
           "       nbhd join BOUNDARIES --indicators TABLE[:KEY]... -o PG:... --table NAME [--force]\n\n"
           "Joins indicator tables to the boundaries by area code and writes a GeoPackage in the working "
           "CRS\n"
           "with every source field and joined column, typed (Integer/Real/Boolean/String). Join reports "
           "are\n"
           "printed. The output is written to a temporary name and renamed when complete; a PostGIS table\n"
           "is written in one transaction.\n\noptions:\n"
        << input_options_help()
        << "  -o, --output FILE       the GeoPackage to write (.gpkg), or a PG: connection string\n"
           "  --table NAME            with -o PG:..., the table to write\n"
           "  --force                 overwrite FILE (or replace the table) if it exists\n";
    return 0;
  }
  const std::string& out = a.require("output");
  const bool to_pg = is_pg_source(out);
  if (!to_pg && std::filesystem::path(out).extension() != ".gpkg")
    throw UsageError("the output must be a .gpkg file, got " + out);
  if (to_pg && !a.get("table"))
    throw UsageError("name the table to write in " + source_label(out) + " (--table NAME)");
  if (!to_pg && a.get("table"))
    throw UsageError("--table names a table of a PG: output; leave it out for " + out);
  if (a.all("indicators").empty()) throw UsageError("give at least one --indicators TABLE to join");
  // Check the destination before the (long) load so a typo costs nothing.
  if (to_pg) {
    check_pg_destination(out, *a.get("table"), a.flag("force"));
  } else {
    AtomicOutput probe(out, a.flag("force"));
  }
  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  const std::string shown = to_pg ? "table '" + *a.get("table") + "' in " + source_label(out) : out;
  {
    TerminalProgress bar("writing " + shown);
    if (to_pg)
      write_pg_table(in.layer, out, *a.get("table"), a.flag("force"), bar.callback());
    else
      write_gpkg(in.layer, out, a.flag("force"), bar.callback());
  }
  std::cerr << "wrote " << shown << ": " << in.layer.size() << " areas, " << in.layer.attrs.columns()
            << " columns, " << in.layer.working_crs << "\n";
  return 0;
}

}  // namespace nbhd::cli
