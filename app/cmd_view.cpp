// nbhd view: parses the viewer's command line and opens it (app/viewer/viewer_app.hpp).
#include <cstdio>
#include <iostream>
#include <optional>

#include "app/args.hpp"
#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/viewer/viewer_app.hpp"
#include "base/error.hpp"
#include "geo/spatial/asset_groups.hpp"
#include "geo/stats/classify.hpp"
#include "geo/tables/column_metadata.hpp"
#include "geo/tables/postcodes.hpp"
#include "render/style/category_symbols.hpp"
#include "render/style/palette.hpp"

namespace nbhd::cli {

namespace {

const char* kHelp =
    "usage: nbhd view [BOUNDARIES | PROJECT.nbhd.json] [--indicators T[:KEY]]... [options]\n\n"
    "Opens the interactive map viewer (needs a display; under CI use xvfb-run). Drag to pan, wheel to zoom,\n"
    "+/- and arrows, F fits the data, Esc clears the selection, / jumps to search. Files can also be\n"
    "dropped on the window (a table is joined, a *.nbhd.json project opens, anything else opens as\n"
    "boundaries), or opened with the Data panel's buttons.\n\n"
    "options:\n";
const char* kViewHelp =
    "  --column C              indicator to map first (default: the first numeric column)\n"
    "  --method M --classes N --palette P --reverse   initial classification (as nbhd render)\n"
    "  --outline-layer FILE    boundary-only layer (wards, local authorities), toggled in the viewer\n"
    "  --assets FILE           points (community assets) drawn by category over the map, with the Assets\n"
    "                          panel (assets near the selection, as nbhd assets --near); repeatable\n"
    "  --asset-groups FILE     groups of asset categories (CSV group,category, as nbhd assets --groups) for\n"
    "                          the Gaps panel, which maps where social infrastructure is missing\n"
    "  --category-colour NAME=#RRGGBB  fix the colour of asset category NAME (repeatable)\n"
    "  --metadata FILE         column labels, units, sources (as nbhd render --metadata)\n"
    "  --label 'COLUMN=Label'  readable name for a column, over --metadata's (repeatable)\n"
    "  --labels FIELD          draw each area's FIELD (e.g. its name) inside it, where it fits (as render)\n"
    "  --outline-labels FIELD  draw the first outline layer's FIELD over the areas\n"
    "  --basemap FILE          a raster under the fills, as nbhd render --basemap (read once over the\n"
    "                          data's extent, at most 2048 px on its long side; toggled in the Map panel)\n"
    "  --basemap-opacity F     opacity of the area fills over the basemap, 0 to 1 (default 0.7)\n"
    "  --postcodes FILE        postcode table in the ONS Postcode Directory layout (pcds/pcd, lat+long or\n"
    "                          oseast1m+osnrth1m): postcodes become searchable\n"
    "  --lookup FILE           child -> parent code table (e.g. LSOA21 -> ward24 -> LAD24): its parent "
    "codes\n"
    "                          (and names) replace the boundaries' own; areas it does not list have no "
    "parent\n"
    "  --level NAME            open at this level (Ward, Local authority), as the Data panel's Level "
    "control\n"
    "  --level-weight COLUMN   weight of the levels' weighted means (e.g. households_total)\n"
    "  --size WxH              window size in pixels (default 1280x800)\n"
    "  --script FILE           drive the viewer with scripted input (tests; see app/viewer/script.hpp)\n"
    "  --bench-frames N        pan and zoom a scripted path for N frames, print p50/p95/max frame times and\n"
    "                          how many frames the display takes to become the exact map once the path ends\n"
    "  --no-map-cache          draw the whole map every frame instead of reusing and refreshing cached\n"
    "                          pixels (for comparison)\n";

}  // namespace

int cmd_view(const std::vector<std::string>& argv) {
  auto spec_opts = input_options();
  for (const char* o :
       {"column", "method", "classes",        "palette",   "outline-layer", "assets",          "postcodes",
        "size",   "script", "bench-frames",   "bivariate", "asset-groups",  "category-colour", "metadata",
        "label",  "labels", "outline-labels", "lookup",    "level",         "level-weight",    "basemap",
        "basemap-opacity"})
    spec_opts.push_back({o, true});
  spec_opts.push_back({"reverse", false});
  spec_opts.push_back({"no-map-cache", false});
  spec_opts.push_back({"help", false, 'h'});
  Args a(argv, spec_opts);
  if (a.flag("help")) {
    std::cout << kHelp << input_options_help() << kViewHelp;
    return 0;
  }
  view::Sources src;
  StyleSpec style;
  std::string first = a.positional().empty() ? "" : a.positional()[0];
  std::optional<view::Project> project;
  if (first.size() > 10 && first.substr(first.size() - 10) == ".nbhd.json") {
    project = view::read_project(first);
    src = project->sources;
    style = project->spec;
  } else {
    src.boundaries = first;
    for (const auto& s : a.all("indicators")) src.indicators.push_back(s);
    src.ingest = ingest_options(a);
  }
  if (a.get("on-duplicate")) src.on_duplicate = on_duplicate_option(a);  // also over a project's
  for (const auto& s : a.all("outline-layer")) src.outlines.push_back(s);
  for (const auto& s : a.all("assets")) src.assets.push_back(s);
  if (auto p = a.get("postcodes")) src.postcodes = *p;
  if (auto l = a.get("lookup")) src.lookup = *l;
  if (auto b = a.get("basemap")) src.basemap = *b;  // over a project's; a bad file: the message line says why
  std::optional<double> basemap_opacity = a.number("basemap-opacity");
  if (basemap_opacity && !(*basemap_opacity >= 0 && *basemap_opacity <= 1))
    throw UsageError("--basemap-opacity must be between 0 and 1, not " + *a.get("basemap-opacity"));
  if (!src.postcodes.empty()) check_postcode_header(src.postcodes);  // wrong columns: exit 2 before a window
  if (auto c = a.get("column")) style.column = *c;
  std::string groups = a.get_or("asset-groups", "");
  if (!groups.empty()) read_category_groups(groups);  // a malformed table fails here, before a window opens
  if (auto m = a.get("method")) style.method = parse_method(*m);
  if (auto n = a.number("classes")) style.classes = int(*n);
  if (auto p = a.get("palette")) {
    scheme_colours(*p, 3);
    style.palette = *p;
  }
  if (a.flag("reverse")) style.reverse = true;
  if (auto b = a.get("bivariate")) style.bivariate = *b;
  int ww = 1280, wh = 800;
  if (auto sz = a.get("size")) {
    if (std::sscanf(sz->c_str(), "%dx%d", &ww, &wh) != 2 || ww < 200 || wh < 150)
      throw UsageError("--size takes WIDTHxHEIGHT in pixels (at least 200x150), not '" + *sz + "'");
  }
  std::vector<view::ScriptStep> script;
  if (auto s = a.get("script")) script = view::read_script(*s);
  int bench = int(a.number("bench-frames").value_or(0));
  view::ViewOptions o;
  o.sources = std::move(src);
  o.style = std::move(style);
  if (project) {  // the project with the options given beside it
    project->sources = o.sources;
    project->spec = o.style;
  }
  o.project = std::move(project);
  o.width = ww, o.height = wh;
  o.script = std::move(script);
  o.bench_frames = bench;
  o.map_cache = !a.flag("no-map-cache");
  o.asset_groups = groups;
  o.level = a.get_or("level", o.project ? o.project->level : "");
  o.level_weight = a.get_or("level-weight", o.project ? o.project->level_weight : "");
  if (o.project) o.project->level = o.level, o.project->level_weight = o.level_weight;
  if (o.project) o.category_colours = o.project->category_colours;
  o.label_field = a.get_or("labels", "");
  o.basemap_opacity = basemap_opacity;
  o.outline_label_field = a.get_or("outline-labels", "");
  if (o.project) {
    o.metadata = o.project->metadata;
    o.labels = o.project->labels;
  }
  if (auto m = a.get("metadata")) o.metadata = *m;
  for (const auto& l : a.all("label")) o.labels.push_back(l);
  if (!o.metadata.empty()) (void)read_metadata(o.metadata);  // a bad table: one line and exit 2, no window
  {
    ColumnLabels check;
    for (const auto& l : o.labels) add_label(check, l);
  }
  for (const auto& cc : a.all("category-colour")) {
    auto [name, colour] = parse_category_colour(cc);
    o.category_colours[name] = colour;
  }
  return view::run_viewer(o);
}

}  // namespace nbhd::cli
