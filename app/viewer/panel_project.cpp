// The Project panel (panel_project.hpp): save, open, relocate moved data files, and the part of an opened
// project that waits for its data.
#include "app/viewer/panel_project.hpp"

#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "app/viewer/viewer.hpp"
#include "geo/tables/load_and_join.hpp"

namespace nbhd::view {

namespace {
bool exists(const std::string& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}
}  // namespace

void ProjectPanel::save(const Viewer& v, const std::string& path) {
  if (!v.data) return;
  std::string p = path;
  if (p.size() < 10 || p.substr(p.size() - 10) != ".nbhd.json") p += ".nbhd.json";
  try {
    write_project(p, capture(v));
    msg_ = "saved " + p;
  } catch (const std::exception& e) {
    msg_ = e.what();
  }
}

void ProjectPanel::opened(const Project& p) {
  awaiting_ = p;
  missing_ = p.missing;
  relocate_to_.assign(p.missing.size(), {});
  for (size_t i = 0; i < p.missing.size(); ++i)
    std::snprintf(relocate_to_[i].data(), relocate_to_[i].size(), "%s", p.missing[i].c_str());
  msg_ = missing_files_message(p.missing);
}

void ProjectPanel::set_path(const std::string& path) {
  std::snprintf(path_, sizeof path_, "%s", path.c_str());
}

void ProjectPanel::data_arrived(Viewer& v) {
  if (!awaiting_) return;
  Project p = std::move(*awaiting_);
  awaiting_.reset();
  if (p.centre && p.mpp > 0) {
    v.cam.centre = *p.centre;
    v.cam.mpp = p.mpp;
  }
  std::vector<uint32_t> sel;
  std::vector<std::string> unknown;
  for (const auto& c : p.selection) {
    size_t i = v.data->layer.index_of(c);
    if (i == static_cast<size_t>(-1))
      unknown.push_back(c);
    else
      sel.push_back(uint32_t(i));
  }
  v.assets.set_hidden(v, p.hidden_categories);
  if (!sel.empty()) v.set_selection(sel);
  if (!unknown.empty())
    msg_ = std::to_string(unknown.size()) + " selected code(s) not in the data, e.g. " + unknown[0];
}

void ProjectPanel::relocate(const std::string& from, const std::string& to) {
  for (size_t i = 0; i < missing_.size(); ++i)
    if (missing_[i] == from) std::snprintf(relocate_to_[i].data(), relocate_to_[i].size(), "%s", to.c_str());
}

void ProjectPanel::load_relocated(Viewer& v) {
  auto swap = [&](std::string& p) {
    for (size_t i = 0; i < missing_.size(); ++i)
      if (auto ts = parse_table_spec(p); ts.path == missing_[i]) {
        p = relocate_to_[i].data();
        if (!ts.key.empty()) p += ":" + ts.key;  // a table keeps its key column
        return;
      }
  };
  std::vector<std::string> still;
  for (size_t i = 0; i < missing_.size(); ++i)
    if (!exists(relocate_to_[i].data())) still.push_back(relocate_to_[i].data());
  if (!still.empty()) {
    msg_ = "still missing: " + still[0] + "; type the path of the file as it is now";
    return;
  }
  Sources s = v.sources;
  swap(s.boundaries);
  for (auto& t : s.indicators) swap(t);
  for (auto& t : s.outlines) swap(t);
  for (auto& t : s.assets) swap(t);
  if (!s.postcodes.empty()) swap(s.postcodes);
  missing_.clear();
  relocate_to_.clear();
  msg_.clear();
  v.load(s);
}

void ProjectPanel::draw(Viewer& v) {
  if (!ImGui::CollapsingHeader("Project", missing_.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!missing_.empty()) {
    ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "missing data files: type their new paths");
    for (size_t i = 0; i < missing_.size(); ++i) {
      ImGui::PushID(int(i));
      ImGui::TextWrapped("%s", missing_[i].c_str());
      ImGui::InputText("##to", relocate_to_[i].data(), relocate_to_[i].size());
      ImGui::PopID();
    }
    if (ImGui::Button("Load")) load_relocated(v);
  }
  ImGui::InputTextWithHint("##session", "project.nbhd.json", path_, sizeof path_);
  ImGui::SameLine();
  if (ImGui::Button("Save") && path_[0] && v.data) save(v, path_);
  ImGui::SameLine();
  if (ImGui::Button("Open...")) v.files.open(FileRole::Project);
  if (!msg_.empty()) ImGui::TextWrapped("%s", msg_.c_str());
}

}  // namespace nbhd::view
