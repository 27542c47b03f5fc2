#include "app/viewer/session_file.hpp"

#include <imgui.h>

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
      case Text: ok = v.is_string(), want = "text"; break;
      case Number: ok = v.is_number(), want = "a number"; break;
      case Flag: ok = v.is_boolean(), want = "true or false"; break;
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
  if ((*d)["boundaries"].get<std::string>().empty()) fail("data.boundaries", "is empty: it names the boundary file");
  check(*d, "data", "indicators", Texts, false);
  check(*d, "data", "outlines", Texts, false);
  check(*d, "data", "assets", TextOrTexts, false);
  for (const char* k : {"key", "name", "layer", "crs", "on_duplicate"}) check(*d, "data", k, Text, false);
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
}
}  // namespace

Session read_session(const std::string& path) {
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
    throw Error(path + " is not an nbhd project (no \"format\": \"nbhd-project/1\"); open the data with nbhd view "
                "and save a project from its Project panel");
  check_project_fields(path, j);
  Session s;
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
    s.sources.ingest.key_field = d.value("key", "");
    s.sources.ingest.name_field = d.value("name", "");
    s.sources.ingest.layer = d.value("layer", "");
    s.sources.ingest.working_crs = d.value("crs", "EPSG:27700");
    s.sources.on_duplicate = d.value("on_duplicate", "error") == "first" ? OnDuplicate::First : OnDuplicate::Error;
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
    if (j.contains("assets_panel")) {
      auto& ap = j["assets_panel"];
      s.asset_within = ap.value("within_m", 1000.0);
      if (!(s.asset_within >= 0)) s.asset_within = 1000;
      s.hidden_categories = ap.value("hidden_categories", std::vector<std::string>{});
    }
  } catch (const nlohmann::json::exception& e) {  // check_project_fields should leave none; say so if one does
    throw Error(path + ": missing or wrong field in the project (" + std::string(e.what()) + ")" + kFixProject);
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
  if (!exists(s.sources.boundaries)) s.missing.push_back(s.sources.boundaries);
  for (const auto& t : s.sources.indicators)
    if (!exists(parse_table_spec(t).path)) s.missing.push_back(parse_table_spec(t).path);
  for (const auto& t : s.sources.outlines)
    if (!exists(t)) s.missing.push_back(t);
  for (const auto& t : s.sources.assets)
    if (!exists(t)) s.missing.push_back(t);
  return s;
}

std::string missing_files_message(const std::vector<std::string>& missing) {
  if (missing.empty()) return "";
  std::string head = missing.size() == 1 ? "data file " + missing[0] + " of the project is missing"
                                         : std::to_string(missing.size()) + " data files of the project are missing (" +
                                               missing[0] + ", ...)";
  return head + ": type " + (missing.size() == 1 ? "its" : "their") + " new location under Project and press Load";
}

std::string session_json(const Viewer& v) {
  nlohmann::json j;
  j["format"] = "nbhd-project/1";
  const Sources& s = v.sources;
  auto abs = [](const std::string& p) {
    std::error_code ec;
    auto a = std::filesystem::absolute(p, ec);
    return ec ? p : a.string();
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
  j["style"] = {{"column", v.spec.column},       {"method", to_string(v.spec.method)},
                {"classes", v.spec.classes},     {"palette", v.spec.palette},
                {"reverse", v.spec.reverse},     {"bivariate", v.spec.bivariate},
                {"bivariate_scheme", v.spec.bivariate_scheme}};
  j["view"] = {{"centre", {v.cam.centre.x, v.cam.centre.y}}, {"metres_per_pixel", v.cam.mpp}};
  nlohmann::json sel = nlohmann::json::array();
  if (v.data)
    for (uint32_t i : v.selection) sel.push_back(v.data->layer.codes[i]);
  j["selection"] = sel;
  nlohmann::json hidden = nlohmann::json::array();
  if (v.data && v.data->asset_index)
    for (size_t c = 0; c < v.assets.visible.size(); ++c)
      if (!v.assets.visible[c]) hidden.push_back(v.data->asset_index->set().categories[c]);
  j["assets_panel"] = {{"within_m", v.assets.within}, {"hidden_categories", hidden}};
  return j.dump(1) + "\n";
}

void write_session(const std::string& path, const Viewer& v) { write_file_atomic(path, session_json(v)); }

void apply_session_view(Viewer& v, const Session& s) {
  v.pending_centre = s.centre;
  v.pending_mpp = s.mpp;
  v.pending_codes = s.selection;
  v.assets.within = s.asset_within;
  v.assets.hidden_pending = s.hidden_categories;
  v.missing_files = s.missing;
  v.relocate_to.assign(s.missing.size(), {});
  for (size_t i = 0; i < s.missing.size(); ++i)
    std::snprintf(v.relocate_to[i].data(), v.relocate_to[i].size(), "%s", s.missing[i].c_str());
  v.session_msg = missing_files_message(s.missing);
}

void pending_session_apply(Viewer& v) {
  if (v.pending_centre && v.pending_mpp > 0) {
    v.cam.centre = *v.pending_centre;
    v.cam.mpp = v.pending_mpp;
  }
  v.pending_centre.reset();
  std::vector<uint32_t> sel;
  std::vector<std::string> unknown;
  for (const auto& c : v.pending_codes) {
    size_t i = v.data->layer.index_of(c);
    if (i == static_cast<size_t>(-1)) unknown.push_back(c);
    else sel.push_back(uint32_t(i));
  }
  v.pending_codes.clear();
  if (!sel.empty()) v.set_selection(sel);
  if (!unknown.empty()) v.session_msg = std::to_string(unknown.size()) + " selected code(s) not in the data, e.g. " + unknown[0];
}

void Viewer::save_project(const std::string& path) {
  if (!data) return;
  std::string p = path;
  if (p.size() < 10 || p.substr(p.size() - 10) != ".nbhd.json") p += ".nbhd.json";
  try {
    write_session(p, *this);
    session_msg = "saved " + p;
  } catch (const std::exception& e) {
    session_msg = e.what();
  }
}

void Viewer::relocate_load() {
  auto swap = [&](std::string& p) {
    for (size_t i = 0; i < missing_files.size(); ++i)
      if (auto ts = parse_table_spec(p); ts.path == missing_files[i]) {
        p = relocate_to[i].data();
        if (!ts.key.empty()) p += ":" + ts.key;  // a table keeps its key column
        return;
      }
  };
  std::vector<std::string> still;
  for (size_t i = 0; i < missing_files.size(); ++i)
    if (!exists(relocate_to[i].data())) still.push_back(relocate_to[i].data());
  if (!still.empty()) {
    session_msg = "still missing: " + still[0] + "; type the path of the file as it is now";
    return;
  }
  swap(sources.boundaries);
  for (auto& t : sources.indicators) swap(t);
  for (auto& t : sources.outlines) swap(t);
  for (auto& t : sources.assets) swap(t);
  missing_files.clear();
  relocate_to.clear();
  session_msg.clear();
  loader.start(sources);
  dirty = true;
}

void Viewer::panel_session() {
  if (!ImGui::CollapsingHeader("Project", missing_files.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!missing_files.empty()) {
    ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "missing data files: type their new paths");
    for (size_t i = 0; i < missing_files.size(); ++i) {
      ImGui::PushID(int(i));
      ImGui::TextWrapped("%s", missing_files[i].c_str());
      ImGui::InputText("##to", relocate_to[i].data(), relocate_to[i].size());
      ImGui::PopID();
    }
    if (ImGui::Button("Load")) relocate_load();
  }
  ImGui::InputTextWithHint("##session", "project.nbhd.json", session_path, sizeof session_path);
  ImGui::SameLine();
  if (ImGui::Button("Save") && session_path[0] && data) save_project(session_path);
  ImGui::SameLine();
  if (ImGui::Button("Open...")) files.open(FileRole::Project);
  if (!session_msg.empty()) ImGui::TextWrapped("%s", session_msg.c_str());
}

}  // namespace nbhd::view
