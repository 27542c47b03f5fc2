// Data: what is loaded, buttons for the open dialog (file_dialog.cpp; drag-and-drop works too), the load
// progress bar with cancel, and the join diagnostics of every table, shown rather than logged.
#include <imgui.h>

#include <filesystem>

#include "app/viewer/panel_data.hpp"
#include "app/viewer/viewer.hpp"

namespace nbhd::view {

namespace {
void first_few(const char* what, const std::vector<std::string>& v) {
  if (v.empty()) return;
  std::string s;
  for (size_t i = 0; i < v.size() && i < 5; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > 5) s += ", ...";
  ImGui::TextWrapped("%zu %s: %s", v.size(), what, s.c_str());
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
