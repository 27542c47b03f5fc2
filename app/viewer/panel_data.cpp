// Data: what is loaded, buttons for the open dialog (file_dialog.cpp; drag-and-drop works too), the load
// progress bar with cancel, and the join diagnostics of every table, shown rather than logged.
#include <imgui.h>

#include <filesystem>

#include "app/viewer/panel_data.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/text.hpp"

namespace nbhd::view {

namespace {
void first_few(const char* what, const std::vector<std::string>& v) {
  if (v.empty()) return;
  std::string s;
  for (size_t i = 0; i < v.size() && i < 5; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > 5) s += ", ...";
  ImGui::TextWrapped("%zu %s: %s", v.size(), what, s.c_str());
}

// The Level control: LSOA / ward / local authority, the weight of weighted means, switching with zoom, the
// job making a level, and what the level shown is made of (children without a parent said plainly).
void draw_levels(Viewer& v) {
  const auto& choices = v.levels.choices();
  ImGui::Separator();
  if (choices.size() < 2) {
    ImGui::TextDisabled("one level: the boundaries carry no parent codes (open with --lookup for wards)");
    return;
  }
  int cur = v.levels.wanted();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::BeginCombo("Level", choices[size_t(cur)].label.c_str())) {
    for (size_t i = 0; i < choices.size(); ++i) {
      if (ImGui::Selectable(choices[i].label.c_str(), int(i) == cur)) v.set_level(int(i));
      note_item("data.level." + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  note_item("data.level");
  const auto& cols = v.base->numeric_columns;
  const std::string& w = v.levels.weight();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::BeginCombo("Weight", w.empty() ? "(none: plain means)" : w.c_str())) {
    if (ImGui::Selectable("(none: plain means)", w.empty())) v.set_level_weight("");
    for (const auto& c : cols)
      if (ImGui::Selectable(c.c_str(), c == w)) v.set_level_weight(c);
    ImGui::EndCombo();
  }
  note_item("data.level.weight");
  if (ImGui::Checkbox("Switch level with zoom", &v.level_with_zoom)) v.level_zoom_mpp = 0;
  note_item("data.level.zoom");
  if (v.levels.busy()) {
    auto st = v.levels.status();
    ImGui::ProgressBar(float(st.fraction), ImVec2(-1, 0), st.stage.c_str());
    if (ImGui::Button("Cancel##level")) v.levels.cancel();
    note_item("data.level.cancel");
  }
  if (!v.levels.error().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
    ImGui::TextWrapped("%s", v.levels.error().c_str());
    ImGui::PopStyleColor();
  }
  const LevelMade& m = v.data->level;
  if (m.label.empty()) return;
  size_t parents = v.data->layer.size() - (m.no_parent_area == size_t(-1) ? 0 : 1);
  ImGui::TextWrapped("%zu %s areas dissolved from %zu %s in %.1f s (%s)", parents, m.label.c_str(),
                     v.base->layer.size() - m.no_parent.size(), m.child_word.c_str(), m.build_s,
                     m.dissolve_note.c_str());
  if (!m.no_parent.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.8f, 0.3f, 1));
    ImGui::TextWrapped("%zu %s have no %s (not in the lookup): shown together as \"%s\", no data",
                       m.no_parent.size(), m.child_word.c_str(), lower(m.label).c_str(),
                       v.data->layer.names[m.no_parent_area].c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

void DataPanel::draw(Viewer& v) {
  bool busy = v.loader.busy();
  // Above the section, so they show even when it is folded: what failed to load (the loader's message
  // names the file and what to do) and what could not be opened at all.
  for (const std::string* e : {&v.load_error, &open_error_})
    if (!e->empty() && !busy) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
      ImGui::TextWrapped("%s", e->c_str());
      ImGui::PopStyleColor();
    }
  if (!ImGui::CollapsingHeader("Data", busy || !v.data ? ImGuiTreeNodeFlags_DefaultOpen : 0) && !busy) return;
  if (busy) {
    auto st = v.loader.status();
    ImGui::TextUnformatted(
        ("loading " + std::filesystem::path(v.sources.boundaries).filename().string()).c_str());
    ImGui::ProgressBar(float(st.fraction), ImVec2(-1, 0), st.stage.c_str());
    if (ImGui::Button("Cancel")) v.loader.cancel();
    return;
  }
  if (ImGui::Button("Open boundaries...")) v.files.open(FileRole::Boundaries);
  ImGui::SameLine();
  ImGui::BeginDisabled(v.sources.boundaries.empty());
  if (ImGui::Button("Join table...")) v.files.open(FileRole::Table);
  ImGui::SameLine();
  if (ImGui::Button("Assets..."))
    v.files.open(FileRole::Assets);  // adds a file; several merge as in nbhd assets
  if (!v.sources.assets.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Remove assets")) {
      Sources s = v.sources;
      s.assets.clear();
      v.load(s);
    }
  }
  ImGui::EndDisabled();
  ImGui::TextDisabled("or drop files on the window");
  if (!v.data) return;
  const auto& L = v.data->layer;
  ImGui::Separator();
  ImGui::TextWrapped("%s: %zu %s areas (%s), key %s",
                     std::filesystem::path(L.source).filename().string().c_str(), L.size(),
                     L.code_kind.c_str(), L.working_crs.c_str(), L.key_field.c_str());
  ImGui::Text("loaded in %.1f s", v.data->load_s);
  if (v.base) draw_levels(v);
  if (L.stats.repaired) ImGui::Text("%zu geometries repaired", L.stats.repaired);
  if (L.stats.dropped_empty + L.stats.dropped_no_key)
    ImGui::Text("%zu features dropped (empty or no code)", L.stats.dropped_empty + L.stats.dropped_no_key);
  if (L.stats.merged_features)
    ImGui::Text("%zu features merged into areas with the same code", L.stats.merged_features);
  for (const auto& r : v.data->reports) {
    ImGui::Separator();
    ImGui::TextWrapped("%s (key %s)", std::filesystem::path(r.table).filename().string().c_str(),
                       r.key_field.c_str());
    bool full = r.matched == L.size() && r.rows_without_area.empty();
    ImGui::TextColored(full ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.8f, 0.3f, 1),
                       "matched %zu of %zu areas, %zu rows", r.matched, L.size(), r.rows);
    first_few("areas without a row", r.areas_without_row);
    first_few("rows without an area", r.rows_without_area);
    first_few("duplicate codes", r.duplicate_keys);
    if (!r.key_kind_note.empty()) ImGui::TextWrapped("%s", r.key_kind_note.c_str());
    // What the table reader detected (sheet, header line, delimiter, encoding), as the CLI's report says.
    if (!r.how_read.empty()) ImGui::TextWrapped("read: %s", r.how_read.c_str());
    if (!r.suppressed.empty()) {
      std::string each;
      for (const auto& [name, cells] : r.suppressed)
        each += (each.empty() ? "" : ", ") + name + " " + std::to_string(cells);
      ImGui::TextWrapped("suppressed values read as missing: %s", each.c_str());
    }
  }
}

}  // namespace nbhd::view
