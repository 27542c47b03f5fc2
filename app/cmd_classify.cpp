// nbhd classify: breaks and counts of one indicator, as a planner would read them off a map legend.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.hpp"
#include "app/inputs.hpp"
#include "app/selection.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/stats/classify.hpp"
#include "geo/tables/csv_write.hpp"

namespace nbhd::cli {

namespace {
const char* kHelp =
    "usage: nbhd classify BOUNDARIES [--indicators TABLE[:KEY]]... --column C [--method M] [--classes N]\n"
    "                     [--breaks B1,B2,...] [--sd-step S] [--within FIELD=VALUE] [--json] [-o OUT.csv]\n\n"
    "Classifies a numeric column of the boundaries (or of a joined table) and prints the breaks and the\n"
    "number of areas in each class. Missing values are counted as 'No data', never dropped.\n\n"
    "methods (--method, default quantile):\n"
    "  quantile      equal numbers of areas; equal values always share a class, so counts may be uneven\n"
    "  equal         equal-width intervals from the minimum to the maximum\n"
    "  stddev        breaks at the mean and every --sd-step standard deviations (default 1)\n"
    "  pretty        round-number breaks (1, 2 or 5 times a power of ten); N is a target\n"
    "  headtail      head/tail breaks for heavy-tailed values (counts); N is the most classes\n"
    "  manual        the breaks given with --breaks (upper bounds of every class but the last)\n"
    "  categorical   one class per distinct value, at most 12 (e.g. IMD deciles 1..10)\n"
    "  jenks         natural breaks: the exact Fisher/Jenks optimum (least within-class variance)\n\n"
    "options:\n";
const char* kHelpTail =
    "  --column C              the column to classify (exact name)\n"
    "  --method M              see above (default quantile)\n"
    "  --classes N             number of classes, 2..12 (default 5)\n"
    "  --breaks LIST           manual breaks, comma-separated, increasing\n"
    "  --sd-step S             stddev: step in standard deviations (default 1)\n"
    "  --within FIELD=VALUE    classify only the areas whose FIELD equals VALUE (e.g. ltla24_name=Salford)\n"
    "  --json                  print the result as JSON (breaks, labels, counts, nodata, note)\n"
    "  -o, --output OUT.csv    also write code,name,value,class,label per area\n"
    "  --force                 overwrite OUT.csv if it exists\n";

std::vector<double> parse_breaks(const std::string& s) {
  std::vector<double> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    auto v = parse_number(item);
    if (!v)
      throw UsageError("--breaks takes numbers separated by commas, e.g. 10,20,40; '" + item +
                       "' is not a number");
    out.push_back(*v);
  }
  return out;
}

nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}
}  // namespace

int cmd_classify(const std::vector<std::string>& argv) {
  auto parsed =
      parse_command(argv,
                    command_options({"column", "method", "classes", "breaks", "sd-step", "within", "output"},
                                    {"json", "force"}),
                    kHelp, kHelpTail);
  if (!parsed) return 0;
  const Args& a = *parsed;
  ClassifyOptions opt;
  opt.column = a.require("column");
  opt.method = parse_method(a.get_or("method", "quantile"));
  if (auto k = a.number("classes")) {
    if (*k != std::floor(*k)) throw UsageError("--classes needs a whole number, got " + format_number(*k));
    opt.classes = static_cast<int>(std::clamp(*k, -1.0, 1000.0));
  }
  if (auto s = a.number("sd-step")) opt.sd_step = *s;
  if (auto b = a.get("breaks")) opt.manual_breaks = parse_breaks(*b);
  if (opt.method == ClassifyMethod::Manual && !a.get("breaks"))
    throw UsageError("--method manual needs --breaks, e.g. --breaks 10,20,40");
  auto out = a.get("output");
  if (out) {
    AtomicOutput probe(*out, a.flag("force"));
  }
  classify({}, opt);  // checks the options (class count, breaks) before the long load

  LoadedInputs in = load_inputs(a);
  for (const auto& r : in.reports) std::cerr << format_report(r);
  const AreaLayer& L = in.layer;
  const Column& col = L.attrs.numeric(opt.column);
  std::vector<size_t> rows = select_rows(L.attrs, a.get_or("within", ""), L.source);
  std::vector<double> values = values_at(col, rows);
  Classification c = classify(values, opt);
  // A column with no value at all is a misspelt or empty column, or a join that matched nothing: classifying
  // it would print (and write) only 'No data', which is never what was asked.
  if (!values.empty() && c.nodata == values.size())
    throw Error("column '" + opt.column + "' is blank for all " + std::to_string(values.size()) +
                " areas of " + L.source +
                "; choose a column with values, or check the join report (areas without a row)");
  if (col.type == ColumnType::Boolean && opt.method == ClassifyMethod::Categorical)
    for (size_t i = 0; i < c.categories.size(); ++i) c.labels[i] = c.categories[i] != 0 ? "TRUE" : "FALSE";

  if (a.flag("json")) {
    nlohmann::json j;
    j["source"] = L.source;
    j["column"] = opt.column;
    j["method"] = to_string(opt.method);
    j["areas"] = rows.size();
    j["classes"] = c.classes();
    j["breaks"] = nlohmann::json::array();
    for (double b : c.breaks) j["breaks"].push_back(number_or_null(b));
    j["categories"] = c.categories;
    j["labels"] = c.labels;
    j["counts"] = c.counts;
    j["nodata"] = c.nodata;
    j["note"] = c.note;
    if (auto w = a.get("within")) j["within"] = *w;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << opt.column << " in " << std::filesystem::path(L.source).filename().string() << ": "
              << to_string(opt.method) << ", " << c.classes()
              << (c.classes() == 1 ? " class, " : " classes, ") << rows.size() << " areas"
              << (a.get("within") ? " with " + *a.get("within") : "") << "\n";
    size_t width = std::string(kNoDataLabel).size();
    for (const auto& l : c.labels) width = std::max(width, l.size());
    char line[256];
    std::snprintf(line, sizeof line, "%-6s %-*s %8s\n", "class", static_cast<int>(width), "range", "areas");
    std::cout << line;
    for (int k = 0; k < c.classes(); ++k) {
      std::snprintf(line, sizeof line, "%-6d %-*s %8zu\n", k + 1, static_cast<int>(width),
                    c.labels[k].c_str(), c.counts[k]);
      std::cout << line;
    }
    std::snprintf(line, sizeof line, "%-6s %-*s %8zu\n", "-", static_cast<int>(width), kNoDataLabel,
                  c.nodata);
    std::cout << line;
    if (!c.note.empty()) std::cout << "note: " << c.note << "\n";
  }
  if (out) {
    Table t(*out);
    Column code{"code", ColumnType::Text, {}, {}}, name{"name", ColumnType::Text, {}, {}},
        value{(opt.column == "code" || opt.column == "name" || opt.column == "class" || opt.column == "label")
                  ? "value"
                  : opt.column,
              col.type == ColumnType::Boolean ? ColumnType::Integer : col.type,
              {},
              {}},
        cls{"class", ColumnType::Integer, {}, {}}, label{"label", ColumnType::Text, {}, {}};
    for (size_t i = 0; i < rows.size(); ++i) {
      code.text.push_back(L.codes[rows[i]]);
      name.text.push_back(L.names.empty() ? "" : L.names[rows[i]]);
      value.num.push_back(values[i]);
      int k = c.class_of[i];
      cls.num.push_back(k < 0 ? std::nan("") : k + 1);
      label.text.push_back(k < 0 ? kNoDataLabel : c.labels[k]);
    }
    for (auto* cc : {&code, &name, &value, &cls, &label}) t.add(std::move(*cc));
    write_csv(t, *out, a.flag("force"));
    std::cerr << "wrote " << *out << ": " << rows.size() << " areas\n";
  }
  return 0;
}

}  // namespace nbhd::cli
