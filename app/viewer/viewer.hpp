#pragma once
// The interactive viewer's state and its parts. The data model (ViewData, MapStyle, Camera, PickIndex)
// knows nothing of ImGui; each panel is one file implementing one Viewer member (panel_*.cpp), the
// canvas (navigation, hover, picking) is map_canvas.cpp and the window/loop is viewer_app.cpp.
#include <array>
#include <future>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/viewer/backdrop.hpp"
#include "app/viewer/camera.hpp"
#include "app/viewer/file_dialog.hpp"
#include "app/viewer/loader.hpp"
#include "app/viewer/script.hpp"
#include "geo/spatial/proximity.hpp"
#include "render/document/map_document.hpp"
#include "render/scene/map_cache.hpp"
#include "render/scene/scene.hpp"
#include "render/style/map_style.hpp"

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

// What an export job reports when done: its message and where the map landed in the image.
struct ExportDone {
  std::string msg;
  bool ok = false;
  std::string path;
  PixelTransform world_to_px;  // PNG pixels (SVG/PDF: the page at its raster resolution)
  BBox visible;                // world extent of the map frame
  ScreenRect frame_px;         // the map frame in the image
  int width_px = 0, height_px = 0;
};

// A script step the viewer itself handles (open_files.cpp): done, not ready yet (ask again next frame),
// or rewritten into a plain input step (e.g. hist-drag -> drag across the histogram).
struct ScriptOutcome {
  enum Kind { Unknown, Done, Wait, Rewrite } kind = Unknown;
  ScriptStep step;
};

// What the Assets panel measures: the assets within `within` metres of the selected areas (the engine
// and rule of `nbhd assets --near`) and the ring of ground within that distance, computed off the UI
// thread. `key` says for which selection and distance.
struct NearKey {
  std::vector<uint32_t> areas;
  double within = 0;
  friend bool operator==(const NearKey&, const NearKey&) = default;
};
struct NearJob {
  NearKey key;
  NearResult near;
  MultiPolygon ring;
  std::string error;
  double ms = 0;
};

// The Assets panel's state (panel_assets.cpp).
struct AssetsView {
  std::vector<Rgba> colour;      // per category of the AssetSet: its symbol colour (as nbhd render)
  std::vector<size_t> count;     // per category
  std::vector<uint8_t> visible;  // per category: drawn and listed
  std::vector<std::string> hidden_pending;  // hidden category names restored from a project
  double within = 1000;
  std::future<NearJob> job;       // the running measurement, if any
  std::optional<NearJob> result;  // the latest finished one
  int selected = -1;              // asset index into the AssetSet, -1 = none
  int hover = -1;
  int sort_column = 2;  // 0 category, 1 name, 2 distance
  bool sort_ascending = true;
  std::vector<uint32_t> rows;              // indices into result->near.assets as listed (visible, sorted)
  std::vector<ScreenRect> category_boxes;  // screen rects of the category checkboxes drawn last frame
  std::vector<ScreenRect> row_rects;       // screen rects of the list rows drawn last frame (rows[i])
  std::vector<ScreenRect> header_rects;    // the list's column headers (category, name, distance)
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
  void canvas_input();  // map_canvas.cpp
  void tooltip();       // map_canvas.cpp
  std::vector<std::string> tooltip_lines(size_t area) const;  // map_canvas.cpp
  void status_bar();    // map_canvas.cpp
  void keys();          // map_canvas.cpp
  void sidebars();
  void panel_data();       // panel_data.cpp: sources, loading progress, join diagnostics
  void panel_style();      // panel_style.cpp
  void panel_legend();     // panel_legend.cpp (legend + histogram brushing)
  void panel_selection();  // panel_selection.cpp
  void panel_search();     // panel_search.cpp
  void panel_export();     // panel_export.cpp
  void panel_session();    // session_file.cpp
  void panel_assets();     // panel_assets.cpp

  // Assets (panel_assets.cpp)
  void assets_loaded();         // colours, counts and symbols for newly loaded data
  void upload_assets();         // visible categories -> scene
  void assets_update();         // every frame: collect / start the measurement for the selection and D
  void assets_unloading();      // before new data replaces the old: ends the measurement that reads it and
                                // remembers the hidden categories
  bool assets_current() const;  // the shown result is for the current selection and D
  int pick_asset(double fx, double fy) const;  // visible asset within a few pixels of framebuffer (fx, fy)
  void select_asset(int a, bool pan);
  void asset_tooltip();
  nlohmann::json assets_dump() const;  // the panel as the script's `dump` reports it

  // Opening files (open_files.cpp): the open dialog, drag-and-drop and project files, routed by role.
  void open_path(const std::string& path, FileRole role);
  void on_drop(const std::vector<std::string>& paths);
  void open_project(const std::string& path);
  void file_dialog_frame();
  ScriptOutcome script_action(const ScriptStep& s);
  void dump_extra(nlohmann::json& j) const;
  // Export (panel_export.cpp) and project save/relocate (session_file.cpp), shared by buttons and scripts.
  void start_export(const std::string& path, const PageSpec& page, bool layout);
  void poll_export();
  void save_project(const std::string& path);
  void relocate_load();

  // Model updates
  void restyle();        // style from spec -> colours (and highlight)
  void apply_colours();  // fills + highlight fading -> scene
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
  // Shared with the jobs that read it off the UI thread (export, the Assets measurement): a new load
  // replaces what the viewer shows, and the old data lives on until the last job reading it has ended.
  std::shared_ptr<const ViewData> data;
  AssetsView assets;  // after data: destroyed first, so a running measurement ends before the data goes
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
  // This frame's open side panels and status bar: painted opaque before ImGui draws, and the map is drawn
  // only in the rectangle they leave (app/viewer/backdrop.hpp).
  std::vector<Backdrop> backdrops;
  void add_backdrop();  // the current ImGui window's rectangle, unless collapsed

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
  int export_paper = 0;  // 0 pixels, 1 A4, 2 A3
  int export_dpi = 300;
  bool export_landscape = false, export_layout = true;
  std::future<ExportDone> export_job;
  std::string export_msg;
  ExportDone export_last;
  // Open dialog and the last error opening a file (one line, shown under Data)
  FileDialog files;
  std::string open_error;
  // The histogram as drawn last frame: its screen rectangle and value range (scripts brush through it)
  ScreenRect hist_rect;
  double hist_lo = 0, hist_hi = 0;
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
