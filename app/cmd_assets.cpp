// nbhd assets: the assets near chosen neighbourhoods (--near), or gap indicators for every area
// (--per-area) as a CSV keyed by area code that joins and maps like any indicator.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/spatial/gaps.hpp"
#include "geo/spatial/proximity.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/point_table.hpp"

namespace nbhd::cli {

namespace {

const char* kHelp =
    "usage: nbhd assets BOUNDARIES --assets A [--assets B]... --near CODE[,CODE]... [--within M]\n"
    "                   [--json | --csv] [-o FILE]\n"
    "       nbhd assets BOUNDARIES --assets A... --per-area [--within M] [--per COLUMN --indicators T]\n"
    "                   [--categories A,B] [--groups GROUPS.csv] [--no-coverage | --coverage-field F]\n"
    "                   -o GAPS.csv [--force]\n\n"
    "Assets are points (polygons are reduced to a point on their surface) from any OGR source, or a CSV/XLSX\n"
    "spreadsheet with coordinate columns (lon/lat, latitude/longitude, easting/northing or x/y, found by name\n"
    "or by value; the CRS from their values, EPSG:4326 or EPSG:27700, or --assume-crs), reprojected "
    "to\n"
    "the working CRS. Distances are exact, in metres, from the asset to the area's polygon; an asset inside\n"
    "is at 0 m. An asset exactly on an area's edge or vertex counts as inside that area, so one on an edge\n"
    "shared by two areas counts in both (the PostGIS ST_Intersects rule). \"Within M\" includes M itself.\n\n"
    "--near lists every asset within M of the chosen areas, grouped by category with its distance, then the\n"
    "nearest asset of each category however far. Output: text (default), --json or --csv, to stdout or "
    "-o.\n\n"
    "--per-area writes one row per area, keyed by area code, with for all assets and for each category:\n"
    "  <cat>_inside, <cat>_within_<M>m, <cat>_nearest_m, and with --per COLUMN <cat>_inside_per_1000 and\n"
    "  <cat>_within_<M>m_per_1000 (per 1,000 of COLUMN, e.g. households_total from an --indicators table).\n"
    "With --groups, the same columns for each group of categories (a CSV group,category; the viewer reads\n"
    "the same table). Then missing_within_<M>m counts the groups (or, without --groups, the chosen\n"
    "categories) with nothing within M of the area, and missing_within_<M>m_list names them.\n"
    "Counts are 0 where a covered area has no asset; a per-1,000 figure is blank where COLUMN is blank or\n"
    "0 (the count of such areas is reported).\n"
    "Coverage: an asset file covers some places only. Areas are grouped by the boundaries' local-authority\n"
    "field (ltla24_code, lad19_code...: detected, or --coverage-field); an authority whose areas hold fewer\n"
    "than --coverage-min assets (default 10, any category) was not surveyed, and every figure of its areas\n"
    "is blank (No data), never a false 0. --no-coverage counts every area. The viewer's Gaps panel applies\n"
    "the same rule. Join the CSV to the boundaries (nbhd join --indicators GAPS.csv) to map it.\n\n"
    "options:\n"
    "  --assets FILE           asset points (repeatable)\n"
    "  --asset-layer L         layer to read in every asset file (default: the only point/polygon layer)\n"
    "  --category-field F      asset field holding the category (default: detected: category, type, "
    "amenity...)\n"
    "  --categories A,B        keep only these categories\n"
    "  --within M              distance in metres (default 1000; --per-area: 0 to 50000)\n"
    "  --near CODE[,CODE]      area codes of the neighbourhood (repeatable)\n"
    "  --json / --csv          machine-readable output for --near\n"
    "  --per-area              gap indicators for every area\n"
    "  --per COLUMN            denominator column for per-1,000 figures (from the boundaries or "
    "--indicators)\n"
    "  --totals-only           --per-area: only the all-assets (and group) columns, not one set per "
    "category\n"
    "  --groups FILE           --per-area: groups of categories (CSV: group,category), columns per group\n"
    "  --coverage-field F      --per-area: the boundaries' local-authority field for the coverage rule\n"
    "  --coverage-min N        --per-area: assets an authority needs to count as covered (default 10)\n"
    "  --no-coverage           --per-area: every area is covered (counts 0 outside the assets' extent)\n"
    "  --threads N             worker threads (default: all cores)\n"
    "  -o, --output FILE       write here (atomically) instead of stdout\n"
    "  --force                 overwrite FILE if it exists\n";

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ','))
      if (!trim(item).empty()) out.emplace_back(trim(item));
  }
  return out;
}

std::string metres(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

nlohmann::json asset_json(const AssetSet& s, const std::vector<PointLayer>& layers, const NearbyAsset& a) {
  nlohmann::json j;
  const PointLayer& l = layers[s.layer[a.asset]];
  const size_t row = s.row[a.asset];
  j["category"] = s.categories[s.category[a.asset]];
  j["name"] = s.names[a.asset];
  j["distance_m"] = a.distance;
  j["x"] = s.pts[a.asset].x;
  j["y"] = s.pts[a.asset].y;
  j["source"] = l.source;
  nlohmann::json attrs = nlohmann::json::object();
  for (const auto& c : l.attrs.cols()) {
    if (c.missing(row))
      attrs[c.name] = nullptr;
    else if (c.numeric())
      attrs[c.name] = c.num[row];
    else
      attrs[c.name] = c.text[row];
  }
  j["attributes"] = std::move(attrs);
  return j;
}

std::string near_json(const AreaLayer& areas, const AssetSet& s, const std::vector<PointLayer>& layers,
                      const NearResult& r) {
  nlohmann::json j;
  j["crs"] = areas.working_crs;
  j["within_m"] = r.within;
  for (size_t a : r.areas) j["areas"].push_back({{"code", areas.codes[a]}, {"name", areas.names[a]}});
  auto counts = s.category_counts();
  nlohmann::json cats = nlohmann::json::array();
  for (size_t c = 0; c < s.categories.size(); ++c) {
    nlohmann::json cj;
    cj["category"] = s.categories[c];
    cj["assets"] = nlohmann::json::array();
    for (const auto& a : r.assets)
      if (s.category[a.asset] == c) cj["assets"].push_back(asset_json(s, layers, a));
    cj["count_within"] = cj["assets"].size();
    cj["nearest"] =
        r.nearest[c].asset == UINT32_MAX ? nlohmann::json(nullptr) : asset_json(s, layers, r.nearest[c]);
    cats.push_back(std::move(cj));
  }
  j["categories"] = std::move(cats);
  j["count_within"] = r.assets.size();
  return j.dump(2) + "\n";
}

std::string near_csv(const AreaLayer& areas, const AssetSet& s, const std::vector<PointLayer>& layers,
                     const NearResult& r) {
  std::string codes;
  for (size_t a : r.areas) codes += (codes.empty() ? "" : " ") + areas.codes[a];
  std::string out = "areas,kind,category,name,distance_m,x,y,source,row\n";
  auto line = [&](const char* kind, const NearbyAsset& a) {
    out += csv_field(codes) + "," + kind + "," + csv_field(s.categories[s.category[a.asset]]) + "," +
           csv_field(s.names[a.asset]) + "," + format_number(a.distance) + "," +
           format_number(s.pts[a.asset].x) + "," + format_number(s.pts[a.asset].y) + "," +
           csv_field(layers[s.layer[a.asset]].source) + "," + std::to_string(s.row[a.asset]) + "\n";
  };
  for (const auto& a : r.assets) line("within", a);
  for (const auto& a : r.nearest)
    if (a.asset != UINT32_MAX) line("nearest", a);
  return out;
}

std::string near_text(const AreaLayer& areas, const AssetSet& s, const NearResult& r) {
  std::ostringstream o;
  o << "Assets within " << format_number(r.within) << " m of";
  for (size_t a : r.areas)
    o << " " << areas.codes[a] << (areas.names[a].empty() ? "" : " (" + areas.names[a] + ")");
  o << ": " << r.assets.size() << "\n";
  for (size_t c = 0; c < s.categories.size(); ++c) {
    size_t n = 0;
    for (const auto& a : r.assets) n += s.category[a.asset] == c;
    if (n == 0) continue;
    o << "\n" << s.categories[c] << " (" << n << ")\n";
    for (const auto& a : r.assets)
      if (s.category[a.asset] == c) {
        std::string d = metres(a.distance);
        o << "  " << std::string(d.size() < 8 ? 8 - d.size() : 0, ' ') << d << " m  "
          << (s.names[a.asset].empty() ? "(unnamed)" : s.names[a.asset]) << "\n";
      }
  }
  o << "\nNearest of each category:\n";
  for (size_t c = 0; c < s.categories.size(); ++c) {
    const NearbyAsset& a = r.nearest[c];
    if (a.asset == UINT32_MAX) continue;
    std::string d = metres(a.distance);
    o << "  " << s.categories[c]
      << std::string(s.categories[c].size() < 24 ? 24 - s.categories[c].size() : 1, ' ')
      << std::string(d.size() < 10 ? 10 - d.size() : 0, ' ') << d << " m  "
      << (s.names[a.asset].empty() ? "(unnamed)" : s.names[a.asset]) << "\n";
  }
  return o.str();
}

void emit(const std::string& text, const Args& a) {
  if (auto out = a.get("output")) {
    write_file_atomic(*out, text, a.flag("force"));
    std::cerr << "wrote " << *out << "\n";
  } else {
    std::cout << text;
  }
}

}  // namespace

int cmd_assets(const std::vector<std::string>& argv) {
  auto parsed = parse_command(
      argv,
      command_options({"assets", "asset-layer", "category-field", "categories", "within", "near", "per",
                       "threads", "output", "groups", "coverage-field", "coverage-min"},
                      {"json", "csv", "per-area", "totals-only", "force", "no-coverage"}),
      kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  const bool per_area = a.flag("per-area");
  const auto near_codes = split_list(a.all("near"));
  if (a.all("assets").empty()) throw UsageError("give at least one --assets FILE");
  if (per_area == !near_codes.empty())
    throw UsageError(per_area ? "--near and --per-area are separate modes; give one of them"
                              : "say what to compute: --near CODE[,CODE] or --per-area");
  if (a.flag("json") && a.flag("csv")) throw UsageError("--json and --csv exclude each other");
  if (per_area && (a.flag("json") || a.flag("csv")))
    throw UsageError("--per-area always writes CSV; --json/--csv apply to --near");
  if (per_area && !a.get("output")) throw UsageError("--per-area needs -o GAPS.csv");
  if (a.get("per") && !per_area) throw UsageError("--per applies to --per-area");
  for (const char* o : {"groups", "coverage-field", "coverage-min"})
    if (a.get(o) && !per_area) throw UsageError(std::string("--") + o + " applies to --per-area");
  if (a.flag("no-coverage") && (a.get("coverage-field") || a.get("coverage-min")))
    throw UsageError("--no-coverage excludes --coverage-field and --coverage-min");
  size_t coverage_min = 10;
  if (auto m = a.number("coverage-min")) {
    if (*m < 1 || *m > 1e9 || *m != std::floor(*m))
      throw UsageError("--coverage-min needs a whole number from 1");
    coverage_min = static_cast<size_t>(*m);
  }
  const double within = a.number("within").value_or(1000);
  if (per_area) check_gap_distance(within);
  if (!(within >= 0))
    throw UsageError("--within needs a distance in metres >= 0, got " + format_number(within));
  unsigned threads = 0;
  if (auto t = a.number("threads")) {
    if (*t < 1 || *t > 1024 || *t != std::floor(*t))
      throw UsageError("--threads needs a whole number from 1");
    threads = static_cast<unsigned>(*t);
  }
  if (auto out = a.get("output")) {
    AtomicOutput probe(*out, a.flag("force"));
  }  // fail before the long load

  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  const AreaLayer& areas = in.layer;

  // Codes and the denominator are checked before the assets load, so a typo fails fast.
  std::vector<size_t> selected;
  for (const auto& code : near_codes) {
    size_t i = areas.index_of(code);
    if (i == static_cast<size_t>(-1))
      throw Error("area code '" + code + "' is not in " + areas.source + " (key field " + areas.key_field +
                  ", e.g. " + (areas.codes.empty() ? std::string("none") : areas.codes.front()) +
                  "); check the code and the boundary file");
    selected.push_back(i);
  }
  const Column* den = nullptr;
  if (auto col = a.get("per")) {
    den = &areas.attrs.numeric(*col);
    size_t blank = 0;
    for (size_t i = 0; i < den->size(); ++i) blank += den->missing(i);
    if (den->size() > 0 && blank == den->size())  // every per-1,000 figure would be blank
      throw Error("--per column '" + *col + "' is blank for all " + std::to_string(blank) + " areas of " +
                  areas.source +
                  "; choose a column with values (e.g. households_total from an --indicators table)");
  }

  // The group table and the coverage field are checked before the assets load too (the categories after).
  CategoryGroups groups;
  if (auto g = a.get("groups")) groups = read_category_groups(*g);
  if (auto f = a.get("coverage-field"); f && !areas.attrs.find(*f))
    throw Error("coverage field '" + *f + "' is not a field of " + areas.source +
                "; name the local-authority field of the boundaries (e.g. ltla24_code)");

  std::vector<PointLayer> layers;
  IngestOptions po;
  po.working_crs = areas.working_crs.empty() ? a.get_or("crs", "EPSG:27700") : areas.working_crs;
  po.category_field = a.get_or("category-field", "");
  po.layer = a.get_or("asset-layer", "");
  po.assume_crs = a.get_or("assume-crs", "");  // a spreadsheet's coordinates (else inferred from their values)
  for (const auto& path : a.all("assets")) {
    TerminalProgress bar("loading " + std::filesystem::path(path).filename().string());
    PointTableReport sheet;  // a spreadsheet's coordinate detection and skipped rows
    layers.push_back(load_point_file(path, po, &sheet, bar.callback()));
    const PointLayer& l = layers.back();
    std::cerr << format_point_report(sheet, path);
    std::cerr << "assets: " << l.size() << " points from " << path
              << (l.category_field.empty() ? " (no category field: all 'asset')"
                                           : " (category: " + l.category_field + ")")
              << (l.dropped_empty ? ", " + std::to_string(l.dropped_empty) + " without geometry dropped" : "")
              << "\n";
    warn_if_outside_crs(l, path);
  }
  // Per area, every category is indexed (the coverage rule counts them all) and the engine takes the chosen
  // ones, exactly as the viewer's Gaps panel does.
  AssetIndex index(
      merge_assets(layers, per_area ? std::vector<std::string>{} : split_list(a.all("categories"))));
  const AssetSet& set = index.set();
  if (set.size() == 0)
    std::cerr << "warning: no assets to measure (empty files or every category filtered out)\n";

  if (!per_area) {
    NearResult r = assets_near(areas, selected, index, within);
    if (a.flag("json"))
      emit(near_json(areas, set, layers, r), a);
    else if (a.flag("csv"))
      emit(near_csv(areas, set, layers, r), a);
    else
      emit(near_text(areas, set, r), a);
    return 0;
  }

  GapOptions opt;
  opt.within = within;
  opt.threads = threads;
  opt.per_category = !a.flag("totals-only");
  opt.categories = split_list(a.all("categories"));
  opt.groups = std::move(groups);
  opt.denominator = den;
  opt.coverage.on = !a.flag("no-coverage");
  opt.coverage.field = a.get_or("coverage-field", "");
  opt.coverage.min_assets = coverage_min;
  auto t0 = std::chrono::steady_clock::now();
  GapReport rep;
  {
    TerminalProgress bar("measuring");
    rep = gap_indicators(areas, index, opt, bar.callback());
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& w : rep.warnings) std::cerr << "warning: " << w << "\n";
  const Table& t = rep.table;
  const std::string& out = a.require("output");
  write_csv(t, out, a.flag("force"));
  if (!opt.coverage.on)
    std::cerr << "coverage: off, every area counted\n";
  else if (rep.coverage_field.empty())
    std::cerr << "coverage: " << areas.source
              << " has no local-authority field, every area counted (--coverage-field names one)\n";
  else
    std::cerr << "coverage: " << rep.covered << " of " << rep.areas << " areas in authorities ("
              << rep.coverage_field << ") holding at least " << coverage_min << " assets; the other "
              << rep.areas - rep.covered << " are No data"
              << (rep.uncovered_with_assets.empty()
                      ? std::string()
                      : " (too few assets in " + join_list(rep.uncovered_with_assets, 5) + ")")
              << "\n";
  if (den && rep.denominator_missing > 0)
    std::cerr << "per 1,000 " << den->name << ": " << rep.denominator_missing
              << " covered areas have it blank or 0, their rates are No data\n";
  const Column& miss = t.column(rep.missing_column);
  size_t some = 0;
  for (double v : miss.num) some += v > 0;
  std::cerr << "wrote " << out << ": " << t.rows() << " areas x " << t.columns() - 1 << " columns; "
            << set.size() << " assets in " << set.categories.size() << " categories; " << some
            << " areas miss at least one of " << rep.units.size()
            << (opt.groups.empty() ? " categories" : " groups") << " within " << format_number(within)
            << " m; measured in " << metres(secs * 1000) << " ms\n";
  return 0;
}

}  // namespace nbhd::cli
