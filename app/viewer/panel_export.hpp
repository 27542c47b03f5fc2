#pragma once
// The Export panel: the current view through the same renderer and layout as `nbhd render` (PNG/SVG/PDF
// with title, legend, scale bar, north arrow and attribution), on a worker thread while the UI stays live.
#include <future>
#include <string>

#include "app/viewer/panel_atlas.hpp"
#include "app/viewer/panel_brief.hpp"
#include "app/viewer/screen_rect.hpp"
#include "render/export/export.hpp"
#include "render/scene/scene.hpp"

namespace nbhd::view {

class Viewer;

// What an export job reports when done: its message and where the map landed in the image.
struct ExportDone {
  std::string msg;
  bool ok = false;
  std::string path;
  PixelTransform world_to_px;  // PNG pixels (SVG/PDF: the page at its raster resolution)
  BBox extent;                 // what the map was asked to show (nbhd render --bbox draws the same)
  BBox visible;                // world extent of the map frame
  ScreenRect frame_px;         // the map frame in the image
  int width_px = 0, height_px = 0;
};

class ExportPanel {
 public:
  void draw(Viewer& v);
  // Starts exporting the current view to `path` (the button and the script's `export`); the job holds the
  // data it reads. Does nothing while an export runs or nothing is loaded.
  void start(const Viewer& v, const std::string& path, const PageSpec& page, bool layout);
  // Takes a finished export's (or brief's) result; true when one arrived.
  bool poll();
  // An export, an atlas or a brief is running (the script's wait-export waits for all of them).
  bool busy() const { return job_.valid() || atlas_.busy() || brief_.busy(); }
  const AtlasSection& atlas() const { return atlas_; }
  BriefButton& brief() { return brief_; }
  const BriefButton& brief() const { return brief_; }
  const std::string& message() const { return msg_; }
  void set_message(std::string m) { msg_ = std::move(m); }
  const ExportDone& last() const { return last_; }

 private:
  char path_[512] = "nbhd_map.png";
  char title_[256] = "";
  int width_ = 2480, height_ = 3508;
  int paper_ = 0;  // 0 pixels, 1 A4, 2 A3
  int dpi_ = 300;
  bool landscape_ = false, layout_ = true;
  std::future<ExportDone> job_;  // std::async: a running export is waited for when the panel goes
  std::string msg_;
  ExportDone last_;
  AtlasSection atlas_;
  BriefButton brief_;  // the selection's brief (render/brief), beside the map exports
};

}  // namespace nbhd::view
