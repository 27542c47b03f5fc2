// Search: the query is run over the index built when the data loaded (SearchIndex, with the postcodes),
// only when it changes; Enter or a click zooms to the first (or the clicked) result and selects its areas.
#include <imgui.h>

#include <algorithm>

#include "app/viewer/panel_search.hpp"
#include "app/viewer/viewer.hpp"

namespace nbhd::view {

namespace {
constexpr size_t kMaxHits = 50;
constexpr double kPostcodeView = 400;  // metres shown around a postcode
}  // namespace

void SearchPanel::go_to(Viewer& v, const SearchHit& h) {
  if (h.entry < 0) {  // a postcode: its point, and the area containing it
    Point p = h.postcode.at;
    v.set_selection(h.area >= 0 ? std::vector<uint32_t>{uint32_t(h.area)} : std::vector<uint32_t>{});
    v.zoom_to(BBox{p.x - kPostcodeView / 2, p.y - kPostcodeView / 2, p.x + kPostcodeView / 2,
                   p.y + kPostcodeView / 2});
    return;
  }
  const SearchEntry& e = v.data->search.entries()[size_t(h.entry)];
  std::vector<uint32_t> sel = e.areas;
  std::sort(sel.begin(), sel.end());
  v.set_selection(std::move(sel));
  if (!e.bbox.empty()) v.zoom_to(e.bbox);
}

void SearchPanel::draw(Viewer& v) {
  if (!ImGui::CollapsingHeader("Search", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!v.data) return;
  if (focus_) {
    ImGui::SetKeyboardFocusHere();
    focus_ = false;
  }
  const char* hint = v.data->postcodes ? "code, name or postcode ( / )" : "code or name ( / )";
  bool enter =
      ImGui::InputTextWithHint("##search", hint, query_, sizeof query_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (searched_ != query_ || searched_in_ != v.data.get()) {
    searched_ = query_;
    searched_in_ = v.data.get();
    hits_ = v.data->search.search(searched_, kMaxHits, v.data->postcodes.get(), &v.data->pick);
  }
  if (v.data->postcodes && ImGui::IsItemHovered()) {  // what the postcode table gave, and what it skipped
    const PostcodeReadReport& r = v.data->postcode_report;
    ImGui::SetTooltip(
        "%zu postcodes from %s\nskipped: %zu terminated, %zu without coordinates, %zu out of "
        "range, %zu not postcodes, %zu repeated",
        r.indexed, v.data->sources.postcodes.c_str(), r.terminated, r.no_position, r.out_of_range, r.bad_postcode,
        r.duplicates);
  }
  bool blank = searched_.find_first_not_of(' ') == std::string::npos;
  int chosen = -1;
  if (enter && !hits_.empty()) chosen = 0;
  if (!blank && hits_.empty()) ImGui::TextUnformatted("no matches");
  if (ImGui::BeginChild("hits", ImVec2(0, blank || hits_.empty() ? 1.0f : 120.0f * v.ui_scale))) {
    for (size_t i = 0; i < hits_.size(); ++i) {
      ImGui::PushID(int(i));
      if (ImGui::Selectable(v.data->search.label(hits_[i]).c_str())) chosen = int(i);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  if (chosen >= 0) go_to(v, hits_[size_t(chosen)]);
}

}  // namespace nbhd::view
