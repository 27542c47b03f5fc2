// The Export panel's Brief button (panel_brief.hpp).
#include "app/viewer/panel_brief.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <filesystem>

#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"
#include "geo/tables/load_and_join.hpp"
#include "render/brief/brief.hpp"

namespace nbhd::view {

BriefButton::~BriefButton() {
  cancel();  // the future's destructor then waits for the job's next poll
}

void BriefButton::cancel() {
  if (cancel_) cancel_->store(true);
}

bool BriefButton::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  msg_ = job_.get();
  return true;
}

void BriefButton::start(const Viewer& v, const std::string& pdf) {
  if (!v.data || job_.valid()) return;
  if (v.selection.empty()) {
    msg_ = "brief failed: select one or more areas first";
    return;
  }
  const ViewData& d = *v.data;
  BriefOptions o;
  for (uint32_t a : v.selection)
    if (a < d.layer.size()) o.areas.push_back(d.layer.codes[a]);
  // Key figures: the mapped column and, on a bivariate map, its second column and their dual disadvantage
  // (the direction of each from the column metadata, as the map's legend takes it).
  auto numeric = [&](const std::string& c) {
    auto k = d.layer.attrs.find(c);
    return !c.empty() && k && d.layer.attrs.col(*k).numeric();
  };
  if (numeric(v.spec.column)) o.columns.push_back({v.spec.column, std::nullopt});
  if (numeric(v.spec.bivariate)) {
    o.columns.push_back({v.spec.bivariate, std::nullopt});
    o.flag_a = o.columns[0];
    o.flag_b = o.columns[1];
  }
  o.labels = v.labels;
  for (const auto& a : d.asset_layers) o.assets.push_back(&a);
  if (!o.assets.empty() && numeric(v.gaps.denominator())) o.per = v.gaps.denominator();
  o.inputs.push_back(d.sources.boundaries);
  for (const auto& t : d.sources.indicators) o.inputs.push_back(parse_table_spec(t).path);
  for (const auto& a : d.sources.assets) o.inputs.push_back(a);
  o.command_line = "nbhd view (Export panel, Brief)";
  o.overwrite = true;  // the panel's file box is the planner's explicit choice, as Export's
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  progress_ = std::make_shared<std::atomic<float>>(0.0f);
  o.progress = [stop = cancel_, prog = progress_](double f, std::string_view) {
    prog->store(float(f));
    return !stop->load();
  };
  msg_ = "writing the brief " + pdf;
  // The options point into the data (assets): the job holds the data until it ends.
  job_ = std::async(std::launch::async, [o = std::move(o), keep = v.data, pdf]() -> std::string {
    std::string m;
    try {
      BriefResult r = write_brief(keep->layer, o, pdf);
      m = "wrote " + pdf + " (" + std::to_string(r.pages) + (r.pages == 1 ? " page" : " pages") + ")";
    } catch (const Cancelled&) {
      m = "brief cancelled";
    } catch (const std::exception& e) {
      m = std::string("brief failed: ") + e.what();
    }
    glfwPostEmptyEvent();  // wake an idle UI thread to show the result
    return m;
  });
}

void BriefButton::draw(Viewer& v, const std::string& map_path) {
  if (poll()) v.dirty = true;
  if (job_.valid()) {
    ImGui::ProgressBar(progress_ ? progress_->load() : 0.0f, ImVec2(-80, 0), "brief...");
    ImGui::SameLine();
    if (ImGui::Button("Cancel###brief-cancel")) cancel();
    note_item("export.brief.cancel");
  } else {
    ImGui::BeginDisabled(v.selection.empty());
    bool go = ImGui::Button("Brief###export-brief");
    ImGui::EndDisabled();
    note_item("export.brief");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", v.selection.empty() ? "select areas first: one brief page each"
                                                  : "an A4 PDF brief of the selected areas, as nbhd brief");
    if (go) {
      std::filesystem::path p(map_path);
      start(v, (p.parent_path() / (p.stem().string() + "-brief.pdf")).string());
    }
  }
  if (!msg_.empty()) ImGui::TextWrapped("%s", msg_.c_str());
}

}  // namespace nbhd::view
