#include "app/commands.hpp"

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "app/cli_needs.hpp"
#include "base/error.hpp"

namespace nbhd::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"info", "describe a boundary file and how indicator tables join to it", cmd_info},
      {"join", "join indicator tables to boundaries and write a GeoPackage", cmd_join},
      {"classify", "classify an indicator (quantile, jenks, ...) and print breaks and counts", cmd_classify},
      {"aggregate", "aggregate small-area statistics to larger areas (lookup or spatial)", cmd_aggregate},
      {"rank", "rank an indicator and give deciles, nationally or within groups (local deciles)", cmd_rank},
      {"flag", "flag areas in the worst X% of two indicators (dual disadvantage)", cmd_flag},
      {"convert",
       "move a table to another geography (LSOA 2011 -> 2021, LSOA -> ward) with a rule per column",
       cmd_convert},
      {"change", "compare two periods of a ranked indicator: per-area change, decile transitions",
       cmd_change},
      {"summarise", "IoD summary measures of local authorities from their LSOAs, ranked", cmd_summarise},
      {"weights", "spatial weights (queen, rook, k nearest, distance band): summary, islands, GAL/GWT",
       cmd_weights},
      {"lisa", "clusters or isolated pockets: Moran's I, local Moran (LISA), Gi*, bivariate LISA", cmd_lisa},
      {"assets", "assets near neighbourhoods, and gap indicators (counts, nearest) for every area",
       cmd_assets},
      {"demo", "write the synthetic demo dataset (a fictional borough)", cmd_demo},
      {"render", "draw a choropleth map to PNG, SVG or PDF (headless)", cmd_render},
      {"atlas", "one map page per local authority or ward: a multi-page PDF or a folder of pages", cmd_atlas},
      {"brief", "an A4 PDF brief on a neighbourhood: maps, key figures, assets, provenance", cmd_brief},
      {"view", "interactive map viewer: explore, select, search, brush, export", cmd_view},
  };
  return list;
}

static void print_usage(std::ostream& os) {
  os << "nbhd: maps and statistics for regenerating left-behind neighbourhoods\n\n"
        "usage: nbhd <command> [options]   (nbhd <command> --help for details)\n\ncommands:\n";
  for (const auto& c : commands()) {
    os << "  " << c.name;
    for (size_t i = std::char_traits<char>::length(c.name); i < 11; ++i) os << ' ';
    os << c.summary << "\n";
  }
}

// Errors are one line whatever they quote: a column name or a GDAL message may hold a line break.
static std::string one_line(std::string_view msg) {
  std::string s;
  s.reserve(msg.size());
  for (char c : msg) {
    if (c == '\n')
      s += "\\n";
    else if (c == '\r')
      s += "\\r";
    else if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
      s += '?';
    else
      s += c;
  }
  return s;
}

int run_cli(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return 0;
  }
  if (name == "--version") {
    std::cout << "nbhd " NBHD_VERSION "\n";  // the project() version (app/CMakeLists.txt)
    return 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : commands()) {
    if (name != c.name) continue;
    try {
      return c.run(args);
    } catch (const UsageError& e) {
      std::cerr << "nbhd " << name << ": " << one_line(e.what()) << " (see nbhd " << name << " --help)\n";
      return 2;
    } catch (const Cancelled&) {
      std::cerr << "nbhd " << name << ": cancelled; no output was written\n";
      return 2;
    } catch (const Error& e) {
      std::cerr << "nbhd " << name << ": " << one_line(e.what()) << flag_hint(e.need()) << "\n";
      return 2;
    } catch (const std::bad_alloc&) {
      std::cerr << "nbhd " << name << ": out of memory; try a smaller input or close other programs\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "nbhd " << name << ": internal error: " << one_line(e.what()) << "; please report this\n";
      return 2;
    }
  }
  std::cerr << "nbhd: unknown command '" << name << "'\n";
  print_usage(std::cerr);
  return 2;
}

}  // namespace nbhd::cli
