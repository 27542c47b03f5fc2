// nbhd weights: spatial weights of a boundary file (who neighbours whom), summarised, and written as a GeoDa
// GAL/GWT file that GeoDa, PySAL and spdep read.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/spatial/gal_io.hpp"
#include "geo/spatial/weights_spec.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd weights BOUNDARIES [--weights queen|rook|knn:K|band[:D]] [--snap M] [--style row|binary]\n"
    "                    [--json] [-o OUT.gal|OUT.gwt]\n\n"
    "Builds spatial weights from the boundaries and prints a summary: links, the fewest, mean and most\n"
    "neighbours, and every island (an area with no neighbour). Islands are reported, never dropped.\n\n"
    "weights (--weights, default queen):\n"
    "  queen     areas that share a boundary point (a vertex within --snap of a vertex of the other)\n"
    "  rook      areas that share at least two boundary points: an edge, not just a corner\n"
    "  knn:K     the K nearest areas by centroid (ties to the earlier area); not symmetric\n"
    "  band:D    areas whose centroids are at most D metres apart; 'band' alone = the smallest D with no "
    "island\n\n"
    "options:\n";
const char* kHelpTail =
    "  --weights W             see above (default queen)\n"
    "  --snap M                contiguity: vertices closer than M metres are one point (default 0.001)\n"
    "  --style row|binary      weights written to a .gwt: row-standardised or 1 per link (default binary)\n"
    "  --json                  print the summary as JSON\n"
    "  -o, --output OUT        write a GeoDa .gal (neighbours) or .gwt (neighbours and weights) file\n"
    "  --force                 overwrite OUT if it exists\n";
}  // namespace

int cmd_weights(const std::vector<std::string>& argv) {
  auto parsed = parse_command(
      argv, command_options({"weights", "snap", "style", "output"}, {"json", "force"}), kHelp, kHelpTail);
  if (!parsed) return 0;
  const Args& a = *parsed;
  WeightsSpec spec = parse_weights_spec(a.get_or("weights", "queen"));
  if (auto s = a.number("snap")) {
    if (!(*s >= 0)) throw UsageError("--snap takes a distance of 0 or more metres, got " + format_number(*s));
    spec.snap = *s;
  }
  WeightsStyle style = parse_weights_style(a.get_or("style", "binary"));
  auto out = a.get("output");
  std::optional<WeightsFormat> format;
  if (out) {
    format = weights_format(*out);
    AtomicOutput probe(*out, a.flag("force"));
  }
  const std::vector<std::string> none;
  LoadedInputs in = load_inputs(a, 0, &none);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  const AreaLayer& L = in.layer;
  SpatialWeights w;
  {
    TerminalProgress bar("weights");
    // Building is one pass (under a second nationally): the line says what is happening, and Ctrl-C
    // before it still cancels cleanly.
    if (!bar.callback()(0, "building")) throw Cancelled();
    w = build_weights(L, spec);
  }
  WeightsSummary s = summarise(w);
  std::vector<std::string> islands;
  for (size_t i : s.island_rows) islands.push_back(L.codes[i]);
  const std::string file = std::filesystem::path(L.source).filename().string();
  if (a.flag("json")) {
    nlohmann::json j;
    j["source"] = L.source;
    j["weights"] = w.kind;
    j["areas"] = s.areas;
    j["links"] = s.links;
    j["symmetric"] = s.symmetric;
    j["min_neighbours"] = s.min_neighbours;
    j["mean_neighbours"] = s.mean_neighbours;
    j["max_neighbours"] = s.max_neighbours;
    j["islands"] = s.islands;
    j["island_codes"] = islands;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << w.kind << " of " << file << ": " << s.areas << " areas, " << s.links << " links"
              << (s.symmetric ? " (symmetric)" : " (not symmetric)") << "\n";
    char line[160];
    std::snprintf(line, sizeof line, "neighbours: fewest %zu, mean %.2f, most %zu\n", s.min_neighbours,
                  s.mean_neighbours, s.max_neighbours);
    std::cout << line;
    std::cout << "islands (no neighbour): " << s.islands;
    if (s.islands) std::cout << " (" << join_list(islands, 10) << ")";
    std::cout << "\n";
  }
  if (out) {
    std::string key = L.key_field.empty() ? "code" : L.key_field;
    std::string layer = L.layer_name.empty() ? std::filesystem::path(L.source).stem().string() : L.layer_name;
    write_file_atomic(*out, format_weights(with_style(w, style), L.codes, *format, layer, key),
                      a.flag("force"));
    std::cerr << "wrote " << *out << ": " << s.areas << " areas, " << s.links << " links\n";
  }
  return 0;
}

}  // namespace nbhd::cli
