#pragma once
// The interactive viewer: the loaded data, the camera, the scene and its map cache, what the map shows
// (classification, highlight, selection) and the panels, each of which keeps its own state (panel_*.hpp).
// The data model (ViewData, MapStyle, Camera, PickIndex) knows nothing of ImGui. The canvas (navigation,
// hover, picking) is map_canvas.cpp, opening files open_files.cpp, the window and frame loop
// viewer_app.cpp; the script player, the frame bench and the state dump each have their own file.
#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "app/viewer/backdrop.hpp"
#include "app/viewer/camera.hpp"
#include "app/viewer/derived_columns.hpp"
#include "app/viewer/file_dialog.hpp"
#include "app/viewer/levels.hpp"
#include "app/viewer/loader.hpp"
#include "app/viewer/map_labels.hpp"
#include "app/viewer/panel_assets.hpp"
#include "app/viewer/panel_cache.hpp"
#include "app/viewer/panel_data.hpp"
#include "app/viewer/panel_export.hpp"
#include "app/viewer/panel_gaps.hpp"
#include "app/viewer/panel_legend.hpp"
#include "app/viewer/panel_project.hpp"
#include "app/viewer/panel_search.hpp"
#include "app/viewer/panel_selection.hpp"
#include "app/viewer/panel_stats.hpp"
#include "app/viewer/panel_style.hpp"
#include "app/viewer/script.hpp"
#include "app/viewer/ui_look.hpp"
#include "geo/tables/column_metadata.hpp"
#include "render/scene/map_cache.hpp"
#include "render/scene/scene.hpp"
#include "render/style/map_style.hpp"

struct GLFWwindow;

namespace nbhd::view {

// What lights up on the map besides the selection: a legend class, a brushed value range, the
// areas in the worst share of two indicators, or areas a panel chose (points brushed on the Moran scatter
// plot, the areas meeting a left-behind condition). Everything else is faded.
struct Highlight {
  enum Kind { None, LegendClass, Brush, Dual, Areas } kind = None;
  int legend_class = -1;
  double lo = 0, hi = 0;  // Brush: the value range
  double dual_share = 0.10;
  std::string dual_column;      // Dual: the second indicator
  std::vector<uint32_t> areas;  // Areas: the areas lit
};

class Viewer {
 public:
  Viewer(GLFWwindow* win, Sources sources, StyleSpec initial);
  ~Viewer();
  Viewer(const Viewer&) = delete;
  Viewer& operator=(const Viewer&) = delete;
  // Runs until the window closes (or the script quits). Returns the exit status.
  int run(const std::vector<ScriptStep>& script, int bench_frames);

  // Loading: `load` starts loading `s` (what the next join or save refers to); the data replaces the
  // old when it arrives (poll_loader, every frame).
  void load(const Sources& s);
  void poll_loader();
  // Levels (levels.hpp): shows level `i` of the loaded data (0 = the loaded layer), at once when made, else
  // when its job ends (poll_levels, every frame). Refused while data loads (false, with levels.error()).
  bool set_level(int i);
  bool set_level(const std::string& label);  // by its label ("Ward"); false when the data has no such level
  void set_level_weight(const std::string& column);  // "" = plain means; remakes the level shown
  void poll_levels();
  // Uploads the map's levels of detail built in the background since the last frame (Scene::
  // set_areas_progressive); keeps frames coming until the last is in.
  void poll_detail_levels();
  // Opening files (open_files.cpp): the open dialog, drag-and-drop and project files, routed by role.
  void open_path(const std::string& path, FileRole role);
  void on_drop(const std::vector<std::string>& paths);
  void open_project(const std::string& path);

  // What the map shows
  void restyle();        // style from spec -> colours (and highlight)
  void apply_colours();  // fills + highlight fading -> scene
  void set_highlight(Highlight h);
  void set_selection(std::vector<uint32_t> sel);
  void select_area(int i, bool add);
  void zoom_to(const BBox& b);
  void fit_all();
  void fit_box(const BBox& b);
  std::string area_label(int i) const;
  std::array<float, 4> panel_colour() const;  // the side panels' opaque background (ImGui's WindowBg)
  // Columns by name: computed ones (derived) first, then the loaded layer's. find_column: nullptr when
  // unknown; numeric_column: throws nbhd::Error like Table::numeric. numeric_columns: every mappable
  // column, loaded then computed.
  const Column* find_column(std::string_view name) const;
  const Column& numeric_column(std::string_view name) const;
  std::vector<std::string> numeric_columns() const;
  // A column's title for legends: the planner's label (--metadata, --label) when there is one, else what a
  // computed column measured ("Groups with nothing within 800 m ..."), else the column's name.
  std::string column_title(const std::string& name) const;
  // Adds or replaces the columns computed by `owner` (e.g. "gaps"), then restyles when the map or the
  // highlight shows one of them. Throws nbhd::Error for a size mismatch or a name another owner set.
  void set_derived(const std::string& owner, std::vector<Column> cols);
  std::vector<std::string> tooltip_lines(size_t area) const;  // map_canvas.cpp
  // The current ImGui window's rectangle, unless collapsed; `cached`: the window is kept in panel_cache (its
  // pixels copied while its draw lists stay the same) under that name, and painted there, not in draw_map.
  void add_backdrop(const char* cached = nullptr);

  GLFWwindow* win = nullptr;
  Sources sources;  // what is loaded or loading
  Loader loader;
  // Shared with the jobs that read it off the UI thread (export, the Assets measurement): a new load
  // replaces what the viewer shows, and the old data lives on until the last job reading it has ended.
  std::shared_ptr<const ViewData> data;
  // The loaded data; `data` is it or one of its parent levels (the Level control's choice).
  std::shared_ptr<const ViewData> base;
  Levels levels;
  bool level_with_zoom = false;  // "switch level with zoom"
  double level_zoom_mpp = 0;     // the zoom the level was last chosen for
  std::string level_after_load;  // a level to show when the data loading now arrives (project, reload)
  double level_show_ms = 0;      // how long the last level switch took to show (restyle, scene), for benches
  // When `nbhd view` started (run_viewer), and how long the last data shown took to reach the scene (GL
  // upload, levels of detail, restyle): the frame bench's time to the first exact frame.
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  double show_ms = 0;
  DerivedColumns derived;  // computed after loading, one row per area of data->layer; cleared on load
  std::string load_error;
  std::unique_ptr<Scene> scene;
  // The map layer's pixels, reused while only the UI changes and refreshed progressively during motion
  // (render/map_cache.hpp). Off: the map is drawn whole every frame (--no-map-cache, tests' reference).
  std::unique_ptr<MapCache> map_cache;
  bool map_cache_on = true;
  MapCacheOptions map_cache_opt;
  MapCacheFrame map_frame;  // what the last frame's map draw did
  Camera cam;
  float ui_scale = 1;
  UiLook ui_look;  // the interface font and scale in use
  // Window pixels covered by the side panels and the status bar (for fitting). The planner can widen either
  // side panel by dragging its inner edge; the widths persist while the viewer runs.
  float left_w = 330, right_w = 330, status_h = 24;
  // This frame's open side panels and status bar: painted opaque before ImGui draws, and the map is drawn
  // only in the rectangle they leave (app/viewer/backdrop.hpp).
  std::vector<Backdrop> backdrops;
  std::vector<OpaqueWindow> cached_windows;  // those of them kept in panel_cache (the side panels)
  PanelCache panel_cache;
  bool panel_cache_on = true;  // off (script "panel-cache off"): panels drawn every frame, tests' reference

  StyleSpec spec;
  // Readable column names (--metadata FILE, --label 'COL=Label', a project's "labels"): legend, tooltip
  // and Export use them. The file and label texts are kept to save them in a project.
  ColumnLabels labels;
  std::string metadata_file;
  std::vector<std::string> label_texts;
  void set_labels(std::string metadata, std::vector<std::string> texts);  // throws nbhd::Error (bad file)
  MapLabels map_labels;  // names on the map (--labels, --outline-labels)
  // The basemap (Sources::basemap, warped by the loader into data->basemap): shown or not, and the fills'
  // opacity over it (0..1, as nbhd render --basemap-opacity). Both kept across loads and saved in projects.
  bool basemap_on = true;
  double basemap_opacity = 0.7;
  bool basemap_shown() const { return basemap_on && data && data->basemap; }
  void set_basemap_view(bool on, double opacity);  // -> scene and fill colours
  MapStyle style;
  std::string style_error;
  Highlight highlight;
  std::vector<uint8_t> lit;  // per area: highlighted (when highlight.kind != None)
  size_t lit_count = 0;
  std::vector<uint32_t> selection;
  int hover = -1;
  Point cursor_world;
  bool cursor_on_map = false;

  // The panels (their state is their own) and the open dialog.
  StylePanel style_panel;
  LegendPanel legend;
  DataPanel data_panel;
  SearchPanel search;
  AssetsPanel assets;  // ends its measurement when destroyed
  GapsPanel gaps;  // gap indicators of the assets (derived columns "gaps"); cancels its job when destroyed
  SelectionPanel selection_panel;
  ExportPanel exporter;
  ProjectPanel project;
  StatsPanel stats;  // the Statistics window (LISA, left behind, change); cancels its job when destroyed
  FileDialog files;

  bool dirty = true;  // something changed: draw at least a few more frames

 private:
  void on_loaded(std::shared_ptr<const ViewData> d);
  // Shows `d` (loaded data or a level of it): panels told, colours and selection carried over. `fresh`:
  // new data (fit the view, no selection to carry); else a level switch (keeps the view, maps the selection).
  void show_data(std::shared_ptr<const ViewData> d, bool fresh);
  void frame();  // one frame's input, panels and drawing
  void draw_map();
  void sidebars();
  void canvas_input();  // map_canvas.cpp
  void keys();          // map_canvas.cpp
  void tooltip();       // map_canvas.cpp
  void status_bar();    // map_canvas.cpp
  void file_dialog_frame();
};

}  // namespace nbhd::view
