#pragma once
// The Assets panel: the community assets near the selection. Category toggles (symbol colour and count; a
// hidden category is neither drawn nor listed), the distance D, the assets within D of the selected areas
// as `nbhd assets --near` measures them, sortable by column, the nearest asset of each category however
// far, and every field of the asset picked on the map or in the list. The ring of ground within D of the
// selection is drawn on the map.
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer/screen_rect.hpp"
#include "geo/spatial/proximity.hpp"
#include "render/style/color.hpp"
#include "render/style/symbol_shape.hpp"

namespace nbhd::view {

class Viewer;
struct ViewData;

// What the panel measures: the assets within `within` metres of the selected areas (the engine and rule of
// `nbhd assets --near`) and the ring of ground within that distance, computed off the UI thread. `key`
// says for which selection and distance.
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

class AssetsPanel {
 public:
  void draw(Viewer& v);
  // Before new data replaces the old: ends the measurement of the old data and remembers the hidden
  // categories (a reload keeps them).
  void unloading(const Viewer& v);
  // New data: colours, counts and symbols.
  void loaded(Viewer& v);
  // Every frame: collects a finished measurement, starts one for the current selection and D.
  void update(Viewer& v);
  // The shown result is for the current selection and D.
  bool current(const Viewer& v) const;
  // Visible categories -> scene symbols.
  void upload(Viewer& v) const;
  bool busy() const { return job_.valid(); }

  // Symbols on the map (the Style panel's "assets" switch).
  bool shown() const { return shown_; }
  void set_shown(Viewer& v, bool on);
  // The visible asset within a few pixels of framebuffer (fx, fy), -1 when none.
  int pick(const Viewer& v, double fx, double fy) const;
  int hover() const { return hover_; }
  void set_hover(int a) { hover_ = a; }
  void select(Viewer& v, int a, bool pan);
  void tooltip(const Viewer& v) const;

  double within() const { return within_; }
  void set_within(Viewer& v, double metres);
  // Categories switched off, by name; switching exactly `names` off (a project's).
  std::vector<std::string> hidden_categories(const ViewData& d) const;
  void set_hidden(Viewer& v, const std::vector<std::string>& names);
  // Colours the user fixed by category name (a project's "category_colours", `nbhd view --category-colour`).
  const std::map<std::string, Rgba>& fixed_colours() const { return fixed_colours_; }
  void set_fixed_colours(Viewer& v, std::map<std::string, Rgba> colours);

  // Where a category's checkbox or list row k was drawn last frame (nullptr: not on screen).
  const ScreenRect* category_box(const std::string& category, const ViewData& d) const;
  const ScreenRect* row_rect(size_t k) const;
  // The panel as the script's `dump` reports it.
  nlohmann::json dump(const Viewer& v) const;

 private:
  void rebuild_rows(const Viewer& v);
  void upload_ring(Viewer& v) const;

  std::vector<Rgba> colour_;        // per category of the AssetSet: its symbol colour (as nbhd render)
  std::vector<SymbolShape> shape_;  // per category: its symbol shape (as nbhd render)
  std::map<std::string, Rgba> fixed_colours_;
  std::vector<size_t> count_;             // per category
  std::vector<uint8_t> visible_;          // per category: drawn and listed
  std::vector<std::string> kept_hidden_;  // categories switched off before a reload, off again after it
  bool shown_ = true;
  double within_ = 1000;
  std::future<NearJob> job_;       // the running measurement, if any (std::async: waited for when destroyed)
  std::optional<NearJob> result_;  // the latest finished one
  int selected_ = -1;              // asset index into the AssetSet, -1 = none
  int hover_ = -1;
  int sort_column_ = 2;  // 0 category, 1 name, 2 distance
  bool sort_ascending_ = true;
  std::vector<uint32_t> rows_;              // indices into result_->near.assets as listed (visible, sorted)
  std::vector<ScreenRect> category_boxes_;  // the category checkboxes drawn last frame
  std::vector<ScreenRect> row_rects_;       // the list rows drawn last frame (rows_[i])
  std::vector<ScreenRect> header_rects_;    // the list's column headers (category, name, distance)
};

}  // namespace nbhd::view
