// Search by code or name: type-ahead over every area (a lower-case substring scan of ~35k strings is well
// under a millisecond), Enter or a click jumps to the area and selects it.
#include <imgui.h>

#include "app/viewer/panel_search.hpp"
#include "app/viewer/viewer.hpp"
#include "base/text.hpp"

namespace nbhd::view {

void SearchPanel::draw(Viewer& v) {
  if (!ImGui::CollapsingHeader("Search", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!v.data) return;
  if (focus_) {
    ImGui::SetKeyboardFocusHere();
    focus_ = false;
  }
  bool enter = ImGui::InputTextWithHint("##search", "code or name ( / )", query_, sizeof query_,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  std::string q = lower(query_);
  hits_.clear();
  if (!q.empty()) {
    for (size_t i = 0; i < v.data->search_text.size() && hits_.size() < 50; ++i)
      if (v.data->search_text[i].find(q) != std::string::npos) hits_.push_back(uint32_t(i));
  }
  int chosen = -1;
  if (enter && !hits_.empty()) chosen = int(hits_.front());
  if (ImGui::BeginChild("hits", ImVec2(0, q.empty() ? 1.0f : 120.0f))) {
    for (uint32_t i : hits_)
      if (ImGui::Selectable(v.area_label(int(i)).c_str())) chosen = int(i);
  }
  ImGui::EndChild();
  if (chosen >= 0) {
    v.select_area(chosen, false);
    v.zoom_to(bbox_of(v.data->layer.geoms[size_t(chosen)]));
  }
}

}  // namespace nbhd::view
