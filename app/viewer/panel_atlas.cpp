// The Export panel's Atlas section (panel_atlas.hpp).
#include "app/viewer/panel_atlas.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <filesystem>

#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"
#include "render/atlas/atlas.hpp"

namespace nbhd::view {

namespace {

// A field that groups the areas: the first "..._code" field other than the areas' own key, preferring
// local authorities (fewer, larger pages) when there are several.
std::string default_grouping(const AreaLayer& L) {
  std::string found;
  for (const auto& c : L.attrs.cols()) {
    const std::string& n = c.name;
    if (n == L.key_field || n.size() < 6 || n.compare(n.size() - 5, 5, "_code") != 0) continue;
    if (n.rfind("ltla", 0) == 0 || n.rfind("lad", 0) == 0) return n;
    if (found.empty()) found = n;
  }
  return found;
}

}  // namespace

bool AtlasSection::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  msg_ = job_.get();
  return true;
}

void AtlasSection::start(const Viewer& v, const std::string& by, const std::string& out, const PageSpec& page,
                         bool local_breaks) {
  if (!v.data || job_.valid()) return;
  try {
    auto o = std::make_shared<AtlasOptions>();
    o->style = v.spec;
    o->by = by;
    o->local_breaks = local_breaks;
    o->page = page;
    o->out = out;
    o->overwrite = true;  // the planner typed the name: as the Export button, it replaces the file
    o->format = std::filesystem::path(out).extension() == ".pdf" ? AtlasFormat::Pdf : AtlasFormat::Png;
    o->doc.labels = v.labels;
    for (size_t i = 0; i < v.data->outlines.size(); ++i)
      if (v.style_panel.outline_shown(i))
        o->outlines.push_back({&v.data->outlines[i].layer, v.data->sources.outlines[i], ""});
    check_atlas_output(*o);
    plan_atlas(v.data->layer, *o);  // an unknown field is refused here, before the job starts
    auto extra = std::make_shared<Table>(v.derived.table());
    progress_ = std::make_shared<Progress>();
    o->progress = [p = progress_](double f, std::string_view) {
      p->fraction = f;
      return !p->cancel.load();
    };
    msg_ = "writing the atlas " + out;
    // The options point into the data (outline layers): the job holds the data until it ends.
    job_ = std::async(std::launch::async, [o, extra, keep = v.data]() -> std::string {
      std::string msg;
      try {
        AtlasResult r = write_atlas(keep->layer, *o, extra->cols().empty() ? nullptr : extra.get());
        msg = "wrote " + o->out.string() + " (" + std::to_string(r.plan.pages()) +
              " pages: " + std::to_string(r.plan.groups.size()) + " groups and contents)";
      } catch (const Cancelled&) {
        msg = "atlas cancelled; nothing was written";
      } catch (const std::exception& e) {
        msg = std::string("atlas failed: ") + e.what();
      }
      glfwPostEmptyEvent();  // wake an idle UI thread to show the result
      return msg;
    });
  } catch (const std::exception& e) {
    msg_ = std::string("atlas failed: ") + e.what();
  }
}

void AtlasSection::draw(Viewer& v, const PageSpec& page) {
  if (poll()) v.dirty = true;
  if (!v.data) return;
  ImGui::Separator();
  ImGui::TextUnformatted("Atlas: a page per group");
  if (!by_[0]) {
    std::string d = default_grouping(v.data->layer);
    d.copy(by_, sizeof by_ - 1);
  }
  ImGui::InputText("group by field", by_, sizeof by_);
  note_item("export.atlas.by");
  ImGui::InputText("atlas file (.pdf) or folder (PNG pages)", out_, sizeof out_);
  note_item("export.atlas.file");
  ImGui::Checkbox("local breaks (each page its own classes)", &local_);
  note_item("export.atlas.local");
  bool running = job_.valid();
  if (running) {
    ImGui::ProgressBar(float(progress_->fraction.load()), ImVec2(-80, 0));
    ImGui::SameLine();
    if (ImGui::Button("Cancel###export-atlas-cancel")) cancel();
    note_item("export.atlas.cancel");
    v.dirty = true;  // keep the bar moving
  } else {
    bool go = ImGui::Button("Atlas###export-atlas");
    note_item("export.atlas.button");
    if (go) start(v, by_, out_, page, local_);
  }
  if (!msg_.empty()) ImGui::TextWrapped("%s", msg_.c_str());
}

}  // namespace nbhd::view
