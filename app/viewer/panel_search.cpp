// Search by code or name: type-ahead over every area (a lower-case substring scan of ~35k strings is well
// under a millisecond), Enter or a click jumps to the area and selects it.
#include <imgui.h>

#include "app/viewer/viewer.hpp"
#include "base/text.hpp"

namespace nbhd::view {

void Viewer::panel_search() {
  if (!ImGui::CollapsingHeader("Search", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!data) return;
  if (focus_search) {
    ImGui::SetKeyboardFocusHere();
    focus_search = false;
  }
  bool enter = ImGui::InputTextWithHint("##search", "code or name ( / )", search_buf, sizeof search_buf,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  std::string q = lower(search_buf);
  search_hits.clear();
  if (!q.empty()) {
    for (size_t i = 0; i < data->search_text.size() && search_hits.size() < 50; ++i)
      if (data->search_text[i].find(q) != std::string::npos) search_hits.push_back(uint32_t(i));
  }
  int chosen = -1;
  if (enter && !search_hits.empty()) chosen = int(search_hits.front());
  if (ImGui::BeginChild("hits", ImVec2(0, q.empty() ? 1.0f : 120.0f))) {
    for (uint32_t i : search_hits)
      if (ImGui::Selectable(area_label(int(i)).c_str())) chosen = int(i);
  }
  ImGui::EndChild();
  if (chosen >= 0) {
    select_area(chosen, false);
    zoom_to(bbox_of(data->layer.geoms[size_t(chosen)]));
  }
}

}  // namespace nbhd::view
