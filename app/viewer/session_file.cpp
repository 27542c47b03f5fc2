#include "app/viewer/session_file.hpp"
#include "app/viewer/panel_gaps.hpp"
#include "geo/spatial/gaps.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/viewer/viewer.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "geo/tables/load_and_join.hpp"

namespace nbhd::view {

namespace {
bool exists(const std::string& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

const char* kFixProject = "; correct it in a text editor, or open the data again and save a new project";

const char* type_name(const nlohmann::json& v) {
  // One type a line, as a table.
  // clang-format off
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::string: return "text";
    case nlohmann::json::value_t::boolean: return "true/false";
    case nlohmann::json::value_t::binary: return "binary";
    case nlohmann::json::value_t::discarded: return "discarded";
    default: return "a number";
  }
  // clang-format on
}

// Checks every field read_session reads has the type it reads it as, so a hand-edited project fails with
// the field's name rather than nlohmann's "type must be string, but is number" (or an internal error for
// the fields read with value(), which throw outside any try).
void check_project_fields(const std::string& path, const nlohmann::json& j) {
  enum Kind { Text, Number, Flag, Texts, TextOrTexts };
  auto fail = [&](const std::string& field, const std::string& what) {
    throw Error(path + ": \"" + field + "\" " + what + kFixProject);
  };
  auto check = [&](const nlohmann::json& obj, const std::string& parent, const char* key, Kind kind,
                   bool required) {
    std::string field = parent.empty() ? std::string(key) : parent + "." + key;
    if (!obj.contains(key)) {
      if (required) fail(field, "is missing");
      return;
    }
    const auto& v = obj[key];
    bool ok = false;
    const char* want = "";
    switch (kind) {
      case Text:
        ok = v.is_string(), want = "text";
        break;
      case Number:
        ok = v.is_number(), want = "a number";
        break;
      case Flag:
        ok = v.is_boolean(), want = "true or false";
        break;
      case Texts:
      case TextOrTexts:
        ok = v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& e) { return e.is_string(); });
        ok = ok || (kind == TextOrTexts && v.is_string());
        want = kind == Texts ? "a list of text" : "text or a list of text";
        break;
    }
    if (ok) return;
    std::string is = type_name(v);
    if (v.is_array())  // name the odd one out: "a list holding a number"
      for (const auto& e : v)
        if (!e.is_string()) {
          is = std::string("a list holding ") + type_name(e);
          break;
        }
    fail(field, std::string("must be ") + want + ", not " + is);
  };
  auto object = [&](const char* key, bool required) -> const nlohmann::json* {
    if (!j.contains(key)) {
      if (required) fail(key, "is missing");
      return nullptr;
    }
    if (!j[key].is_object()) fail(key, std::string("must be an object, not ") + type_name(j[key]));
    return &j[key];
  };
  const nlohmann::json* d = object("data", true);
  check(*d, "data", "boundaries", Text, true);
  if ((*d)["boundaries"].get<std::string>().empty())
    fail("data.boundaries", "is empty: it names the boundary file");
  check(*d, "data", "indicators", Texts, false);
  check(*d, "data", "outlines", Texts, false);
  check(*d, "data", "assets", TextOrTexts, false);
  for (const char* k : {"key", "name", "layer", "crs", "on_duplicate", "postcodes", "lookup", "basemap"})
    check(*d, "data", k, Text, false);
  if (d->contains("on_duplicate") && (*d)["on_duplicate"] != "error" && (*d)["on_duplicate"] != "first")
    fail("data.on_duplicate", "must be \"error\" or \"first\"");
  const nlohmann::json* st = object("style", true);
  for (const char* k : {"column", "method", "palette", "bivariate", "bivariate_scheme"})
    check(*st, "style", k, Text, false);
  check(*st, "style", "classes", Number, false);
  check(*st, "style", "reverse", Flag, false);
  if (st->contains("method")) {
    try {
      parse_method((*st)["method"].get<std::string>());
    } catch (const Error& e) {
      throw Error(path + ": \"style.method\": " + e.what());
    }
  }
  if (const nlohmann::json* v = object("view", false)) {
    check(*v, "view", "metres_per_pixel", Number, true);
    const auto& c = (*v).contains("centre") ? (*v)["centre"] : nlohmann::json();
    if (!(c.is_array() && c.size() == 2 && c[0].is_number() && c[1].is_number()))
      fail("view.centre", "must be a list of two numbers (x, y in metres)");
  }
  if (j.contains("selection")) check(j, "", "selection", Texts, false);
  if (const nlohmann::json* l = object("level", false)) {
    for (const char* k : {"shown", "weight"}) check(*l, "level", k, Text, false);
    check(*l, "level", "with_zoom", Flag, false);
  }
  if (const nlohmann::json* g = object("gaps_panel", false)) {
    check(*g, "gaps_panel", "within_m", Number, false);
    check(*g, "gaps_panel", "categories", Texts, false);
    for (const char* k : {"groups_file", "denominator", "measure", "unit"})
      check(*g, "gaps_panel", k, Text, false);
    for (const char* k : {"coverage", "mapped"}) check(*g, "gaps_panel", k, Flag, false);
    if (g->contains("measure") && !GapsPanel::measure_of((*g)["measure"].get<std::string>()))
      fail("gaps_panel.measure",
           "must be one of missing, within, within_per_1000, inside, inside_per_1000, nearest");
    if (g->contains("within_m")) {
      try {
        check_gap_distance((*g)["within_m"].get<double>());
      } catch (const Error& e) {
        throw Error(path + ": \"gaps_panel.within_m\": " + e.what());
      }
    }
  }
  if (const nlohmann::json* l = object("labels", false)) {
    check(*l, "labels", "metadata", Text, false);
    check(*l, "labels", "columns", Texts, false);
  }
  if (const nlohmann::json* ap = object("assets_panel", false); ap && ap->contains("category_colours")) {
    const auto& cc = (*ap)["category_colours"];
    if (!cc.is_object())
      fail("assets_panel.category_colours", "must be an object of category name -> \"#rrggbb\"");
    for (const auto& [name, colour] : cc.items()) {
      std::string field = "assets_panel.category_colours." + name;
      if (!colour.is_string()) fail(field.c_str(), "must be a colour \"#rrggbb\"");
      try {
        parse_hex_colour(colour.get<std::string>());
      } catch (const Error& e) {
        fail(field.c_str(), e.what());
      }
    }
  }
}
}  // namespace

Project read_project(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read project " + path + "; check the path");
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::parse_error& e) {
    // what(): "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while parsing
    // object key - invalid literal; last read: '...'; expected ...": keep "line 3, column 5: syntax error
    // ... literal" (the "last read" part may hold raw bytes of the file).
    std::string w = e.what();
    auto at = w.find("at line ");
    w = at == std::string::npos ? w : w.substr(at + 3);
    w = w.substr(0, w.find("; last read"));
    throw Error(path + " is not valid JSON (" + w + ")" + kFixProject);
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != "nbhd-project/1")
    throw Error(path +
                " is not an nbhd project (no \"format\": \"nbhd-project/1\"); open the data with nbhd view "
                "and save a project from its Project panel");
  check_project_fields(path, j);
  Project s;
  try {
    auto& d = j.at("data");
    s.sources.boundaries = d.at("boundaries").get<std::string>();
    s.sources.indicators = d.value("indicators", std::vector<std::string>{});
    s.sources.outlines = d.value("outlines", std::vector<std::string>{});
    // One file (a string, as projects saved before several asset files were allowed) or a list.
    if (d.contains("assets") && d["assets"].is_string()) {
      if (!d["assets"].get<std::string>().empty()) s.sources.assets.push_back(d["assets"].get<std::string>());
    } else {
      s.sources.assets = d.value("assets", std::vector<std::string>{});
    }
    s.sources.postcodes = d.value("postcodes", "");
    s.sources.lookup = d.value("lookup", "");
    s.sources.basemap = d.value("basemap", "");
    s.sources.ingest.key_field = d.value("key", "");
    s.sources.ingest.name_field = d.value("name", "");
    s.sources.ingest.layer = d.value("layer", "");
    s.sources.ingest.working_crs = d.value("crs", "EPSG:27700");
    s.sources.on_duplicate =
        d.value("on_duplicate", "error") == "first" ? OnDuplicate::First : OnDuplicate::Error;
    auto& st = j.at("style");
    s.spec.column = st.value("column", "");
    s.spec.method = parse_method(st.value("method", "quantile"));
    s.spec.classes = st.value("classes", 5);
    s.spec.palette = st.value("palette", "");
    s.spec.reverse = st.value("reverse", false);
    s.spec.bivariate = st.value("bivariate", "");
    s.spec.bivariate_scheme = st.value("bivariate_scheme", "");
    if (j.contains("view")) {
      auto& v = j["view"];
      s.centre = Point{v.at("centre").at(0).get<double>(), v.at("centre").at(1).get<double>()};
      s.mpp = v.at("metres_per_pixel").get<double>();
    }
    s.selection = j.value("selection", std::vector<std::string>{});
    if (j.contains("level")) {
      s.level = j["level"].value("shown", "");
      s.level_weight = j["level"].value("weight", "");
      s.level_with_zoom = j["level"].value("with_zoom", false);
    }
    if (j.contains("basemap_view")) {
      auto& bv = j["basemap_view"];
      s.basemap_on = bv.value("shown", true);
      s.basemap_opacity = std::clamp(bv.value("opacity", 0.7), 0.0, 1.0);
    }
    if (j.contains("labels")) {
      s.metadata = j["labels"].value("metadata", "");
      s.labels = j["labels"].value("columns", std::vector<std::string>{});
    }
    if (j.contains("assets_panel")) {
      auto& ap = j["assets_panel"];
      s.asset_within = ap.value("within_m", 1000.0);
      if (!(s.asset_within >= 0)) s.asset_within = 1000;
      s.hidden_categories = ap.value("hidden_categories", std::vector<std::string>{});
      if (ap.contains("category_colours"))
        for (const auto& [name, colour] : ap["category_colours"].items())
          s.category_colours[name] = parse_hex_colour(colour.get<std::string>());
    }
    if (j.contains("gaps_panel")) {
      auto& gp = j["gaps_panel"];
      s.gaps.within = gp.value("within_m", 800.0);
      s.gaps.categories = gp.value("categories", std::vector<std::string>{});
      s.gaps.groups_file = gp.value("groups_file", "");
      s.gaps.denominator = gp.value("denominator", "");
      s.gaps.coverage = gp.value("coverage", true);
      s.gaps.measure = gp.value("measure", "missing");
      s.gaps.unit = gp.value("unit", "assets");
      s.gaps.mapped = gp.value("mapped", false);
    }
  } catch (
      const nlohmann::json::exception& e) {  // check_project_fields should leave none; say so if one does
    throw Error(path + ": missing or wrong field in the project (" + std::string(e.what()) + ")" +
                kFixProject);
  }
  // Relative data paths are relative to the project file.
  auto fix = [&](std::string& p) {
    if (p.empty() || std::filesystem::path(p).is_absolute() || p.rfind("PG:", 0) == 0) return;
    auto cand = std::filesystem::path(path).parent_path() / p;
    if (!exists(p) && exists(cand.string())) p = cand.string();
  };
  fix(s.sources.boundaries);
  for (auto& t : s.sources.indicators) fix(t);
  for (auto& t : s.sources.outlines) fix(t);
  for (auto& t : s.sources.assets) fix(t);
  fix(s.gaps.groups_file);
  fix(s.metadata);
  fix(s.sources.postcodes);
  fix(s.sources.lookup);
  // A missing basemap is not a missing data file: the map opens without it, and the message line says so.
  fix(s.sources.basemap);
  if (!exists(s.sources.boundaries)) s.missing.push_back(s.sources.boundaries);
  for (const auto& t : s.sources.indicators)
    if (!exists(parse_table_spec(t).path)) s.missing.push_back(parse_table_spec(t).path);
  for (const auto& t : s.sources.outlines)
    if (!exists(t)) s.missing.push_back(t);
  for (const auto& t : s.sources.assets)
    if (!exists(t)) s.missing.push_back(t);
  if (!s.sources.postcodes.empty() && !exists(s.sources.postcodes)) s.missing.push_back(s.sources.postcodes);
  if (!s.sources.lookup.empty() && !exists(s.sources.lookup)) s.missing.push_back(s.sources.lookup);
  return s;
}

std::string missing_files_message(const std::vector<std::string>& missing) {
  if (missing.empty()) return "";
  std::string head = missing.size() == 1
                         ? "data file " + missing[0] + " of the project is missing"
                         : std::to_string(missing.size()) + " data files of the project are missing (" +
                               missing[0] + ", ...)";
  return head + ": type " + (missing.size() == 1 ? "its" : "their") +
         " new location under Project and press Load";
}

std::string project_json(const Project& p) {
  nlohmann::json j;
  j["format"] = "nbhd-project/1";
  const Sources& s = p.sources;
  auto abs = [](const std::string& f) {
    std::error_code ec;
    auto a = std::filesystem::absolute(f, ec);
    return ec ? f : a.string();
  };
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : s.indicators) tables.push_back(exists(t) ? abs(t) : t);
  nlohmann::json outlines = nlohmann::json::array();
  for (const auto& t : s.outlines) outlines.push_back(abs(t));
  nlohmann::json assets = nlohmann::json::array();
  for (const auto& t : s.assets) assets.push_back(abs(t));
  j["data"] = {{"boundaries", abs(s.boundaries)},
               {"indicators", tables},
               {"outlines", outlines},
               {"assets", assets},
               {"key", s.ingest.key_field},
               {"name", s.ingest.name_field},
               {"layer", s.ingest.layer},
               {"crs", s.ingest.working_crs},
               {"on_duplicate", s.on_duplicate == OnDuplicate::First ? "first" : "error"}};
  if (!s.postcodes.empty()) j["data"]["postcodes"] = abs(s.postcodes);  // only when given: older readers
  if (!s.lookup.empty()) j["data"]["lookup"] = abs(s.lookup);
  if (!s.basemap.empty()) {
    j["data"]["basemap"] = abs(s.basemap);
    j["basemap_view"] = {{"shown", p.basemap_on}, {"opacity", p.basemap_opacity}};
  }
  j["style"] = {{"column", p.spec.column},
                {"method", to_string(p.spec.method)},
                {"classes", p.spec.classes},
                {"palette", p.spec.palette},
                {"reverse", p.spec.reverse},
                {"bivariate", p.spec.bivariate},
                {"bivariate_scheme", p.spec.bivariate_scheme}};
  if (p.centre) j["view"] = {{"centre", {p.centre->x, p.centre->y}}, {"metres_per_pixel", p.mpp}};
  j["selection"] = p.selection;
  if (!p.level.empty() || !p.level_weight.empty() || p.level_with_zoom)
    j["level"] = {{"shown", p.level}, {"weight", p.level_weight}, {"with_zoom", p.level_with_zoom}};
  j["assets_panel"] = {{"within_m", p.asset_within}, {"hidden_categories", p.hidden_categories}};
  j["gaps_panel"] = {{"within_m", p.gaps.within},
                     {"categories", p.gaps.categories},
                     {"groups_file", p.gaps.groups_file.empty() ? "" : abs(p.gaps.groups_file)},
                     {"denominator", p.gaps.denominator},
                     {"coverage", p.gaps.coverage},
                     {"measure", p.gaps.measure},
                     {"unit", p.gaps.unit},
                     {"mapped", p.gaps.mapped}};
  if (!p.metadata.empty() || !p.labels.empty())
    j["labels"] = {{"metadata", p.metadata.empty() ? "" : abs(p.metadata)}, {"columns", p.labels}};
  if (!p.category_colours.empty()) {
    nlohmann::json cc = nlohmann::json::object();
    for (const auto& [name, colour] : p.category_colours) cc[name] = to_hex(colour);
    j["assets_panel"]["category_colours"] = cc;
  }
  return j.dump(1) + "\n";
}

void write_project(const std::string& path, const Project& p) {
  write_file_atomic(path, project_json(p));
}

Project capture(const Viewer& v) {
  Project p;
  p.sources = v.sources;
  p.spec = v.spec;
  p.centre = v.cam.centre;
  p.mpp = v.cam.mpp;
  if (v.data) {
    // The loaded layer's codes, at any level (a ward's LSOAs): they select the same wards when it reopens.
    const LevelMade& m = v.data->level;
    for (uint32_t i : v.selection) {
      if (m.label.empty() || !v.base)
        p.selection.push_back(v.data->layer.codes[i]);
      else if (i < m.children.size())
        for (uint32_t k : m.children[i]) p.selection.push_back(v.base->layer.codes[k]);
    }
    p.hidden_categories = v.assets.hidden_categories(*v.data);
  }
  p.asset_within = v.assets.within();
  p.gaps = v.gaps.settings(v);
  p.category_colours = v.assets.fixed_colours();
  p.metadata = v.metadata_file;
  p.labels = v.label_texts;
  if (v.levels.current() > 0) p.level = v.levels.choices()[size_t(v.levels.current())].label;
  p.level_weight = v.levels.weight();
  p.level_with_zoom = v.level_with_zoom;
  p.basemap_on = v.basemap_on;
  p.basemap_opacity = v.basemap_opacity;
  return p;
}

void apply(Viewer& v, const Project& p) {
  v.sources = p.sources;
  v.spec = p.spec;
  v.set_selection({});
  v.highlight = {};
  v.assets.set_within(v, p.asset_within);
  v.gaps.restore(v, p.gaps);  // recomputed when the data arrives
  v.assets.set_fixed_colours(v, p.category_colours);
  v.set_labels(p.metadata, p.labels);
  v.set_basemap_view(p.basemap_on, p.basemap_opacity);  // the image itself comes with the data
  v.project.opened(p);
  v.levels.set_weight(p.level_weight);
  v.level_with_zoom = p.level_with_zoom;
  v.levels.reset(nullptr);  // the project's level, not the one shown now, follows the load
  v.level_after_load = p.level;
  if (p.missing.empty()) v.load(p.sources);
  v.dirty = true;
}

}  // namespace nbhd::view
