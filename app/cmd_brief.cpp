// nbhd brief: an A4 PDF brief on one neighbourhood (or one page per area of a set or of a containing area):
// maps, key figures against the local authority and England, dual disadvantage, change, LISA cluster,
// assets and gaps, provenance. Arguments only; the brief is render/brief's write_brief.
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/terminal_progress.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/tables/column_metadata.hpp"
#include "geo/tables/point_table.hpp"
#include "render/brief/brief.hpp"

namespace nbhd::cli {

namespace {

const char* kHelp =
    "usage: nbhd brief BOUNDARIES [--indicators TABLE[:KEY]]... (--area CODE[,CODE]... | --within CODE)\n"
    "                  [--columns COL[:worse=high|low],...] [--weight COL] [--metadata META.csv]\n"
    "                  [--flag-a COL:worse=.. --flag-b COL:worse=.. [--worst P%]]\n"
    "                  [--change-a RANK,DECILE --change-b RANK,DECILE] [--lisa COL]\n"
    "                  [--assets FILE [--distance M] [--per COL]] [--png DPI] -o BRIEF.pdf [--force]\n\n"
    "Writes an A4 PDF brief, one page (or more) per area: title, date, the area's name and code, a locator\n"
    "(the whole boundary layer, the area marked) and a focus map (the area outlined among its neighbours,\n"
    "coloured by the first column in national quintiles, names, assets by category, scale bar, north "
    "arrow);\n"
    "key figures for each --columns column (value, national rank and decile, rank in the local authority,\n"
    "local-authority and England means, weighted by --weight when given; label, unit and source from\n"
    "--metadata); the dual-disadvantage position (bivariate class, on the list of the worst P% of both or\n"
    "not, by how many ranks; as nbhd flag); change between two periods (as nbhd change); the LISA cluster "
    "of\n"
    "--lisa (as nbhd lisa); assets within --distance by category, the nearest of each with its distance and\n"
    "the gap indicators per 1,000 of --per against the local authority and England (as nbhd assets); and\n"
    "the provenance: every input file with its size, modification time and SHA-256, data vintages, methods\n"
    "and this command line. Sections whose inputs are not given are left out; a value the area lacks is a\n"
    "marked 'no data' cell. The output is written only when complete.\n\n"
    "options:\n"
    "  --area CODE[,CODE]      the areas (repeatable): one page each, at most 60\n"
    "  --within CODE           every area whose field holds CODE (a ward or local-authority code on the\n"
    "                          boundaries, or from a joined lookup table)\n"
    "  --within-field F        the field --within looks in (default: the first text field holding CODE)\n"
    "  --columns C[:worse=W],..  key-figure columns; worse=high (default, or the metadata's higher_is) or "
    "low\n"
    "  --weight COL            comparators are means weighted by COL (e.g. a population or households)\n"
    "  --la-field F            the local-authority field (default: detected, e.g. ltla24_code)\n"
    "  --metadata META.csv     column,label,unit,source,year,higher_is: names, units and sources\n"
    "  --label COL=Label       a column's readable name (repeatable)\n"
    "  --flag-a, --flag-b COL:worse=high|low  the two indicators of dual disadvantage\n"
    "  --worst P%              the share counted as worst (default 10%)\n"
    "  --change-a RANK,DECILE  the previous period's rank and decile columns (with --change-b)\n"
    "  --change-b RANK,DECILE  the latest period's rank and decile columns\n"
    "  --lisa COL              the area's LISA cluster on COL (queen contiguity, 999 permutations)\n"
    "  --assets FILE           asset points (category field detected)\n"
    "  --distance M            assets within M metres (default 1000, 0 to 50000)\n"
    "  --per COL               gap indicators per 1,000 of COL (e.g. households_total)\n"
    "  --png DPI               also write BRIEF-1.png, BRIEF-2.png ... at DPI (30 to 600)\n"
    "  --date YYYY-MM-DD       the date printed (default: today)\n"
    "  -o, --output BRIEF.pdf  the PDF\n"
    "  --force                 overwrite existing output\n"
    "boundaries:\n";

BriefColumn parse_column(const std::string& opt, const std::string& s, bool worse_required) {
  auto pos = s.rfind(":worse=");
  if (pos == std::string::npos) {
    if (worse_required)
      throw UsageError("--" + opt + " '" + s + "': say which end is worse, e.g. --" + opt + " " + s +
                       ":worse=high");
    return {s, std::nullopt};
  }
  if (pos == 0) throw UsageError("--" + opt + " '" + s + "': name the column before :worse=");
  return {s.substr(0, pos), parse_worse(s.substr(pos + 7))};
}

void parse_period(const Args& a, const std::string& opt, std::string& rank, std::string& decile) {
  auto items = comma_items(a.all(opt));
  if (items.size() != 2)
    throw UsageError("--" + opt +
                     " takes the period's rank and decile columns, e.g. IMD19_rank,IMD19_decile");
  rank = items[0];
  decile = items[1];
}

}  // namespace

int cmd_brief(const std::vector<std::string>& argv) {
  auto parsed = parse_command(
      argv,
      command_options({"area",   "within",   "within-field", "columns", "weight",   "la-field", "metadata",
                       "label",  "flag-a",   "flag-b",       "worst",   "change-a", "change-b", "lisa",
                       "assets", "distance", "per",          "png",     "date",     "output"},
                      {"force"}),
      kHelp);
  if (!parsed) return 0;
  const Args& a = *parsed;
  BriefOptions o;
  o.areas = comma_items(a.all("area"));
  o.within = a.get_or("within", "");
  if (o.areas.empty() == o.within.empty())
    throw UsageError(o.within.empty() ? "say which area: --area CODE (or several), or --within CODE"
                                      : "give --area or --within, not both");
  o.within_field = a.get_or("within-field", "");
  for (const auto& c : comma_items(a.all("columns"))) o.columns.push_back(parse_column("columns", c, false));
  o.weight = a.get_or("weight", "");
  o.la_field = a.get_or("la-field", "");
  if (a.get("flag-a") || a.get("flag-b")) {
    o.flag_a = parse_column("flag-a", a.require("flag-a"), true);
    o.flag_b = parse_column("flag-b", a.require("flag-b"), true);
  }
  if (auto w = a.get("worst")) {
    std::string t = *w;
    if (!t.empty() && t.back() == '%') t.pop_back();
    auto v = parse_number(t);
    if (!v || !(*v > 0 && *v <= 100))
      throw UsageError("--worst takes a percentage above 0 and at most 100, e.g. 10%; got '" + *w + "'");
    o.worst_share = *v / 100;
  }
  if (a.get("change-a") || a.get("change-b")) {
    parse_period(a, "change-a", o.change_rank_a, o.change_decile_a);
    parse_period(a, "change-b", o.change_rank_b, o.change_decile_b);
  }
  o.lisa_column = a.get_or("lisa", "");
  o.within_m = a.number("distance").value_or(1000);
  if (!(o.within_m >= 0 && o.within_m <= 50000))
    throw UsageError("--distance takes metres from 0 to 50000, got " + format_number(o.within_m));
  o.per = a.get_or("per", "");
  if (!o.per.empty() && !a.get("assets")) throw UsageError("--per needs --assets");
  if (auto d = a.number("png")) {
    if (!(*d >= kMinBriefDpi && *d <= kMaxBriefDpi))
      throw UsageError("--png takes a resolution from 30 to 600 dpi, got " + format_number(*d));
    o.png_dpi = *d;
  }
  o.date = a.get_or("date", "");
  o.overwrite = a.flag("force");
  const std::string out = a.require("output");
  if (std::filesystem::path(out).extension() != ".pdf")
    throw UsageError("-o names the brief's PDF, e.g. -o brief.pdf, not '" + out + "'");
  { AtomicOutput probe(out, o.overwrite); }  // fail before the long load

  if (auto m = a.get("metadata")) {
    o.labels = read_metadata(*m);
    o.inputs.push_back(*m);
  }
  for (const auto& l : a.all("label")) add_label(o.labels, l);
  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  o.inputs.insert(o.inputs.begin(), a.positional().front());
  for (const auto& spec : a.all("indicators")) o.inputs.push_back(table_spec(a, spec).path);
  PointLayer assets;
  if (auto as = a.get("assets")) {
    IngestOptions po;
    po.working_crs = in.layer.working_crs;
    PointTableReport sheet;
    assets = load_point_file(*as, po, &sheet);
    std::cerr << format_point_report(sheet, *as);
    warn_if_outside_crs(assets, *as);
    o.assets.push_back(&assets);
    o.inputs.push_back(*as);
  }
  o.command_line = "nbhd";
  for (const auto& s : argv) o.command_line += " " + (s.find(' ') == std::string::npos ? s : "'" + s + "'");

  BriefResult r;
  {
    TerminalProgress bar("brief");
    o.progress = bar.callback();
    r = write_brief(in.layer, o, out);
  }
  std::cerr << "wrote " << out << ": " << r.pages << (r.pages == 1 ? " page" : " pages") << " on "
            << r.codes.size() << (r.codes.size() == 1 ? " area" : " areas");
  if (r.files.size() > 1) std::cerr << ", and " << r.files.size() - 1 << " PNG pages";
  std::cerr << "\n";
  return 0;
}

}  // namespace nbhd::cli
