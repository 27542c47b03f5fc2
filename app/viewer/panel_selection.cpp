// The Selection panel (panel_selection.hpp): the selected areas' values and ranks, zoom to the selection.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/viewer/panel_selection.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"

namespace nbhd::view {

std::vector<ValueRow> value_rows(const ViewData& d, uint32_t a, const Table* derived) {
  std::vector<ValueRow> rows;
  const auto& L = d.layer;
  const Column* group = d.group_column.empty() ? nullptr : &L.attrs.col(*L.attrs.find(d.group_column));
  std::vector<const Column*> cols;
  for (const auto& c : L.attrs.cols())
    if (!derived || !derived->find(c.name)) cols.push_back(&c);
  if (derived)
    for (const auto& c : derived->cols()) cols.push_back(&c);
  for (const Column* cp : cols) {
    const Column& c = *cp;
    ValueRow r;
    r.column = c.name;
    r.value = c.cell(a);
    r.numeric = c.numeric();
    if (r.numeric && !std::isnan(c.num[a])) {
      // Rank 1 = the highest value (IMD scores: the most deprived; IMD ranks: read it the other way).
      double v = c.num[a];
      for (size_t j = 0; j < c.num.size(); ++j) {
        double u = c.num[j];
        if (std::isnan(u)) continue;
        r.of++;
        r.rank += u > v;
        if (group && group->text[j] == group->text[a] && !group->text[a].empty()) {
          r.local_of++;
          r.local_rank += u > v;
        }
      }
      r.rank++;
      if (r.local_of) r.local_rank++;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

namespace {
// At a parent level: the loaded areas a selected one is made of (a ward's LSOAs). A click shows the loaded
// level with that area selected.
void draw_children(Viewer& v, uint32_t a) {
  const LevelMade& m = v.data->level;
  if (m.label.empty() || a >= m.children.size() || !v.base) return;
  const auto& kids = m.children[a];
  ImGui::Text("%zu %s:", kids.size(), m.child_word.c_str());
  float rows = float(std::min<size_t>(kids.size(), 8));
  if (!ImGui::BeginListBox("##children", ImVec2(-1, ImGui::GetTextLineHeightWithSpacing() * (rows + 0.25f))))
    return;
  const AreaLayer& B = v.base->layer;
  int chosen = -1;
  ImGuiListClipper clip;
  clip.Begin(int(kids.size()));
  while (clip.Step())
    for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
      uint32_t c = kids[size_t(k)];
      std::string label = B.codes[c] + (B.names[c].empty() ? "" : "  " + B.names[c]);
      if (ImGui::Selectable(label.c_str(), false)) chosen = int(c);
      note_item("selection.child." + std::to_string(k));
    }
  ImGui::EndListBox();
  if (chosen >= 0 && v.set_level(0)) {
    v.select_area(chosen, false);
    v.zoom_to(bbox_of(B.geoms[size_t(chosen)]));
  }
}
}  // namespace

void SelectionPanel::selection_changed(const Viewer& v) {
  rows_.clear();
  if (v.data)
    for (uint32_t i : v.selection) rows_.push_back(value_rows(*v.data, i, &v.derived.table()));
}

void SelectionPanel::draw(Viewer& v) {
  if (!ImGui::CollapsingHeader("Selection", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (v.selection.empty()) {
    ImGui::TextDisabled("click an area (shift-click adds)");
    return;
  }
  if (ImGui::Button("Zoom to selection")) {
    BBox b;
    for (uint32_t i : v.selection) b.expand(bbox_of(v.data->layer.geoms[i]));
    v.zoom_to(b);
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear")) v.set_selection({});
  // A few areas open with their values; a larger selection (a ward's LSOAs, a brief's list) starts as one
  // line per area, or its rows (about 20 each) would push every panel below it off the screen.
  const ImGuiTreeNodeFlags open = v.selection.size() <= 3 ? ImGuiTreeNodeFlags_DefaultOpen : 0;
  for (size_t s = 0; s < v.selection.size() && s < rows_.size(); ++s) {
    ImGui::PushID(int(s));
    if (ImGui::TreeNodeEx(v.area_label(int(v.selection[s])).c_str(), open)) {
      if (ImGui::BeginTable("vals", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("column");
        ImGui::TableSetupColumn("value");
        ImGui::TableSetupColumn(v.data->group_column.empty() ? "rank" : "rank / local");
        ImGui::TableHeadersRow();
        for (const auto& r : rows_[s]) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          if (r.column == v.spec.column)
            ImGui::TextColored(ImVec4(0.4f, 0.8f, 1, 1), "%s", r.column.c_str());
          else
            ImGui::TextUnformatted(r.column.c_str());
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
      draw_children(v, v.selection[s]);
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  ImGui::TextDisabled("rank 1 = highest value");
}

}  // namespace nbhd::view
