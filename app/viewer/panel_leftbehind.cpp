// The left-behind and change tabs (panel_leftbehind.hpp): the condition engine of `nbhd flag --where` and
// the change engine of `nbhd change`, on the loaded layer.
#include "app/viewer/panel_leftbehind.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"
#include "geo/stats/condition.hpp"

namespace nbhd::view {

namespace {

bool column_combo(const char* label, const Viewer& v, std::string* column) {
  bool changed = false;
  if (ImGui::BeginCombo(label, column->empty() ? "(choose)" : column->c_str())) {
    for (const auto& c : v.data->numeric_columns)
      if (ImGui::Selectable(c.c_str(), c == *column)) *column = c, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

Column numeric_column(std::string name, ColumnType type, std::vector<double> v) {
  Column c{std::move(name), type, {}, {}};
  c.num = std::move(v);
  return c;
}

}  // namespace

void LeftBehindPanel::unloading() {
  flagged_.clear();
  leaf_counts_.clear();
  evaluated_ = false;
  condition_error_.clear();
  change_.reset();
  change_error_.clear();
}

void LeftBehindPanel::apply_condition(Viewer& v) {
  flagged_.clear();
  leaf_counts_.clear();
  evaluated_ = false;
  condition_error_.clear();
  if (!v.data) return;
  try {
    Condition c = parse_condition(condition_);
    ConditionResult r = evaluate_condition(c, v.data->layer.attrs);
    for (size_t i = 0; i < r.pass.size(); ++i)
      if (r.pass[i]) flagged_.push_back(uint32_t(i));
    for (const auto& leaf : r.leaves) {
      size_t n = 0;
      for (char p : leaf.pass) n += p != 0;
      leaf_counts_.push_back({leaf.text, n});
    }
    evaluated_ = true;
  } catch (const std::exception& e) {
    condition_error_ = e.what();
  }
  Highlight h;
  if (evaluated_) {
    h.kind = Highlight::Areas;
    h.areas = flagged_;
  }
  v.set_highlight(std::move(h));
}

void LeftBehindPanel::draw_condition(Viewer& v) {
  ImGui::TextWrapped(
      "Areas that meet conditions on columns as published, for example:\n"
      "decile(\"Community Needs Index 2023 Rank\", 33755) = 1 AND IMD_decile = 1");
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", condition_.c_str());
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputTextMultiline(
      "##condition", buf, sizeof buf, ImVec2(-1, ImGui::GetTextLineHeight() * 4),
      ImGuiInputTextFlags_CtrlEnterForNewLine | ImGuiInputTextFlags_EnterReturnsTrue);
  condition_ = buf;
  note_item("stats.condition");
  if (ImGui::Button("Highlight") || enter) apply_condition(v);
  note_item("stats.condition.apply");
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    evaluated_ = false;
    flagged_.clear();
    if (v.highlight.kind == Highlight::Areas) v.set_highlight({});
  }
  if (!condition_error_.empty()) ImGui::TextWrapped("%s", condition_error_.c_str());
  if (!evaluated_) return;
  ImGui::Text("%zu of %zu areas meet the condition", flagged_.size(), v.data->layer.size());
  for (const auto& [text, n] : leaf_counts_) ImGui::BulletText("%s: %zu areas", text.c_str(), n);
  if (ImGui::BeginListBox("##flagged", ImVec2(-1, ImGui::GetTextLineHeightWithSpacing() * 8))) {
    ImGuiListClipper clip;
    clip.Begin(int(flagged_.size()));
    while (clip.Step())
      for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
        uint32_t a = flagged_[size_t(k)];
        bool sel = std::find(v.selection.begin(), v.selection.end(), a) != v.selection.end();
        if (ImGui::Selectable(v.area_label(int(a)).c_str(), sel)) {
          v.select_area(int(a), false);
          v.zoom_to(bbox_of(v.data->layer.geoms[a]));
        }
      }
    ImGui::EndListBox();
  }
}

void LeftBehindPanel::compute_change(Viewer& v) {
  change_.reset();
  change_error_.clear();
  if (!v.data) return;
  try {
    const auto& L = v.data->layer;
    auto period = [&](const char* label, const std::string& rank, const std::string& decile) {
      if (rank.empty() || decile.empty())
        throw Error(std::string("choose period ") + label + "'s rank and decile columns");
      Period p;
      p.label = std::string("period ") + label;
      p.codes = L.codes;
      p.rank = L.attrs.numeric(rank).num;
      p.decile = L.attrs.numeric(decile).num;
      return p;
    };
    ChangeResult r = compare_periods(period("A", rank_a_, decile_a_), period("B", rank_b_, decile_b_));
    const size_t n = L.size();
    std::unordered_map<std::string, size_t> row;
    for (size_t i = 0; i < n; ++i) row.emplace(L.codes[i], i);
    std::vector<double> rank(n, std::nan("")), decile(n, std::nan("")), entered(n, std::nan("")),
        left(n, std::nan(""));
    for (const auto& a : r.areas) {
      auto it = row.find(a.code);
      if (it == row.end()) continue;
      rank[it->second] = a.rank_change;
      decile[it->second] = a.decile_change;
      entered[it->second] = a.entered;
      left[it->second] = a.left;
    }
    std::vector<Column> cols;
    cols.push_back(numeric_column("change_rank", ColumnType::Real, std::move(rank)));
    cols.push_back(numeric_column("change_decile", ColumnType::Integer, std::move(decile)));
    cols.push_back(numeric_column("change_entered", ColumnType::Integer, std::move(entered)));
    cols.push_back(numeric_column("change_left", ColumnType::Integer, std::move(left)));
    change_ = std::move(r);
    v.set_derived("change", std::move(cols));
    // Mapped as `nbhd render --column decile_change --centre 0 --classes 7`: RdBu, red = more deprived now.
    v.spec.column = "change_decile";
    v.spec.method =
        ClassifyMethod::EqualInterval;  // what the Style panel shows: the classes are equal widths
    v.spec.centre = 0;
    v.spec.classes = 7;
    v.spec.palette = "RdBu";  // the centred default, named so the Style panel shows it
    v.spec.bivariate.clear();
    v.spec.reverse = false;
    v.restyle();
  } catch (const std::exception& e) {
    change_error_ = e.what();
  }
}

void LeftBehindPanel::draw_change(Viewer& v) {
  ImGui::TextWrapped(
      "Two periods of a ranked indicator on the open areas (for example IMD 2019 brought to LSOA 2021, "
      "and IMD 2025): rank 1 and decile 1 are the most deprived.");
  column_combo("rank A", v, &rank_a_);
  column_combo("decile A", v, &decile_a_);
  column_combo("rank B", v, &rank_b_);
  column_combo("decile B", v, &decile_b_);
  if (ImGui::Button("Compare")) compute_change(v);
  note_item("stats.change.run");
  if (!change_error_.empty()) ImGui::TextWrapped("%s", change_error_.c_str());
  if (!change_) return;
  const ChangeResult& r = *change_;
  const auto& h = r.national;
  ImGui::TextWrapped(
      "%zu areas compared (%zu in A only, %zu in B only). Of B's %zu most deprived decile, %zu "
      "(%.1f%%) were most deprived in A.",
      r.compared, r.only_a.size(), r.only_b.size(), h.top_b, h.top_b_was_top_a,
      h.top_b ? 100.0 * double(h.top_b_was_top_a) / double(h.top_b) : 0.0);
  ImGui::Checkbox("row shares (%)", &shares_);
  // Four-digit national counts in eleven columns: a smaller type keeps the matrix within the window.
  ImGui::SetWindowFontScale(0.85f);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(2, 1));
  if (ImGui::BeginTable("##transition", 11, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableSetupColumn("A\\B", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("10").x + 4);
    for (int b = 1; b <= 10; ++b) ImGui::TableSetupColumn(std::to_string(b).c_str());
    ImGui::TableHeadersRow();
    for (int a = 0; a < 10; ++a) {
      size_t row_total = 0;
      for (size_t c : r.transition[size_t(a)]) row_total += c;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", a + 1);
      for (int b = 0; b < 10; ++b) {
        ImGui::TableNextColumn();
        size_t c = r.transition[size_t(a)][size_t(b)];
        if (a == b) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(80, 80, 120, 255));
        if (shares_)
          ImGui::Text("%.0f", row_total ? 100.0 * double(c) / double(row_total) : 0.0);
        else
          ImGui::Text("%zu", c);
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
  ImGui::SetWindowFontScale(1.0f);
}

std::string LeftBehindPanel::set_option(Viewer& v, const std::string& name, const std::string& value) {
  if (name == "condition") {
    condition_ = value;
    apply_condition(v);
  } else if (name == "rank-a") {
    rank_a_ = value;
  } else if (name == "decile-a") {
    decile_a_ = value;
  } else if (name == "rank-b") {
    rank_b_ = value;
  } else if (name == "decile-b") {
    decile_b_ = value;
  } else {
    return "unknown statistics option '" + name + "'";
  }
  return "";
}

nlohmann::json LeftBehindPanel::dump(const Viewer& v) const {
  nlohmann::json j;
  j["condition"] = condition_;
  j["condition_error"] = condition_error_;
  nlohmann::json codes = nlohmann::json::array();
  if (v.data && evaluated_)
    for (uint32_t a : flagged_) codes.push_back(v.data->layer.codes[a]);
  j["flagged"] = codes;
  j["change_error"] = change_error_;
  if (change_) {
    j["compared"] = change_->compared;
    j["transition"] = change_->transition;
    j["headline"] = {{"top_b", change_->national.top_b},
                     {"top_b_was_top_a", change_->national.top_b_was_top_a},
                     {"top_a", change_->national.top_a}};
  }
  return j;
}

}  // namespace nbhd::view
