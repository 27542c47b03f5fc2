// nbhd view: parses the viewer's command line and opens it (app/viewer/viewer_app.hpp).
#include <cstdio>
#include <iostream>
#include <optional>

#include "app/args.hpp"
#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/viewer/viewer_app.hpp"
#include "base/error.hpp"
#include "geo/stats/classify.hpp"
#include "geo/tables/postcodes.hpp"
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
    "  --postcodes FILE        postcode table in the ONS Postcode Directory layout (pcds/pcd, lat+long or\n"
    "                          oseast1m+osnrth1m): postcodes become searchable\n"
    "  --size WxH              window size in pixels (default 1280x800)\n"
    "  --script FILE           drive the viewer with scripted input (tests; see app/viewer/script.hpp)\n"
    "  --bench-frames N        pan and zoom a scripted path for N frames, print p50/p95/max frame times and\n"
    "                          how many frames the display takes to become the exact map once the path ends\n"
    "  --no-map-cache          draw the whole map every frame instead of reusing and refreshing cached\n"
    "                          pixels (for comparison)\n";

}  // namespace

int cmd_view(const std::vector<std::string>& argv) {
  auto spec_opts = input_options();
  for (const char* o : {"column", "method", "classes", "palette", "outline-layer", "assets", "postcodes",
                        "size", "script", "bench-frames", "bivariate"})
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
  if (!src.postcodes.empty()) check_postcode_header(src.postcodes);  // wrong columns: exit 2 before a window
  if (auto c = a.get("column")) style.column = *c;
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
  return view::run_viewer(o);
}

}  // namespace nbhd::cli
