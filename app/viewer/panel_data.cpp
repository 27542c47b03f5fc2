// Data: what is loaded, an open dialog (boundaries, indicator tables, asset points; drag-and-drop works too),
// the load progress bar with cancel, and the join diagnostics of every table, shown rather than logged.
#include <imgui.h>

#include <filesystem>

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

void Viewer::panel_data() {
  bool busy = loader.busy();
  if (!ImGui::CollapsingHeader("Data", busy || !data ? ImGuiTreeNodeFlags_DefaultOpen : 0) && !busy) return;
  if (busy) {
    auto st = loader.status();
    ImGui::TextUnformatted(("loading " + std::filesystem::path(sources.boundaries).filename().string()).c_str());
    ImGui::ProgressBar(float(st.fraction), ImVec2(-1, 0), st.stage.c_str());
    if (ImGui::Button("Cancel")) loader.cancel();
    return;
  }
  if (!load_error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", load_error.c_str());
  static char open_path[512] = "", table_path[512] = "";
  ImGui::InputTextWithHint("##open", "boundaries file", open_path, sizeof open_path);
  ImGui::SameLine();
  if (ImGui::Button("Open") && open_path[0]) {
    sources.boundaries = open_path;
    sources.indicators.clear();
    loader.start(sources);
  }
  ImGui::InputTextWithHint("##table", "indicator table (CSV/XLSX)", table_path, sizeof table_path);
  ImGui::SameLine();
  if (ImGui::Button("Join") && table_path[0] && !sources.boundaries.empty()) {
    sources.indicators.push_back(table_path);
    loader.start(sources);
  }
  // Asset points (any OGR point or polygon source); several files merge as `nbhd assets` merges them.
  static char asset_path[512] = "";
  ImGui::InputTextWithHint("##assets", "asset points (GeoPackage, GeoJSON...)", asset_path,
                           sizeof asset_path);
  ImGui::SameLine();
  if (ImGui::Button("Add") && asset_path[0] && !sources.boundaries.empty()) {
    sources.assets.push_back(asset_path);
    loader.start(sources);
  }
  if (!sources.assets.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Remove all")) {
      sources.assets.clear();
      loader.start(sources);
    }
  }
  // A small browser for the folder of the path typed so far (the open dialog).
  if (ImGui::TreeNode("Browse")) {
    std::filesystem::path dir = open_path[0] ? std::filesystem::path(open_path) : std::filesystem::current_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) dir = dir.parent_path();
    if (dir.empty()) dir = ".";
    ImGui::TextDisabled("%s", dir.string().c_str());
    if (ImGui::Selectable("..")) std::snprintf(open_path, sizeof open_path, "%s", dir.parent_path().string().c_str());
    int shown = 0;
    for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator() && shown < 200;
         it.increment(ec), ++shown) {
      std::string name = it->path().filename().string() + (it->is_directory(ec) ? "/" : "");
      if (ImGui::Selectable(name.c_str())) {
        std::string ext = it->path().extension().string();
        char* dst = (ext == ".csv" || ext == ".xlsx") ? table_path : open_path;
        std::snprintf(dst, 512, "%s", it->path().string().c_str());
      }
    }
    ImGui::TreePop();
  }
  if (!data) return;
  const auto& L = data->layer;
  ImGui::Separator();
  ImGui::TextWrapped("%s: %zu %s areas (%s), key %s", std::filesystem::path(L.source).filename().string().c_str(),
                     L.size(), L.code_kind.c_str(), L.working_crs.c_str(), L.key_field.c_str());
  ImGui::Text("loaded in %.1f s", data->load_s);
  if (L.stats.repaired) ImGui::Text("%zu geometries repaired", L.stats.repaired);
  if (L.stats.dropped_empty + L.stats.dropped_no_key)
    ImGui::Text("%zu features dropped (empty or no code)", L.stats.dropped_empty + L.stats.dropped_no_key);
  if (L.stats.merged_features) ImGui::Text("%zu features merged into areas with the same code", L.stats.merged_features);
  for (const auto& r : data->reports) {
    ImGui::Separator();
    ImGui::TextWrapped("%s (key %s)", std::filesystem::path(r.table).filename().string().c_str(), r.key_field.c_str());
    bool full = r.matched == L.size() && r.rows_without_area.empty();
    ImGui::TextColored(full ? ImVec4(0.5f, 0.9f, 0.5f, 1) : ImVec4(1, 0.8f, 0.3f, 1), "matched %zu of %zu areas, %zu rows",
                       r.matched, L.size(), r.rows);
    first_few("areas without a row", r.areas_without_row);
    first_few("rows without an area", r.rows_without_area);
    first_few("duplicate codes", r.duplicate_keys);
    if (!r.key_kind_note.empty()) ImGui::TextWrapped("%s", r.key_kind_note.c_str());
  }
}

}  // namespace nbhd::view
