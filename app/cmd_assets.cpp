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
#include "geo/spatial/proximity.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/point_table.hpp"

namespace nbhd::cli {

namespace {

const char* kHelp =
    "usage: nbhd assets BOUNDARIES --assets A [--assets B]... --near CODE[,CODE]... [--within M]\n"
    "                   [--json | --csv] [-o FILE]\n"
    "       nbhd assets BOUNDARIES --assets A... --per-area [--within M] [--per COLUMN --indicators T]\n"
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
    "Counts are 0, never blank, where an area has no asset; a per-1,000 figure is blank where COLUMN is "
    "blank\n"
    "or 0. Join the CSV to the boundaries (nbhd join --indicators GAPS.csv) to map it.\n\n"
    "options:\n"
    "  --assets FILE           asset points (repeatable)\n"
    "  --asset-layer L         layer to read in every asset file (default: the only point/polygon layer)\n"
    "  --category-field F      asset field holding the category (default: detected: category, type, "
    "amenity...)\n"
    "  --categories A,B        keep only these categories\n"
    "  --within M              distance in metres (default 1000)\n"
    "  --near CODE[,CODE]      area codes of the neighbourhood (repeatable)\n"
    "  --json / --csv          machine-readable output for --near\n"
    "  --per-area              gap indicators for every area\n"
    "  --per COLUMN            denominator column for per-1,000 figures (from the boundaries or "
    "--indicators)\n"
    "  --totals-only           --per-area: only the all-assets columns, not one set per category\n"
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
  auto parsed = parse_command(argv,
                              command_options({"assets", "asset-layer", "category-field", "categories",
                                               "within", "near", "per", "threads", "output"},
                                              {"json", "csv", "per-area", "totals-only", "force"}),
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
  const double within = a.number("within").value_or(1000);
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
  AssetIndex index(merge_assets(layers, split_list(a.all("categories"))));
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

  ProximityOptions opt;
  opt.within = within;
  opt.threads = threads;
  opt.per_category = !a.flag("totals-only");
  auto t0 = std::chrono::steady_clock::now();
  AreaProximity r;
  {
    TerminalProgress bar("measuring");
    r = proximity_per_area(areas, index, opt, bar.callback());
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Table t = gap_table(areas, set, r, den);
  const std::string& out = a.require("output");
  write_csv(t, out, a.flag("force"));
  size_t without = 0;
  for (size_t row = 0; row < r.areas.size(); ++row) without += r.inside[r.at(row, 0)] == 0;
  std::cerr << "wrote " << out << ": " << t.rows() << " areas x " << t.columns() - 1 << " columns; "
            << set.size() << " assets in " << set.categories.size() << " categories; " << without
            << " areas have no asset inside; measured in " << metres(secs * 1000) << " ms\n";
  return 0;
}

}  // namespace nbhd::cli
