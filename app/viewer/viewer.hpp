#pragma once
// The interactive viewer's state and its parts. The data model (ViewData, MapStyle, Camera, PickIndex)
// knows nothing of ImGui; each panel is one file implementing one Viewer member (panel_*.cpp), the
// canvas (navigation, hover, picking) is map_canvas.cpp and the window/loop is viewer_app.cpp.
#include <array>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/map_style.hpp"
#include "app/viewer/camera.hpp"
#include "app/viewer/loader.hpp"
#include "app/viewer/script.hpp"
#include "render/map_cache.hpp"
#include "render/scene.hpp"

struct GLFWwindow;

namespace nbhd::view {

// What lights up on the map besides the selection: a legend class, a brushed value range, or the
// areas in the worst share of two indicators. Everything else is faded.
struct Highlight {
  enum Kind { None, LegendClass, Brush, Dual } kind = None;
  int legend_class = -1;
  double lo = 0, hi = 0;  // Brush: the value range
  double dual_share = 0.10;
  std::string dual_column;  // Dual: the second indicator
};

// A row of the Selection panel: one column of one area, with its national and local rank.
struct ValueRow {
  std::string column, value;
  bool numeric = false;
  long long rank = 0, of = 0;              // 1 = highest value among `of` areas with a value
  long long local_rank = 0, local_of = 0;  // within the area's group (local authority)
};

struct ScreenRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class Viewer {
 public:
  Viewer(GLFWwindow* win, Sources sources, cli::StyleSpec initial);
  ~Viewer();
  // Runs until the window closes (or the script quits). Returns the exit status.
  int run(const std::vector<ScriptStep>& script, int bench_frames);

 public:
  friend struct ScriptPlayer;
  // Frame pieces
  void poll_loader();
  void on_loaded(std::unique_ptr<ViewData> d);
  void draw_map();
  void canvas_input();   // map_canvas.cpp
  void tooltip();        // map_canvas.cpp
  void status_bar();     // map_canvas.cpp
  void keys();           // map_canvas.cpp
  void sidebars();
  void panel_data();     // panel_data.cpp: sources, loading progress, join diagnostics
  void panel_style();    // panel_style.cpp
  void panel_legend();   // panel_legend.cpp (legend + histogram brushing)
  void panel_selection();  // panel_selection.cpp
  void panel_search();   // panel_search.cpp
  void panel_export();   // panel_export.cpp
  void panel_session();  // session_file.cpp

  // Model updates
  void restyle();             // style from spec -> colours (and highlight)
  void apply_colours();       // fills + highlight fading -> scene
  void set_selection(std::vector<uint32_t> sel);
  void select_area(int i, bool add);
  void zoom_to(const BBox& b);
  void fit_all();
  void fit_box(const BBox& b);
  std::string area_label(int i) const;
  std::vector<ValueRow> rows_for(uint32_t area) const;
  void write_dump(const std::string& path) const;
  void screenshot(const std::string& path) const;

 public:
  GLFWwindow* win = nullptr;
  Sources sources;
  Loader loader;
  std::unique_ptr<ViewData> data;
  std::unique_ptr<Scene> scene;
  // The map layer's pixels, reused while only the UI changes and refreshed progressively during motion
  // (render/map_cache.hpp). Off: the map is drawn whole every frame (--no-map-cache, tests' reference).
  std::unique_ptr<MapCache> map_cache;
  bool map_cache_on = true;
  MapCacheOptions map_cache_opt;
  MapCacheFrame map_frame;  // what the last frame's map draw did
  std::string load_error;
  Camera cam;
  float ui_scale = 1;
  float sidebar_w = 330, status_h = 24;  // window pixels covered by the panels (for fitting)

  cli::StyleSpec spec;
  cli::MapStyle style;
  std::string style_error;
  Highlight highlight;
  std::vector<uint8_t> lit;  // per area: highlighted (when highlight.kind != None)
  size_t lit_count = 0;
  std::vector<uint32_t> selection;
  std::vector<std::vector<ValueRow>> selection_rows;
  int hover = -1;
  Point cursor_world;
  bool cursor_on_map = false;

  // Panels' own state
  char search_buf[128] = "";
  std::vector<uint32_t> search_hits;
  bool focus_search = false;
  char column_filter[64] = "";
  std::vector<ScreenRect> legend_swatches;  // screen rects of the legend entries drawn last frame
  std::vector<bool> outline_on;
  std::vector<size_t> outline_index;
  bool assets_on = true;
  // Export dialog
  char export_path[512] = "nbhd_map.png";
  char export_title[256] = "";
  int export_w = 2480, export_h = 3508;
  std::future<std::string> export_job;
  std::string export_msg;
  // Session
  char session_path[512] = "";
  std::string session_msg;
  std::vector<std::string> missing_files;
  std::vector<std::array<char, 512>> relocate_to;
  // Restored from a session, applied when its data has loaded.
  std::optional<Point> pending_centre;
  double pending_mpp = 0;
  std::vector<std::string> pending_codes;

  bool dirty = true;  // something changed: draw at least a few more frames
};

}  // namespace nbhd::view
