// nbhd render: boundaries + indicators -> a print-ready choropleth map (PNG, SVG or PDF), headless.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/exit_release.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/stats/classify.hpp"
#include "geo/stats/flag.hpp"
#include "geo/tables/point_table.hpp"
#include "geo/vector/ingest.hpp"
#include "render/atlas/facet.hpp"
#include "render/document/build_map_document.hpp"
#include "render/document/extent.hpp"
#include "render/export/export.hpp"
#include "render/style/map_style.hpp"
#include "render/style/palette.hpp"

namespace nbhd::cli {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

const char* kHelp =
    "usage: nbhd render BOUNDARIES --indicators T --column C -o MAP.png|MAP.svg|MAP.pdf|MAP.html "
    "[options]\n\n"
    "Draws a choropleth of column C (joined from the indicator tables) with a title, legend (class ranges,\n"
    "counts, no-data), north arrow, scale bar true for the CRS and attribution. Needs no display or X\n"
    "server: PNG is rasterised on the CPU (or with headless OpenGL/EGL, --raster gl). The file is written\n"
    "to a temporary name and renamed when complete. MAP.html is one self-contained interactive page (no\n"
    "network): hover tooltips with each area's values, legend with counts, scale bar, pan and zoom.\n\n"
    "options:\n";
const char* kRenderHelp =
    "  --column C              numeric column to map (from the boundaries or an --indicators table)\n"
    "  --method M              quantile (default), equal, jenks, pretty, stddev, headtail, categorical\n"
    "                          (one class per value, e.g. deciles; 'unique' is accepted too)\n"
    "  --classes N             number of classes, 2-12 (default 5; ignored by categorical)\n"
    "  --centre V              diverging map centred on V (e.g. 0 for nbhd change's decile_change):\n"
    "                          symmetric equal classes around V, an odd number; palette RdBu\n"
    "  --palette P             ColorBrewer scheme (default RdBu for categorical, YlOrRd otherwise)\n"
    "  --reverse               reverse the palette\n"
    "  --nodata-colour #RRGGBB colour of areas without a value (default #d9d9d9)\n"
    "  --facet C1,C2,...       small multiples instead of --column: one map per column in a grid, with\n"
    "                          one set of breaks over all of them and one legend; each titled with its\n"
    "                          column's label (--metadata, --label). PNG, SVG or PDF\n"
    "  --bivariate C2          map C against C2 in 3 x 3 classes (terciles, higher = further along)\n"
    "  --bivariate-scheme S    3 x 3 scheme (default: the first of nbhd classify's list)\n"
    "  --outline-layer FILE    draw the boundaries of FILE (e.g. wards) over the areas\n"
    "  --assets FILE           draw points of FILE by category: 20 distinct colours, then the same\n"
    "                          colours as squares, triangles and diamonds\n"
    "  --category-colour NAME=#RRGGBB  fix the colour of asset category NAME (repeatable)\n"
    "  --metadata FILE         column labels, units, sources, years and higher_is (worse|better): a\n"
    "                          CSV/XLSX with the header column,label,unit,source,year,higher_is\n"
    "  --label 'COLUMN=Label'  readable name for a column, over --metadata's (repeatable)\n"
    "  --labels FIELD          draw each area's FIELD (e.g. its name) inside it, where it fits\n"
    "  --outline-labels FIELD  draw the outline layer's FIELD (ward, local authority names) over the areas\n"
    "  --basemap FILE          a raster under the fills: GeoPackage or MBTiles tiles, GeoTIFF, any raster\n"
    "                          GDAL reads (an XYZ/WMTS URL or GDAL WMS XML is passed to GDAL as is: it\n"
    "                          needs a network and is untested offline); warped to the working CRS at the\n"
    "                          output's resolution. PNG (CPU rasteriser), SVG and PDF; not the .html page\n"
    "  --basemap-opacity F     opacity of the area fills over the basemap, 0 to 1 (default 0.7)\n"
    "  --basemap-attribution T the basemap's credit on the attribution line (default: its metadata, else\n"
    "                          its file name)\n"
    "  --title T  --subtitle S  --legend-title L\n"
    "  --source LINE           attribution line added under the OS copyright line (repeatable)\n"
    "  --width W --height H    image size in pixels (default 2480 x 3508, A4 at 300 dpi)\n"
    "  --paper A4|A3 --dpi N [--landscape]   paper size instead of pixels (default 300 dpi)\n"
    "  --focus CODE[,CODE...]  show these areas (area codes, or e.g. a local authority code), padded\n"
    "  --bbox minx,miny,maxx,maxy  show this box (working CRS)\n"
    "  --padding F             padding around --focus as a fraction of its size (default 0.05)\n"
    "  --border-width PT       area border width in points (default: 0.2, none above 4000 areas)\n"
    "  --raster cpu|gl         PNG rasteriser: cpu (default; exact-coverage anti-aliasing, fastest "
    "measured)\n"
    "                          or gl (the viewer's OpenGL engine on headless EGL, 4x MSAA)\n"
    "  --msaa N                anti-aliasing samples per pixel for PNG: 4 (default), 2, or 0 (none)\n"
    "  --no-layout             the map alone, filling the image (no title, legend or frame)\n"
    "  --json                  print the classes, layout and timings as JSON on stdout\n"
    "  -o, --output FILE       .png, .svg, .pdf or .html\n"
    "  --force                 overwrite FILE if it exists\n";

nlohmann::json rect_px(const RectPt& r, double k) {
  return {r.x * k, r.y * k, r.w * k, r.h * k};
}

}  // namespace

int cmd_render(const std::vector<std::string>& argv) {
  auto t_start = Clock::now();
  auto parsed = parse_command(argv,
                              command_options({"column",
                                               "method",
                                               "classes",
                                               "palette",
                                               "centre",
                                               "bivariate",
                                               "outline-layer",
                                               "assets",
                                               "category-colour",
                                               "label",
                                               "metadata",
                                               "labels",
                                               "outline-labels",
                                               "basemap",
                                               "basemap-opacity",
                                               "basemap-attribution",
                                               "title",
                                               "subtitle",
                                               "legend-title",
                                               "source",
                                               "width",
                                               "height",
                                               "paper",
                                               "dpi",
                                               "focus",
                                               "bbox",
                                               "padding",
                                               "border-width",
                                               "msaa",
                                               "nodata-colour",
                                               "bivariate-scheme",
                                               "raster",
                                               "facet",
                                               "output"},
                                              {"reverse", "landscape", "no-layout", "json", "force"}),
                              kHelp, kRenderHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  const std::string& out = a.require("output");
  // --facet C1,C2,...: small multiples, one panel per column (the first names the style's defaults).
  const std::vector<std::string> facets = comma_items(a.all("facet"));
  if (!facets.empty() && a.get("column")) throw UsageError("give either --column or --facet, not both");
  const std::string column = facets.empty() ? a.require("column") : facets.front();
  // Cheap checks first, so a typo costs nothing before the load.
  std::string ext = std::filesystem::path(out).extension().string();
  if (ext != ".png" && ext != ".svg" && ext != ".pdf" && ext != ".html")
    throw UsageError("cannot tell the format of " + out + "; name the output .png, .svg, .pdf or .html");
  { AtomicOutput probe(out, a.flag("force")); }
  PageSpec page;
  if (a.get("paper")) {
    if (a.get("width") || a.get("height"))
      throw UsageError("give either --paper or --width/--height, not both");
    page = page_from_paper(*a.get("paper"), a.number("dpi").value_or(300), a.flag("landscape"));
  } else {
    page = page_from_pixels(int(a.number("width").value_or(2480)), int(a.number("height").value_or(3508)));
  }
  ClassifyOptions co;
  co.method = parse_method(a.get_or("method", "quantile"));
  co.classes = int(a.number("classes").value_or(5));
  co.column = column;
  std::string palette_name =
      a.get_or("palette", co.method == ClassifyMethod::Categorical || a.get("centre") ? "RdBu" : "YlOrRd");
  scheme_colours(palette_name, 3);  // unknown palette: fail before loading
  Rgb nodata_rgb =
      a.get("nodata-colour") ? parse_colour(*a.get("nodata-colour"), "--nodata-colour") : kDefaultNoData;
  double basemap_opacity = a.number("basemap-opacity").value_or(0.7);
  if (!(basemap_opacity >= 0 && basemap_opacity <= 1))
    throw UsageError("--basemap-opacity must be between 0 and 1, not " + *a.get("basemap-opacity"));
  if ((a.get("basemap-opacity") || a.get("basemap-attribution")) && !a.get("basemap"))
    throw UsageError(
        "--basemap-opacity and --basemap-attribution go with --basemap FILE; give --basemap too");
  const BivariateScheme* bischeme = nullptr;
  if (a.get("bivariate"))
    bischeme = a.get("bivariate-scheme") ? &bivariate_scheme(*a.get("bivariate-scheme"))
                                         : &bivariate_schemes().front();

  if (!facets.empty()) {
    if (ext == ".html") throw UsageError("small multiples are written as PNG, SVG or PDF, not HTML");
    if (a.get("bivariate")) throw UsageError("--facet maps one column per panel; leave out --bivariate");
    FacetOptions fo;
    fo.columns = facets;
    fo.style.method = co.method;
    fo.style.classes = co.classes;
    fo.style.palette = palette_name;
    fo.style.reverse = a.flag("reverse");
    fo.style.centre = a.number("centre");
    fo.style.nodata = nodata_rgb;
    fo.doc.title = a.get("title");
    fo.doc.subtitle = a.get_or("subtitle", "");
    fo.doc.legend_title = a.get("legend-title");
    fo.doc.sources = a.all("source");
    fo.doc.border_width_pt = a.number("border-width");
    fo.doc.focus = comma_items(a.all("focus"));
    if (auto bb = a.get("bbox")) fo.doc.bbox = parse_bbox(*bb);
    if (auto m = a.get("metadata")) fo.doc.labels = read_metadata(*m);
    for (const auto& l : a.all("label")) add_label(fo.doc.labels, l);
    LoadedInputs in = load_inputs(a, 0, &facets);
    for (const auto& r : in.reports) std::cerr << format_report(r);
    FacetResult fr;
    {
      TerminalProgress bar("rendering " + out);
      fo.progress = bar.callback();
      fr = write_facets(in.layer, fo, page, out);
    }
    std::cerr << "wrote " << out << " (" << fr.panels.size() << " maps, " << in.layer.size() << " areas, "
              << since(t_start) << " s)\n";
    if (a.flag("json")) {
      nlohmann::json panels = nlohmann::json::array();
      const double k = page.px_per_pt;
      for (const auto& p : fr.panels)
        panels.push_back({{"column", p.column},
                          {"title", p.title},
                          {"counts", p.counts},
                          {"frame_px", rect_px(p.frame, k)},
                          {"world_to_px",
                           {{"scale", p.world_to_pt.scale * k},
                            {"ox", p.world_to_pt.ox * k},
                            {"oy", p.world_to_pt.oy * k}}}});
      nlohmann::json classes = nlohmann::json::array();
      for (size_t i = 0; i < fr.legend.size(); ++i) {
        nlohmann::json c = {{"label", fr.legend[i].label}, {"colour", to_hex(fr.legend[i].colour)}};
        if (i < fr.layout.swatches.size()) c["swatch_px"] = rect_px(fr.layout.swatches[i], k);
        classes.push_back(c);
      }
      std::cout << nlohmann::json{{"output", out},
                                  {"panels", panels},
                                  {"classes", classes},
                                  {"breaks", fr.classes.breaks}}
                       .dump(1)
                << "\n";
    }
    return 0;
  }

  auto t0 = Clock::now();
  // The map needs one or two numeric columns of the tables: the rest of a wide national table is skipped.
  std::vector<std::string> needed{column};
  if (auto b = a.get("bivariate")) needed.push_back(*b);
  LoadedInputs in = load_inputs(a, 0, &needed);
  AreaLayer& L = in.layer;
  double load_s = since(t0);
  bool json = a.flag("json");
  for (const auto& r : in.reports)
    if (!json) std::cerr << format_report(r);

  StyleSpec ss;
  ss.column = column;
  ss.method = co.method;
  ss.classes = co.classes;
  ss.palette = palette_name;
  ss.reverse = a.flag("reverse");
  ss.centre = a.number("centre");
  if (ss.centre && (ss.classes < 3 || ss.classes % 2 == 0))
    throw UsageError(
        "--centre needs an odd number of --classes, 3 to 11, so that one class holds the centre");
  ss.nodata = nodata_rgb;
  if (auto c2 = a.get("bivariate")) {
    ss.bivariate = *c2;
    ss.bivariate_scheme = bischeme->name;
  }
  MapStyle style = style_map(L, ss);
  // A map of nothing but 'No data' is never what was asked (same rule as nbhd classify).
  if (style.classification && L.size() > 0 && style.classification->nodata == L.size())
    throw Error("column '" + column + "' is blank for all " + std::to_string(L.size()) + " areas of " +
                L.source + "; choose a column with values, or check the join report (areas without a row)");
  if (style.classification && !style.classification->note.empty() && !json)
    std::cerr << "classes of " << column << ": " << style.classification->note << "\n";

  MapDocumentOptions mo;
  mo.column = column;
  if (a.get("focus") && a.get("bbox")) throw UsageError("give either --focus or --bbox, not both");
  if (a.get("outline-labels") && !a.get("outline-layer"))
    throw UsageError("--outline-labels names a field of the --outline-layer file; give --outline-layer too");
  mo.focus = comma_items(a.all("focus"));
  mo.padding = a.number("padding").value_or(0.05);
  if (auto bb = a.get("bbox")) mo.bbox = parse_bbox(*bb);
  mo.layout = !a.flag("no-layout");
  mo.border_width_pt = a.number("border-width");
  mo.title = a.get("title");
  mo.subtitle = a.get_or("subtitle", "");
  mo.legend_title = a.get("legend-title");
  mo.sources = a.all("source");
  for (const auto& cc : a.all("category-colour")) mo.category_colours.insert(parse_category_colour(cc));
  if (auto m = a.get("metadata")) mo.labels = read_metadata(*m);
  mo.label_field = a.get_or("labels", "");
  for (const auto& l : a.all("label")) add_label(mo.labels, l);
  mo.basemap = a.get_or("basemap", "");
  if (!mo.basemap.empty() && ext == ".html") {
    // The page draws its areas in the browser with no raster under them: no credit for what it does not show.
    std::cerr << "warning: the .html page does not draw a basemap; --basemap is left out\n";
    mo.basemap.clear();
  }
  mo.basemap_opacity = basemap_opacity;
  mo.basemap_attribution = a.get_or("basemap-attribution", "");

  // Optional layers, in the boundaries' working CRS
  IngestOptions same_crs;
  same_crs.working_crs = L.working_crs;
  AreaLayer outline_layer;
  std::vector<MapOutline> outlines;
  if (auto ol = a.get("outline-layer")) {
    outline_layer = load_areas(*ol, same_crs);
    warn_if_outside_crs(outline_layer.extent, outline_layer.working_crs, *ol);
    outlines.push_back({&outline_layer, *ol, a.get_or("outline-labels", "")});
  }
  PointLayer assets;
  if (auto as = a.get("assets")) {
    PointTableReport sheet;
    assets = load_point_file(*as, same_crs, &sheet);
    std::cerr << format_point_report(sheet, *as);
    warn_if_outside_crs(assets, *as);
  }
  MapDocument doc = build_map_document(L, style, outlines, a.get("assets") ? &assets : nullptr, mo);
  for (const auto& w : doc.warnings) std::cerr << "warning: " << w << "\n";

  ExportOptions eo;
  eo.overwrite = a.flag("force") || true;  // the probe above already refused an existing file without --force
  eo.layout = !a.flag("no-layout");
  eo.gl.samples = int(a.number("msaa").value_or(4));
  std::string raster = a.get_or("raster", "cpu");
  if (raster == "gl")
    eo.raster = Raster::Gl;
  else if (raster != "cpu")
    throw UsageError("--raster takes cpu or gl, not '" + raster + "'");
  // Benchmark knob (bench/bench_render.sh): "level,strategy,filter" of the PNG encoder.
  if (const char* tune = std::getenv("NBHD_PNG_TUNING"); tune && *tune)
    std::sscanf(tune, "%d,%d,%d", &eo.png.level, &eo.png.strategy, &eo.png.filter);
  HtmlTooltips tips;
  if (ext == ".html") {
    tips = html_tooltips(L, ss, style);
    eo.html.tooltips = &tips;
  }
  ExportResult r;
  {
    TerminalProgress bar("rendering " + out);
    eo.progress = bar.callback();  // Ctrl-C / SIGTERM stop the export through it (no output written)
    r = export_map(doc, page, out, eo);
  }
  double total = since(t_start);
  if (json) {
    double k = r.page.px_per_pt;
    nlohmann::json j;
    j["output"] = out;
    j["format"] = r.format;
    j["width_px"] = r.page.width_px;
    j["height_px"] = r.page.height_px;
    j["page_pt"] = {r.page.width_pt, r.page.height_pt};
    j["px_per_pt"] = k;
    const auto& w = r.layout.world_to_pt;
    j["world_to_px"] = {{"scale", w.scale * k}, {"ox", w.ox * k}, {"oy", w.oy * k}};
    j["frame_px"] = rect_px(r.layout.frame, k);
    j["title"] = doc.title;
    j["subtitle"] = doc.subtitle;
    j["legend_title"] = doc.legend_title;
    j["attribution"] = doc.attribution;
    nlohmann::json classes = nlohmann::json::array();
    for (size_t i = 0; i < doc.legend.size(); ++i) {
      nlohmann::json c = {{"label", doc.legend[i].label},
                          {"colour", to_hex(doc.legend[i].colour)},
                          {"count", doc.legend[i].count}};
      if (i < r.layout.swatches.size()) c["swatch_px"] = rect_px(r.layout.swatches[i], k);
      classes.push_back(c);
    }
    j["classes"] = classes;
    if (doc.no_data) {
      j["no_data"] = {{"colour", to_hex(doc.no_data->colour)}, {"count", doc.no_data->count}};
      if (!r.layout.swatches.empty()) j["no_data"]["swatch_px"] = rect_px(r.layout.swatches.back(), k);
    }
    if (doc.points) {
      nlohmann::json cats = nlohmann::json::array();
      static const char* kShapes[] = {"circle", "square", "triangle", "diamond"};
      for (size_t i = 0; i < doc.points->legend.size(); ++i) {
        const auto& e = doc.points->legend[i];
        nlohmann::json c = {{"label", e.label},
                            {"colour", to_hex(e.colour)},
                            {"shape", kShapes[int(e.shape)]},
                            {"count", e.count}};
        if (i < r.layout.point_swatches.size()) c["swatch_px"] = rect_px(r.layout.point_swatches[i], k);
        cats.push_back(c);
      }
      j["asset_categories"] = cats;
    }
    nlohmann::json placed = nlohmann::json::array();
    for (const auto& p : r.layout.labels)
      placed.push_back({{"layer", p.layer},
                        {"feature", p.feature},
                        {"text", p.text},
                        {"anchor_px", {p.anchor.x * k, p.anchor.y * k}},
                        {"box_px", {p.x * k, p.y * k, p.w * k, p.h * k}}});
    j["labels"] = placed;
    j["scale_bar"] = {{"metres", r.layout.scale_bar_metres},
                      {"label", r.layout.scale_bar_label},
                      {"rect_px", rect_px(r.layout.scale_bar, k)},
                      {"metres_per_unit", r.layout.metres_per_unit}};
    j["timings_s"] = {{"load_join", load_s},
                      {"context", r.timings.context_s},
                      {"tessellate", r.timings.tessellate_s},
                      {"upload", r.timings.upload_s},
                      {"raster", r.timings.raster_s},
                      {"encode", r.timings.encode_s},
                      {"total", total}};
    j["renderer"] = r.renderer;
    if (r.format == "html")
      j["html"] = {{"bytes", r.html.bytes},
                   {"source_vertices", r.html.source_vertices},
                   {"coarse_vertices", r.html.coarse_vertices},
                   {"fine_vertices", r.html.fine_vertices}};
    std::cout << j.dump(1) << "\n";
  } else if (r.format == "html") {
    std::cerr << "wrote " << out << " (" << r.html.bytes << " bytes, " << L.size() << " areas, " << total
              << " s)\n";
  } else {
    std::cerr << "wrote " << out << " (" << r.page.width_px << "x" << r.page.height_px << " px, " << L.size()
              << " areas, " << total << " s)\n";
  }
  release_at_exit(std::move(in));  // the process ends next (app/exit_release.hpp)
  release_at_exit(std::move(outline_layer));
  return 0;
}

}  // namespace nbhd::cli
