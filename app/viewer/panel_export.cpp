// Export the current view through the same renderer and layout as `nbhd render` (PNG/SVG/PDF with
// title, legend, scale bar, north arrow and attribution). Runs on a worker thread; the UI stays live.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "render/export/export.hpp"

namespace nbhd::view {

void Viewer::poll_export() {
  if (export_job.valid() && export_job.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    export_last = export_job.get();
    export_msg = export_last.msg;
    dirty = true;
  }
}

void Viewer::start_export(const std::string& out, const PageSpec& page, bool layout) {
  if (!data || export_job.valid()) return;
  try {
    auto doc = std::make_shared<MapDocument>();
    doc->areas = &data->layer.geoms;
    doc->crs = data->layer.working_crs;
    doc->fills = style.fills;
    doc->legend = style.legend;
    doc->no_data = style.no_data;
    doc->bivariate = style.bivariate;
    doc->extent = cam.visible();
    size_t visible = 0;
    for (const auto& g : data->layer.geoms) visible += bbox_of(g).intersects(doc->extent);
    doc->border_width_pt = visible > 4000 ? 0.0 : 0.2;
    doc->selection = selection;
    for (size_t i = 0; i < data->outlines.size(); ++i)
      if (outline_on[i]) doc->outlines.push_back({data->outlines[i].label, &data->outlines[i].layer.geoms});
    doc->title = export_title[0]
                     ? export_title
                     : spec.column + (data->layer.code_kind.empty() ? "" : " by " + data->layer.code_kind);
    doc->legend_title = doc->bivariate ? "" : spec.column;
    ExportOptions eo;
    eo.layout = layout;
    export_msg = "exporting " + out;
    // The document points into the data (areas, outlines): the job holds the data until it ends.
    export_job = std::async(std::launch::async, [doc, keep = data, page, out, eo]() -> ExportDone {
      ExportDone d;
      d.path = out;
      try {
        ExportResult r = export_map(*doc, page, out, eo);
        d.ok = true;
        d.msg = "wrote " + out + " (" + std::to_string(r.page.width_px) + "x" +
                std::to_string(r.page.height_px) + " px)";
        const PixelTransform& t = r.layout.world_to_pt;
        double k = r.page.px_per_pt;
        d.world_to_px = {t.scale * k, t.ox * k, t.oy * k};
        d.visible = r.layout.visible;
        const RectPt& f = r.layout.frame;
        d.frame_px = {float(f.x * k), float(f.y * k), float((f.x + f.w) * k), float((f.y + f.h) * k)};
        d.width_px = r.page.width_px, d.height_px = r.page.height_px;
      } catch (const std::exception& e) {
        d.msg = std::string("export failed: ") + e.what();
      }
      glfwPostEmptyEvent();  // wake an idle UI thread to show the result
      return d;
    });
  } catch (const std::exception& e) {
    export_msg = std::string("export failed: ") + e.what();
  }
}

void Viewer::panel_export() {
  poll_export();  // also when the section is closed: the message waits for whoever opens it
  bool open = ImGui::CollapsingHeader("Export");
  note_item("export.header");
  if (!open || !data) return;
  ImGui::InputText("file (.png/.svg/.pdf)", export_path, sizeof export_path);
  note_item("export.file");
  ImGui::InputText("title", export_title, sizeof export_title);
  note_item("export.title");
  static const char* const kSizes[] = {"pixels", "A4", "A3"};
  export_paper = std::clamp(export_paper, 0, 2);
  if (ImGui::BeginCombo("size", kSizes[export_paper])) {
    for (int i = 0; i < 3; ++i) {
      if (ImGui::Selectable(kSizes[i], i == export_paper)) export_paper = i;
      note_item(std::string("export.size.") + kSizes[i]);
    }
    ImGui::EndCombo();
  }
  note_item("export.size");
  if (export_paper == 0) {
    ImGui::InputInt("width px", &export_w);
    note_item("export.width");
    ImGui::InputInt("height px", &export_h);
    note_item("export.height");
  } else {
    ImGui::InputInt("dpi", &export_dpi);
    note_item("export.dpi");
    ImGui::Checkbox("landscape", &export_landscape);
    note_item("export.landscape");
  }
  ImGui::Checkbox("legend, title, scale bar, north arrow", &export_layout);
  note_item("export.layout");
  bool running = export_job.valid();
  ImGui::BeginDisabled(running);
  // Its own ID: a plain "Export" is the header's ID too, and a click on the button went to the header.
  bool go = ImGui::Button(running ? "exporting...###export-run" : "Export###export-run");
  note_item("export.button");
  if (go) {
    // Out-of-range sizes are refused in the dialog's own words, not clamped behind the planner's back.
    if (export_paper == 0 &&
        (std::min(export_w, export_h) < kMinImagePx || std::max(export_w, export_h) > kMaxImagePx)) {
      export_msg = "export failed: width and height must be " + std::to_string(kMinImagePx) + " to " +
                   std::to_string(kMaxImagePx) + " px (asked " + std::to_string(export_w) + " x " +
                   std::to_string(export_h) + ")";
    } else if (export_paper != 0 && (export_dpi < kMinDpi || export_dpi > kMaxDpi)) {
      export_msg = "export failed: dpi must be " + std::to_string(int(kMinDpi)) + " to " +
                   std::to_string(int(kMaxDpi)) + " (asked " + std::to_string(export_dpi) + ")";
    } else {
      try {
        PageSpec page = export_paper == 0
                            ? page_from_pixels(export_w, export_h)
                            : page_from_paper(export_paper == 1 ? "A4" : "A3", export_dpi, export_landscape);
        start_export(export_path, page, export_layout);
      } catch (const std::exception& e) {
        export_msg = std::string("export failed: ") + e.what();
      }
    }
  }
  ImGui::EndDisabled();
  if (!export_msg.empty()) ImGui::TextWrapped("%s", export_msg.c_str());
}

}  // namespace nbhd::view
