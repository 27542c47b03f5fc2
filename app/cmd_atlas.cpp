// nbhd atlas: one map page per group of areas (local authority, ward) as one PDF or a folder of PNG/SVG
// pages. Parses arguments only; render/atlas/atlas.hpp does the work.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/exit_release.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/error.hpp"
#include "geo/tables/column_metadata.hpp"
#include "geo/vector/ingest.hpp"
#include "render/atlas/atlas.hpp"
#include "render/style/palette.hpp"

namespace nbhd::cli {

namespace {

const char* kHelp =
    "usage: nbhd atlas BOUNDARIES --indicators T --column C --by FIELD -o ATLAS.pdf | -o FOLDER "
    "--format png|svg [options]\n\n"
    "One page per group of areas (the values of FIELD, e.g. ltla24_code or ward24_code): a map of the\n"
    "group's areas with the areas around them faded, titled with the group's name, a legend with the\n"
    "group's counts, scale bar, north arrow and attribution; a contents page lists the groups and their\n"
    "pages. Class breaks are shared by every page (classified once over all areas) unless --local-breaks.\n"
    "Pages are drawn in parallel; the output is the same whatever the thread count, and appears whole or\n"
    "not at all.\n\n"
    "options:\n";
const char* kAtlasHelp =
    "  --column C              numeric column to map\n"
    "  --by FIELD              the field that groups areas into pages (e.g. ltla24_code)\n"
    "  --name-field F          page titles (default: FIELD with _code read as _name, when there is one)\n"
    "  --only CODE[,CODE...]   these groups only\n"
    "  --pages N               the first N groups (in code order) only\n"
    "  --local-breaks          classify each page on its own group's values\n"
    "  --method M --classes N --palette P --reverse --centre V --nodata-colour #RRGGBB   as nbhd render\n"
    "  --metadata FILE  --label 'COLUMN=Label'  --title T  --source LINE                as nbhd render\n"
    "  --outline-layer FILE    draw these boundaries (e.g. ltla24.gpkg) over the areas\n"
    "  --border-width PT       area border width in points (default 0.2)\n"
    "  --padding F             margin around each group, a fraction of its size (default 0.1)\n"
    "  --paper A4|A3 [--landscape] --dpi N   page size (default A4) and PNG resolution (default 150)\n"
    "  --format pdf|png|svg    default pdf (-o names a .pdf file); png and svg write a folder of pages\n"
    "  --threads N             pages drawn at once (default: every core)\n"
    "  -o, --output PATH       the PDF file, or the folder for PNG/SVG pages\n"
    "  --force                 replace PATH if it exists\n"
    "The PDF's creation date is SOURCE_DATE_EPOCH when set (reproducible output).\n"
    "  --json                  print the pages (number, title, legend with counts, map frame and\n"
    "                          world -> pixel transform) as JSON on stdout\n";

}  // namespace

int cmd_atlas(const std::vector<std::string>& argv) {
  auto t0 = std::chrono::steady_clock::now();
  auto parsed = parse_command(
      argv,
      command_options({"column",  "by",      "name-field",    "only",          "pages",    "method",
                       "classes", "palette", "centre",        "nodata-colour", "metadata", "label",
                       "title",   "source",  "outline-layer", "border-width",  "padding",  "paper",
                       "dpi",     "format",  "threads",       "output"},
                      {"local-breaks", "reverse", "landscape", "force", "json"}),
      kHelp, kAtlasHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  AtlasOptions o;
  o.out = a.require("output");
  o.style.column = a.require("column");
  o.by = a.require("by");
  o.name_field = a.get_or("name-field", "");
  o.only = comma_items(a.all("only"));
  o.local_breaks = a.flag("local-breaks");
  o.overwrite = a.flag("force");
  // Cheap checks first, so a typo costs nothing before the load.
  std::string ext = o.out.extension().string();
  std::string format = a.get_or("format", ext == ".pdf" ? "pdf" : "");
  if (format.empty())
    throw UsageError("name the atlas " + o.out.string() +
                     ".pdf, or give --format png|svg to write a folder of pages");
  o.format = parse_atlas_format(format);
  check_atlas_output(o);
  if (auto p = a.number("pages")) {
    if (*p < 1 || *p != std::floor(*p)) throw UsageError("--pages takes a whole number of pages, 1 or more");
    o.max_pages = size_t(*p);
  }
  if (auto t = a.number("threads")) {
    if (*t < 1 || *t > 1024 || *t != std::floor(*t))
      throw UsageError("--threads takes a whole number, 1 to 1024");
    o.threads = unsigned(*t);
  }
  o.page = page_from_paper(a.get_or("paper", "A4"), a.number("dpi").value_or(150), a.flag("landscape"));
  o.style.method = parse_method(a.get_or("method", "quantile"));
  o.style.classes = int(a.number("classes").value_or(5));
  o.style.centre = a.number("centre");
  o.style.palette = a.get_or(
      "palette", o.style.method == ClassifyMethod::Categorical || o.style.centre ? "RdBu" : "YlOrRd");
  scheme_colours(o.style.palette, 3);  // unknown palette: fail before loading
  o.style.reverse = a.flag("reverse");
  if (auto c = a.get("nodata-colour")) o.style.nodata = parse_colour(*c, "--nodata-colour");
  o.padding = a.number("padding").value_or(0.1);
  o.doc.border_width_pt = a.number("border-width");
  o.doc.title = a.get("title");
  o.doc.sources = a.all("source");
  if (auto m = a.get("metadata")) o.doc.labels = read_metadata(*m);
  for (const auto& l : a.all("label")) add_label(o.doc.labels, l);

  // Reproducible builds' convention: with SOURCE_DATE_EPOCH set, the PDF says that date, not now, so the
  // same inputs give the same bytes.
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    std::time_t t = std::time_t(std::strtoll(epoch, nullptr, 10));
    char buf[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    o.pdf_date = buf;
  }
  std::vector<std::string> needed{o.style.column};
  LoadedInputs in = load_inputs(a, 0, &needed);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  AreaLayer outline_layer;
  if (auto ol = a.get("outline-layer")) {
    IngestOptions same_crs;
    same_crs.working_crs = in.layer.working_crs;
    outline_layer = load_areas(*ol, same_crs);
    o.outlines.push_back({&outline_layer, *ol, ""});
  }
  plan_atlas(in.layer, o);  // unknown --only codes and fields: before any drawing
  AtlasResult r;
  {
    TerminalProgress bar("atlas " + o.out.string());
    o.progress = bar.callback();  // Ctrl-C / SIGTERM stop it (no output written)
    r = write_atlas(in.layer, o);
  }
  if (a.flag("json")) {
    const double k = o.page.px_per_pt;
    nlohmann::json pages = nlohmann::json::array();
    for (size_t i = 0; i < r.pages.size(); ++i) {
      const AtlasPage& p = r.pages[i];
      nlohmann::json legend = nlohmann::json::array();
      for (const auto& e : p.legend)
        legend.push_back({{"label", e.label}, {"colour", to_hex(e.colour)}, {"count", e.count}});
      nlohmann::json j = {
          {"page", r.plan.groups[i].page},
          {"code", r.plan.groups[i].code},
          {"name", r.plan.groups[i].name},
          {"title", p.title},
          {"areas", r.plan.groups[i].areas.size()},
          {"legend", legend},
          {"frame_px", {p.frame.x * k, p.frame.y * k, p.frame.w * k, p.frame.h * k}},
          {"world_to_px",
           {{"scale", p.world_to_pt.scale * k}, {"ox", p.world_to_pt.ox * k}, {"oy", p.world_to_pt.oy * k}}}};
      if (p.no_data) j["no_data"] = p.no_data->count;
      if (o.format != AtlasFormat::Pdf) j["file"] = r.files[size_t(r.plan.contents_pages) + i].string();
      pages.push_back(j);
    }
    nlohmann::json out = {{"output", o.out.string()},
                          {"pages", r.plan.pages()},
                          {"contents_pages", r.plan.contents_pages},
                          {"groups", pages}};
    std::cout << out.dump(1) << "\n";
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "wrote " << o.out.string() << " (" << r.plan.pages() << " pages: " << r.plan.contents_pages
            << " contents, " << r.plan.groups.size() << " groups, " << s << " s)\n";
  release_at_exit(std::move(in));  // the process ends next (app/exit_release.hpp)
  release_at_exit(std::move(outline_layer));
  return 0;
}

}  // namespace nbhd::cli
