// The Export panel (panel_export.hpp).
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "app/viewer/panel_export.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "render/document/build_map_document.hpp"
#include "render/export/export.hpp"

namespace nbhd::view {

bool ExportPanel::poll() {
  atlas_.poll();
  if (brief_.poll()) return true;
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  last_ = job_.get();
  msg_ = last_.msg;
  return true;
}

void ExportPanel::start(const Viewer& v, const std::string& out, const PageSpec& page, bool layout) {
  if (!v.data || job_.valid()) return;
  try {
    MapDocumentOptions mo;
    mo.column = v.spec.column;
    mo.bbox = v.cam.visible();
    mo.layout = layout;
    if (title_[0]) mo.title = title_;
    if (auto t = v.gaps.legend_title(v.spec.column); !t.empty())
      mo.legend_title = t;  // what was counted, within D
    mo.selection = v.selection;
    mo.labels = v.labels;
    if (v.basemap_shown()) {  // the same basemap and opacity as nbhd render --basemap
      mo.basemap = v.data->sources.basemap;
      mo.basemap_opacity = v.basemap_opacity;
    }
    std::vector<MapOutline> outlines;
    for (size_t i = 0; i < v.data->outlines.size(); ++i)
      if (v.style_panel.outline_shown(i))
        outlines.push_back({&v.data->outlines[i].layer, v.data->sources.outlines[i]});
    auto doc =
        std::make_shared<MapDocument>(build_map_document(v.data->layer, v.style, outlines, nullptr, mo));
    ExportOptions eo;
    eo.layout = layout;
    // The HTML page's tooltips: each area's code, name, mapped value(s) and class, as the map styles them.
    std::shared_ptr<HtmlTooltips> tips;
    if (std::filesystem::path(out).extension() == ".html") {
      tips =
          std::make_shared<HtmlTooltips>(html_tooltips(v.data->layer, v.spec, v.style, &v.derived.table()));
      eo.html.tooltips = tips.get();
    }
    msg_ = "exporting " + out;
    // The document points into the data (areas, outline layers): the job holds the data until it ends.
    job_ = std::async(std::launch::async, [doc, keep = v.data, tips, page, out, eo]() -> ExportDone {
      ExportDone d;
      d.path = out;
      try {
        ExportResult r = export_map(*doc, page, out, eo);
        d.ok = true;
        d.msg = "wrote " + out + " (" +
                (r.format == "html"
                     ? std::to_string(r.html.bytes / 1024) + " KB"
                     : std::to_string(r.page.width_px) + "x" + std::to_string(r.page.height_px) + " px") +
                ")";
        const PixelTransform& t = r.layout.world_to_pt;
        double k = r.page.px_per_pt;
        d.world_to_px = {t.scale * k, t.ox * k, t.oy * k};
        d.extent = doc->extent;
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
    msg_ = std::string("export failed: ") + e.what();
  }
}

void ExportPanel::draw(Viewer& v) {
  if (poll()) v.dirty = true;  // also when the section is closed: the message waits for whoever opens it
  bool open = ImGui::CollapsingHeader("Export");
  note_item("export.header");
  if (!open || !v.data) return;
  ImGui::InputText("file (.png/.svg/.pdf/.html)", path_, sizeof path_);
  note_item("export.file");
  ImGui::InputText("title", title_, sizeof title_);
  note_item("export.title");
  static const char* const kSizes[] = {"pixels", "A4", "A3"};
  paper_ = std::clamp(paper_, 0, 2);
  if (ImGui::BeginCombo("size", kSizes[paper_])) {
    for (int i = 0; i < 3; ++i) {
      if (ImGui::Selectable(kSizes[i], i == paper_)) paper_ = i;
      note_item(std::string("export.size.") + kSizes[i]);
    }
    ImGui::EndCombo();
  }
  note_item("export.size");
  if (paper_ == 0) {
    ImGui::InputInt("width px", &width_);
    note_item("export.width");
    ImGui::InputInt("height px", &height_);
    note_item("export.height");
  } else {
    ImGui::InputInt("dpi", &dpi_);
    note_item("export.dpi");
    ImGui::Checkbox("landscape", &landscape_);
    note_item("export.landscape");
  }
  ImGui::Checkbox("legend, title, scale bar, north arrow", &layout_);
  note_item("export.layout");
  bool running = job_.valid();
  ImGui::BeginDisabled(running);
  // Its own ID: a plain "Export" is the header's ID too, and a click on the button went to the header.
  bool go = ImGui::Button(running ? "exporting...###export-run" : "Export###export-run");
  note_item("export.button");
  if (go) {
    // Out-of-range sizes are refused in the dialog's own words, not clamped behind the planner's back.
    if (paper_ == 0 && (std::min(width_, height_) < kMinImagePx || std::max(width_, height_) > kMaxImagePx)) {
      msg_ = "export failed: width and height must be " + std::to_string(kMinImagePx) + " to " +
             std::to_string(kMaxImagePx) + " px (asked " + std::to_string(width_) + " x " +
             std::to_string(height_) + ")";
    } else if (paper_ != 0 && (dpi_ < kMinDpi || dpi_ > kMaxDpi)) {
      msg_ = "export failed: dpi must be " + std::to_string(int(kMinDpi)) + " to " +
             std::to_string(int(kMaxDpi)) + " (asked " + std::to_string(dpi_) + ")";
    } else {
      try {
        PageSpec page = paper_ == 0 ? page_from_pixels(width_, height_)
                                    : page_from_paper(paper_ == 1 ? "A4" : "A3", dpi_, landscape_);
        start(v, path_, page, layout_);
      } catch (const std::exception& e) {
        msg_ = std::string("export failed: ") + e.what();
      }
    }
  }
  // The same view as one interactive page to share: the file's name with .html (hover, legend, pan, zoom).
  ImGui::SameLine();
  bool go_html = ImGui::Button("Export HTML###export-html");
  note_item("export.html");
  if (go_html) {
    std::filesystem::path p(path_);
    p.replace_extension(".html");
    start(v, p.string(), PageSpec{}, layout_);  // the page fits the browser's window: no size to give
  }
  ImGui::EndDisabled();
  if (!msg_.empty()) ImGui::TextWrapped("%s", msg_.c_str());
  // The atlas takes the paper chosen above; sized in pixels, A4 at 150 dpi.
  PageSpec atlas_page = page_from_paper("A4", 150, landscape_);
  if (paper_ != 0 && dpi_ >= kMinDpi && dpi_ <= kMaxDpi)
    atlas_page = page_from_paper(paper_ == 1 ? "A4" : "A3", dpi_, landscape_);
  brief_.draw(v, path_);
  atlas_.draw(v, atlas_page);
}

}  // namespace nbhd::view
