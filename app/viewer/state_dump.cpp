#include "app/viewer/state_dump.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "render/export/png_writer.hpp"
#include "render/scene/gl.hpp"

namespace nbhd::view {

namespace {

// The dialogs' and panels' part of the dump.
void dump_panels(const Viewer& v, nlohmann::json& j) {
  j["open_error"] = v.data_panel.open_error();
  nlohmann::json names = nlohmann::json::array();
  for (const auto& e : v.files.entries()) names.push_back(e.name + (e.dir ? "/" : ""));
  j["dialog"] = {{"open", v.files.is_open()},
                 {"role", role_name(v.files.role())},
                 {"folder", v.files.folder().string()},
                 {"entries", names},
                 {"cursor", v.files.cursor()},
                 {"sort", std::string(v.files.sort_key() == SortKey::Name   ? "name"
                                      : v.files.sort_key() == SortKey::Size ? "size"
                                                                            : "modified") +
                              (v.files.descending() ? " desc" : " asc")},
                 {"error", v.files.error()}};
  j["sources"] = {{"boundaries", v.sources.boundaries},
                  {"indicators", v.sources.indicators},
                  {"assets", v.sources.assets}};
  j["method"] = to_string(v.spec.method);
  j["classes"] = v.spec.classes;
  j["reverse"] = v.spec.reverse;
  j["view"] = {{"centre", {v.cam.centre.x, v.cam.centre.y}}, {"metres_per_pixel", v.cam.mpp}};
  const ScreenRect& hr = v.legend.histogram();
  j["histogram"] = {{"rect", {hr.x0, hr.y0, hr.x1, hr.y1}},
                    {"lo", v.legend.histogram_lo()},
                    {"hi", v.legend.histogram_hi()}};
  j["highlight"]["lo"] = v.highlight.lo;
  j["highlight"]["hi"] = v.highlight.hi;
  j["missing_files"] = v.project.missing();
  const ExportDone& last = v.exporter.last();
  const auto& t = last.world_to_px;
  j["export"] = {{"ok", last.ok},
                 {"path", last.path},
                 {"world_to_px", {{"scale", t.scale}, {"ox", t.ox}, {"oy", t.oy}}},
                 {"extent", {last.extent.minx, last.extent.miny, last.extent.maxx, last.extent.maxy}},
                 {"visible", {last.visible.minx, last.visible.miny, last.visible.maxx, last.visible.maxy}},
                 {"frame", {last.frame_px.x0, last.frame_px.y0, last.frame_px.x1, last.frame_px.y1}},
                 {"size", {last.width_px, last.height_px}}};
}

// The Level control and, at a parent level, what each area is made of and shows: tests compare the values
// and fills with `nbhd aggregate` area for area.
nlohmann::json dump_level(const Viewer& v) {
  nlohmann::json j;
  const auto& ch = v.levels.choices();
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& c : ch) labels.push_back(c.label);
  auto label = [&](int i) { return i >= 0 && size_t(i) < ch.size() ? ch[size_t(i)].label : std::string(); };
  j["choices"] = labels;
  j["current"] = label(v.levels.current());
  j["wanted"] = label(v.levels.wanted());
  j["busy"] = v.levels.busy();
  j["loading"] = v.loader.busy();
  j["error"] = v.levels.error();
  j["weight"] = v.levels.weight();
  j["cached"] = v.levels.cached();
  j["with_zoom"] = v.level_with_zoom;
  j["show_ms"] = v.level_show_ms;
  if (!v.data || v.data->level.label.empty()) return j;
  const LevelMade& m = v.data->level;
  const AreaLayer& L = v.data->layer;
  j["shown"] = m.label;
  j["no_parent"] = m.no_parent.size();
  j["no_parent_area"] = m.no_parent_area == size_t(-1) ? "" : L.codes[m.no_parent_area];
  j["dissolve"] = m.dissolve_note;
  j["build_s"] = m.build_s;
  j["rules"] = m.rules;
  nlohmann::json areas = nlohmann::json::object();
  const Column* col = v.spec.column.empty() ? nullptr : v.find_column(v.spec.column);
  for (size_t i = 0; i < L.size(); ++i) {
    nlohmann::json a;
    a["name"] = L.names[i];
    a["children"] = m.children[i].size();
    if (col && col->numeric())
      a["value"] = std::isnan(col->num[i]) ? nlohmann::json() : nlohmann::json(col->num[i]);
    if (i < v.style.fills.size()) a["fill"] = to_hex(v.style.fills[i]);
    if (L.size() <= 10000) {  // every aggregated column (a national ward level is ~8,000 areas)
      nlohmann::json cols = nlohmann::json::object();
      for (const auto& c : L.attrs.cols())
        if (c.numeric()) cols[c.name] = std::isnan(c.num[i]) ? nlohmann::json() : nlohmann::json(c.num[i]);
      a["columns"] = std::move(cols);
    }
    areas[L.codes[i]] = std::move(a);
  }
  j["areas"] = std::move(areas);
  nlohmann::json kids = nlohmann::json::array();
  if (v.base)
    for (uint32_t s : v.selection)
      if (s < m.children.size())
        for (uint32_t k : m.children[s]) kids.push_back(v.base->layer.codes[k]);
  j["selection_children"] = kids;
  return j;
}

}  // namespace

void screenshot(const Viewer& v, const std::string& path) {
  int fw, fh;
  glfwGetFramebufferSize(v.win, &fw, &fh);
  std::vector<uint8_t> px(size_t(fw) * size_t(fh) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, fw, fh, GL_BGRA, GL_UNSIGNED_BYTE, px.data());
  // GL rows are bottom-up; PngWriter takes top-down ARGB32 (B, G, R, A bytes on little-endian).
  std::vector<uint8_t> flipped(px.size());
  size_t stride = size_t(fw) * 4;
  for (int y = 0; y < fh; ++y)
    std::copy_n(&px[size_t(fh - 1 - y) * stride], stride, &flipped[size_t(y) * stride]);
  for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
  AtomicOutput out(path, true);
  std::FILE* f = std::fopen(out.temp_path().c_str(), "wb");
  if (!f) throw Error("cannot write screenshot " + path);
  {
    PngWriter w(f, fw, fh);
    w.write_rows(flipped.data(), stride, fh);
    w.finish();
  }
  std::fclose(f);
  out.commit();
}

void write_dump(const Viewer& v, const std::string& path) {
  nlohmann::json j;
  int ww, wh, fw, fh;
  glfwGetWindowSize(v.win, &ww, &wh);
  glfwGetFramebufferSize(v.win, &fw, &fh);
  j["window"] = {ww, wh};
  j["framebuffer"] = {fw, fh};
  // World -> framebuffer pixel: px = scale * x + ox, py = -scale * y + oy (as render's PixelTransform).
  PixelTransform t = v.cam.to_pixels();
  j["world_to_px"] = {{"scale", t.scale}, {"ox", t.ox}, {"oy", t.oy}};
  j["loaded"] = v.data != nullptr;
  j["load_error"] = v.load_error;
  j["areas"] = v.data ? v.data->layer.size() : 0;
  j["column"] = v.spec.column;
  j["column_title"] = v.labels.title(v.spec.column);
  j["bivariate"] = v.spec.bivariate;
  j["palette"] = v.style.palette;
  j["style_error"] = v.style_error;
  j["basemap"] = {
      {"source", v.sources.basemap},
      {"shown", v.basemap_shown()},
      {"opacity", v.basemap_opacity},
      {"pixels", v.data && v.data->basemap ? nlohmann::json{v.data->basemap->width, v.data->basemap->height}
                                           : nlohmann::json()}};
  {
    // The columns computed in the viewer (gap indicators, statistics), so tests can compare them with the
    // CLI's output area for area: name -> values (null where missing), in area order.
    nlohmann::json dc = nlohmann::json::object();
    for (const auto& c : v.derived.table().cols()) {
      nlohmann::json vals = nlohmann::json::array();
      for (size_t i = 0; i < c.size(); ++i) {
        if (c.missing(i))
          vals.push_back(nullptr);
        else if (c.numeric())
          vals.push_back(c.num[i]);
        else
          vals.push_back(c.text[i]);
      }
      dc[c.name] = std::move(vals);
    }
    j["derived"] = std::move(dc);
  }
  nlohmann::json sel = nlohmann::json::array();
  for (uint32_t i : v.selection) sel.push_back(v.data->layer.codes[i]);
  j["selection"] = sel;
  j["hover"] = v.hover >= 0 && v.data ? v.data->layer.codes[size_t(v.hover)] : "";
  j["tooltip"] = v.hover >= 0 && v.data && v.cursor_on_map ? v.tooltip_lines(size_t(v.hover))
                                                           : std::vector<std::string>{};
  const char* kinds[] = {"none", "legend", "brush", "dual", "areas"};
  j["highlight"] = {
      {"kind", kinds[v.highlight.kind]}, {"count", v.lit_count}, {"class", v.highlight.legend_class}};
  // Which areas are lit, and which a bivariate map flags (worst share of both): tests compare them with
  // `nbhd flag`.
  nlohmann::json lit_codes = nlohmann::json::array(), flagged = nlohmann::json::array();
  if (v.data && v.highlight.kind != Highlight::None)
    for (size_t i = 0; i < v.lit.size(); ++i)
      if (v.lit[i]) lit_codes.push_back(v.data->layer.codes[i]);
  if (v.data && v.style.flag)
    for (size_t i : v.style.flag->flagged_rows) flagged.push_back(v.data->layer.codes[i]);
  j["highlight"]["areas"] = lit_codes;
  j["bivariate_flagged"] = flagged;
  nlohmann::json leg = nlohmann::json::array();
  for (size_t i = 0; i < v.legend.swatches().size(); ++i) {
    const auto& r = v.legend.swatches()[i];
    nlohmann::json e = {{"rect", {r.x0, r.y0, r.x1, r.y1}}};
    if (i < v.style.legend.size()) {
      e["colour"] = to_hex(v.style.legend[i].colour);
      e["count"] = v.style.legend[i].count;
      e["label"] = v.style.legend[i].label;
    }
    leg.push_back(e);
  }
  j["legend"] = leg;
  if (v.style.no_data)
    j["legend_no_data"] = {{"label", v.style.no_data->label},
                           {"colour", to_hex(v.style.no_data->colour)},
                           {"count", v.style.no_data->count}};
  {
    // Each hit's code (a postcode's display form), and what the result list says of it.
    nlohmann::json hits = nlohmann::json::array(), results = nlohmann::json::array();
    for (const SearchHit& h : v.search.hits(v.data.get())) {
      const SearchIndex& ix = v.data->search;
      std::string code = h.entry < 0 ? h.postcode.postcode : ix.entries()[size_t(h.entry)].code;
      hits.push_back(code);
      results.push_back({{"code", code},
                         {"name", h.entry < 0 ? std::string() : ix.entries()[size_t(h.entry)].name},
                         {"level", ix.level_of(h)},
                         {"parent", ix.parent_of(h)},
                         {"match", tier_name(h.tier)},
                         {"label", ix.label(h)}});
    }
    j["search_hits"] = hits;
    j["search_results"] = results;
    j["postcodes"] = v.data && v.data->postcodes ? v.data->postcodes->size() : 0;
  }
  j["map_exact"] = v.map_frame.exact;
  j["map_shifted"] = v.map_frame.shifted;
  nlohmann::json ui = nlohmann::json::object();
  for (const auto& [name, r] : items()) ui[name] = {r[0], r[1], r[2], r[3]};
  j["ui"] = ui;
  j["map_cache"] = v.map_cache_on;
  j["panel_cache"] = {
      {"on", v.panel_cache_on}, {"reused", v.panel_cache.reused()}, {"drawn", v.panel_cache.drawn()}};
  j["panels"] = {{"left_w", v.left_w}, {"right_w", v.right_w}};
  // The interface font as ImGui measures it: a proportional font gives "iiiiiiiiii" a fraction of the
  // width of "MMMMMMMMMM" (a monospaced one the same width).
  j["ui_font"] = {{"file", v.ui_look.font_file},
                  {"px", v.ui_look.font_px},
                  {"width_i10", ImGui::CalcTextSize("iiiiiiiiii").x},
                  {"width_M10", ImGui::CalcTextSize("MMMMMMMMMM").x}};
  // Where the map shows between the opaque panels: framebuffer pixels, x0 y0 x1 y1 from the top left.
  {
    const ImGuiIO& io = ImGui::GetIO();
    float scale = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1;
    MapRect a = map_area(io.DisplaySize.x, io.DisplaySize.y, scale, v.backdrops);
    j["map_area"] = {a.x, fh - a.y - a.h, a.x + a.w, fh - a.y};
  }
  j["legend_title"] = v.spec.column.empty() ? "" : v.column_title(v.spec.column);
  j["level"] = dump_level(v);
  j["export_msg"] = v.exporter.message();
  j["brief_msg"] = v.exporter.brief().message();
  j["atlas_msg"] = v.exporter.atlas().message();
  j["session_msg"] = v.project.message();
  dump_panels(v, j);
  j["assets"] = v.assets.dump(v);
  j["gaps"] = v.gaps.dump(v);
  j["stats"] = v.stats.dump(v);
  j["map_labels"] = v.map_labels.dump();
  write_file_atomic(path, j.dump(1) + "\n");
}

}  // namespace nbhd::view
