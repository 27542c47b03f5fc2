// nbhd lisa: is it a cluster or an isolated pocket? Global Moran's I, local Moran (LISA) clusters with
// conditional permutation p-values, optionally Getis-Ord Gi* hot spots and the bivariate local Moran of one
// indicator against the neighbours' values of another. The CSV joins and maps like any indicator.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/selection.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/spatial/weights_spec.hpp"
#include "geo/stats/lisa_run.hpp"
#include "geo/tables/csv_write.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd lisa BOUNDARIES [--indicators TABLE[:KEY]]... --column C [--bivariate C2] [--gi]\n"
    "                 [--weights queen|rook|knn:K|band[:D]|FILE.gal|FILE.gwt] [--permutations N] [--seed S]\n"
    "                 [--alpha A] [--correction none|bonferroni|fdr] [--within FIELD=VALUE] [--json] [-o "
    "OUT.csv]\n\n"
    "Global Moran's I of column C (normality, randomisation and permutation inference) and local Moran's I "
    "of\n"
    "every area with a pseudo p-value from conditional permutations: clusters High-High, Low-Low, Low-High,\n"
    "High-Low, Not significant, and Neighbourless for islands. Areas with no value of C are left out and\n"
    "counted. The same --seed gives the same p-values on any number of threads.\n"
    "--bivariate C2 tests C at each area against the neighbours' C2 (dual disadvantage: IMD x CNI).\n"
    "--gi adds Getis-Ord Gi* z-scores and hot/cold spots (normal p-values).\n\n"
    "OUT.csv: code,name,C[,C2],lag,z,lag_z,local_i,p,significance,cluster,cluster_label,neighbours\n"
    "[,gi_z,gi_p,gi_cluster]. Map the clusters with: nbhd render BOUNDARIES --indicators OUT.csv\n"
    "--column cluster --method categorical --palette lisa (significance: --column significance\n"
    "--palette lisa-significance; Gi*: --column gi_cluster --palette gi).\n\n"
    "options:\n";
const char* kHelpTail =
    "  --column C              the indicator (exact column name)\n"
    "  --bivariate C2          bivariate local Moran: C here against C2 of the neighbours\n"
    "  --gi                    also Getis-Ord Gi* (hot and cold spots)\n"
    "  --weights W             queen (default), rook, knn:K, band, band:D (metres) or a GeoDa .gal/.gwt "
    "file\n"
    "  --snap M                contiguity: vertices closer than M metres are one point (default 0.001)\n"
    "  --style row|binary      row-standardised weights (default) or 1 per link\n"
    "  --permutations N        1 to 99999 (default 999): each local test\n"
    "  --global-permutations N 0 to 99999 (default 999): the global I's permutation test\n"
    "  --seed S                random seed, a whole number (default 123456789, GeoDa's)\n"
    "  --alpha A               significance level, e.g. 0.05 (default), 0.01, 0.001\n"
    "  --correction C          none (default), bonferroni (alpha / n) or fdr (False Discovery Rate)\n"
    "  --within FIELD=VALUE    only the areas whose FIELD equals VALUE (neighbours outside are ignored)\n"
    "  --json                  print the summary as JSON\n"
    "  -o, --output OUT.csv    write one row per area\n"
    "  --force                 overwrite OUT.csv if it exists\n";

size_t parse_permutations(const Args& a, const char* name, size_t least) {
  auto v = a.number(name);
  if (!v) return 999;
  if (*v != std::floor(*v) || *v < double(least) || *v > double(kMaxPermutations))
    throw UsageError("--" + std::string(name) + " takes a whole number from " + std::to_string(least) +
                     " to 99999 (999 is usual), got " + *a.get(name));
  return static_cast<size_t>(*v);
}

uint64_t parse_seed(const Args& a) {
  auto v = a.number("seed");
  if (!v) return LisaOptions{}.seed;
  if (*v != std::floor(*v) || *v < 0 || *v > 9007199254740992.0)
    throw UsageError("--seed takes a whole number from 0 to 2^53, got " + *a.get("seed"));
  return static_cast<uint64_t>(*v);
}

nlohmann::json num(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string p_text(double p) {
  return p < 1e-300 ? "< 1e-300" : fmt("%.3g", p);
}

// The output name of a value column that does not clash with the fixed columns.
std::string value_name(const std::string& c) {
  for (const char* fixed : {"code", "name", "lag", "z", "lag_z", "local_i", "p", "significance", "cluster",
                            "cluster_label", "neighbours", "gi_z", "gi_p", "gi_cluster"})
    if (c == fixed) return c + "_value";
  return c;
}
}  // namespace

int cmd_lisa(const std::vector<std::string>& argv) {
  auto parsed =
      parse_command(argv,
                    command_options({"column", "bivariate", "weights", "snap", "style", "permutations",
                                     "seed", "alpha", "correction", "within", "output"},
                                    {"gi", "json", "force"}),
                    kHelp, kHelpTail);
  if (!parsed) return 0;
  const Args& a = *parsed;
  const std::string column = a.require("column");
  const std::string column2 = a.get_or("bivariate", "");
  WeightsSpec spec = parse_weights_spec(a.get_or("weights", "queen"));
  if (auto s = a.number("snap")) {
    if (!(*s >= 0)) throw UsageError("--snap takes a distance of 0 or more metres, got " + format_number(*s));
    spec.snap = *s;
  }
  LisaOptions opt;
  opt.style = parse_weights_style(a.get_or("style", "row"));
  opt.permutations = parse_permutations(a, "permutations", 1);
  opt.global_permutations = parse_permutations(a, "global-permutations", 0);
  opt.seed = parse_seed(a);
  if (auto al = a.number("alpha")) opt.alpha = *al;
  opt.correction = parse_correction(a.get_or("correction", "none"));
  check_lisa_options(opt);
  auto out = a.get("output");
  if (out) {
    AtomicOutput probe(*out, a.flag("force"));
  }

  std::vector<std::string> needed{column};
  if (!column2.empty()) needed.push_back(column2);
  LoadedInputs in = load_inputs(a, 0, &needed);
  const bool json = a.flag("json");
  for (const auto& r : in.reports)
    if (!json) std::cerr << format_report(r);
  const AreaLayer& L = in.layer;
  const std::string file = std::filesystem::path(L.source).filename().string();
  LisaRunOptions run_opt;
  run_opt.column = column;
  run_opt.column2 = column2;
  run_opt.weights = spec;
  run_opt.gi = a.flag("gi");
  LisaRun run;
  {
    TerminalProgress bar("lisa");
    opt.progress = bar.callback();
    run_opt.lisa = opt;
    run = run_lisa(L, run_opt, select_rows(L.attrs, a.get_or("within", ""), L.source));
  }
  const std::vector<size_t>& rows = run.rows;
  const std::vector<double>& x = run.x;
  const std::vector<double>& y = run.y;
  const SpatialWeights& w = run.weights;
  const LisaResult& r = run.result;
  const std::optional<GiResult>& gi = run.gi;
  std::vector<std::string> island_codes;
  for (size_t i = 0; i < rows.size(); ++i)
    if (r.cluster[i] == kNeighbourless) island_codes.push_back(L.codes[rows[i]]);
  const std::string what = column2.empty()
                               ? "local Moran of " + column
                               : "bivariate local Moran of " + column + " against the neighbours' " + column2;
  const std::string cut = r.cutoff == opt.alpha ? format_number(opt.alpha)
                                                : fmt("%.3g", r.cutoff) + " (" + to_string(opt.correction) +
                                                      " at " + format_number(opt.alpha) + ")";
  const GlobalMoran& g = r.global;

  if (json) {
    nlohmann::json j;
    j["source"] = L.source;
    j["column"] = column;
    if (!column2.empty()) j["bivariate"] = column2;
    j["weights"] = w.kind;
    j["style"] = to_string(opt.style);
    j["permutations"] = opt.permutations;
    j["global_permutations"] = opt.global_permutations;
    j["seed"] = opt.seed;
    j["alpha"] = opt.alpha;
    j["correction"] = to_string(opt.correction);
    j["cutoff"] = r.cutoff;
    j["areas"] = rows.size();
    j["analysed"] = r.analysed;
    j["missing"] = r.missing;
    j["islands"] = r.islands;
    j["island_codes"] = island_codes;
    j["global"] = {{"I", num(g.i)},
                   {"expected", num(g.expected)},
                   {"z_normal", num(g.z_normal)},
                   {"p_normal", num(g.p_normal)},
                   {"z_randomisation", num(g.z_random)},
                   {"p_randomisation", num(g.p_random)},
                   {"z_permutation", num(g.z_perm)},
                   {"p_permutation", num(g.p_perm)}};
    nlohmann::json counts;
    for (int c = 0; c <= kNeighbourless; ++c) counts[lisa_cluster_label(c)] = r.counts[size_t(c)];
    counts["No data"] = r.missing;
    j["clusters"] = counts;
    if (gi) {
      nlohmann::json gc;
      for (int c = 0; c <= kGiNeighbourless; ++c) gc[gi_cluster_label(c)] = gi->counts[size_t(c)];
      j["gi"] = {{"cutoff", gi->cutoff}, {"clusters", gc}};
    }
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << what << " in " << file << ": " << w.kind << ", "
              << (opt.style == WeightsStyle::Row ? "row-standardised" : "binary") << ", " << opt.permutations
              << " permutations, seed " << opt.seed << "\n";
    std::cout << "areas: " << rows.size() << (a.get("within") ? " with " + *a.get("within") : "")
              << "; analysed " << r.analysed << "; left out for a missing value: " << r.missing << "\n";
    std::cout << "islands (no neighbour, not tested): " << r.islands;
    if (r.islands) std::cout << " (" << join_list(island_codes, 10) << ")";
    std::cout << "\n";
    std::cout << "global Moran's I = " << fmt("%.6f", g.i) << ", E[I] = " << fmt("%.6f", g.expected) << "\n";
    if (std::isfinite(g.z_normal)) {
      std::cout << "  normality:     z = " << fmt("%.2f", g.z_normal) << ", p "
                << (g.p_normal < 1e-300 ? "" : "= ") << p_text(g.p_normal) << "\n";
      std::cout << "  randomisation: z = " << fmt("%.2f", g.z_random) << ", p "
                << (g.p_random < 1e-300 ? "" : "= ") << p_text(g.p_random) << "\n";
    }
    if (g.permutations > 0)
      std::cout << "  permutations:  pseudo p = " << fmt("%.4g", g.p_perm) << " (" << g.permutations
                << "), z = " << fmt("%.2f", g.z_perm) << "\n";
    std::cout << "clusters (p <= " << cut << "):\n";
    char line[128];
    for (int c : {kHighHigh, kLowLow, kLowHigh, kHighLow, kNotSignificant, kNeighbourless}) {
      std::snprintf(line, sizeof line, "  %-16s %8zu\n", lisa_cluster_label(c), r.counts[size_t(c)]);
      std::cout << line;
    }
    std::snprintf(line, sizeof line, "  %-16s %8zu\n", "No data", r.missing);
    std::cout << line;
    if (gi) {
      std::cout << "Getis-Ord Gi* (p <= " << fmt("%.3g", gi->cutoff) << "):\n";
      for (int c : {kGiHot, kGiCold, kGiNotSignificant, kGiNeighbourless}) {
        std::snprintf(line, sizeof line, "  %-16s %8zu\n", gi_cluster_label(c), gi->counts[size_t(c)]);
        std::cout << line;
      }
    }
  }
  if (out) {
    Table t(*out);
    auto text_col = [](const char* n) { return Column{n, ColumnType::Text, {}, {}}; };
    auto real_col = [](std::string n) { return Column{std::move(n), ColumnType::Real, {}, {}}; };
    auto int_col = [](const char* n) { return Column{n, ColumnType::Integer, {}, {}}; };
    Column code = text_col("code"), name = text_col("name"), vx = real_col(value_name(column)),
           vy = real_col(value_name(column2) == value_name(column) ? value_name(column2) + "_b"
                                                                   : value_name(column2));
    Column lag = real_col("lag"), z = real_col("z"), lag_z = real_col("lag_z"), li = real_col("local_i"),
           p = real_col("p"), sig = int_col("significance"), cl = int_col("cluster"),
           label = text_col("cluster_label"), nb = int_col("neighbours");
    Column gz = real_col("gi_z"), gp = real_col("gi_p"), gc = int_col("gi_cluster");
    auto intv = [](int v) { return v < 0 ? std::nan("") : double(v); };
    for (size_t i = 0; i < rows.size(); ++i) {
      code.text.push_back(L.codes[rows[i]]);
      name.text.push_back(L.names.empty() ? "" : L.names[rows[i]]);
      vx.num.push_back(x[i]);
      if (!column2.empty()) vy.num.push_back(y[i]);
      lag.num.push_back(r.lag[i]);
      z.num.push_back(r.z[i]);
      lag_z.num.push_back(r.lag_z[i]);
      li.num.push_back(r.local_i[i]);
      p.num.push_back(r.p[i]);
      sig.num.push_back(intv(r.significance[i]));
      cl.num.push_back(intv(r.cluster[i]));
      label.text.push_back(lisa_cluster_label(r.cluster[i]));
      nb.num.push_back(intv(r.neighbours[i]));
      if (gi) {
        gz.num.push_back(gi->z[i]);
        gp.num.push_back(gi->p[i]);
        gc.num.push_back(intv(gi->cluster[i]));
      }
    }
    t.add(std::move(code));
    t.add(std::move(name));
    t.add(std::move(vx));
    if (!column2.empty()) t.add(std::move(vy));
    for (auto* c : {&lag, &z, &lag_z, &li, &p, &sig, &cl, &label, &nb}) t.add(std::move(*c));
    if (gi)
      for (auto* c : {&gz, &gp, &gc}) t.add(std::move(*c));
    write_csv(t, *out, a.flag("force"));
    std::cerr << "wrote " << *out << ": " << rows.size() << " areas\n";
  }
  return 0;
}

}  // namespace nbhd::cli
