// The selected area(s): every joined value, with its rank nationally (among all loaded areas) and locally
// (within the area's local authority, when the layer says which that is). Zoom to the selection.
#include <imgui.h>

#include "app/viewer/viewer.hpp"

namespace nbhd::view {

void Viewer::panel_selection() {
  if (!ImGui::CollapsingHeader("Selection", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (selection.empty()) {
    ImGui::TextDisabled("click an area (shift-click adds)");
    return;
  }
  if (ImGui::Button("Zoom to selection")) {
    BBox b;
    for (uint32_t i : selection) b.expand(bbox_of(data->layer.geoms[i]));
    zoom_to(b);
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear")) set_selection({});
  for (size_t s = 0; s < selection.size() && s < selection_rows.size(); ++s) {
    ImGui::PushID(int(s));
    if (ImGui::TreeNodeEx(area_label(int(selection[s])).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
      if (ImGui::BeginTable("vals", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("column");
        ImGui::TableSetupColumn("value");
        ImGui::TableSetupColumn(data->group_column.empty() ? "rank" : "rank / local");
        ImGui::TableHeadersRow();
        for (const auto& r : selection_rows[s]) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          if (r.column == spec.column) ImGui::TextColored(ImVec4(0.4f, 0.8f, 1, 1), "%s", r.column.c_str());
          else ImGui::TextUnformatted(r.column.c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(r.value.empty() ? "-" : r.value.c_str());
          ImGui::TableNextColumn();
          if (r.numeric && r.of) {
            if (r.local_of)
              ImGui::Text("%lld/%lld  %lld/%lld", r.rank, r.of, r.local_rank, r.local_of);
            else
              ImGui::Text("%lld/%lld", r.rank, r.of);
          }
        }
        ImGui::EndTable();
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  ImGui::TextDisabled("rank 1 = highest value");
}

}  // namespace nbhd::view
