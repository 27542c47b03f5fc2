// The Assets panel (panel_assets.hpp). The measurement uses the engine and boundary rule of `nbhd assets
// --near` (geo/spatial/proximity); the ring is a GEOS buffer of the selection.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "app/viewer/panel_assets.hpp"
#include "app/viewer/viewer.hpp"
#include "geo/spatial/buffer.hpp"

namespace nbhd::view {

namespace {

// Magenta: the category palette is designed away from it (render/style/category_symbols.hpp) and from the
// selection's cyan, and it reads over every YlOrRd class.
constexpr Rgba kRingColour{230, 0, 200, 255};
constexpr float kRingWidth = 2.0f;
// A click within this many (window) pixels of a symbol's centre picks the asset rather than the area.
constexpr double kPickPx = 6;
const PointStyle kSymbol{3.5f, {255, 255, 255, 255}, 1.0f};  // as the viewer drew assets before

ImU32 im(Rgba c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

// A category's symbol in the panel's lists, the same shape as on the map (render/style/symbol_shape).
void draw_symbol(ImDrawList* dl, SymbolShape shape, ImVec2 c, float r, Rgba colour) {
  if (shape == SymbolShape::circle) {
    dl->AddCircleFilled(c, r, im(colour));
    return;
  }
  std::vector<ImVec2> pts;
  for (const Point& p : symbol_outline(shape, c.x, c.y, r, true))
    pts.push_back(ImVec2(float(p.x), float(p.y)));
  dl->AddConvexPolyFilled(pts.data(), int(pts.size()), im(colour));
}

// Runs on a worker thread: reads only the loaded data, which is immutable and held by the job until it
// ends (the next load also waits for it, AssetsPanel::unloading, so no result for old data arrives).
NearJob measure(std::shared_ptr<const ViewData> d, NearKey key) {
  auto t0 = std::chrono::steady_clock::now();
  NearJob j;
  j.key = key;
  try {
    std::vector<size_t> sel(key.areas.begin(), key.areas.end());
    j.near = assets_near(d->layer, sel, *d->asset_index, key.within);
    std::vector<const MultiPolygon*> parts;
    for (uint32_t a : key.areas) parts.push_back(&d->layer.geoms[a]);
    j.ring = buffer_union(parts, key.within);
  } catch (const std::exception& e) {
    j.error = e.what();
  }
  j.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  glfwPostEmptyEvent();  // wake an idle UI thread to show the result
  return j;
}

// The listed rows: assets within D whose category is visible, in the chosen order (ties by distance, then
// by asset, so the order never depends on the sort algorithm).
}  // namespace

void AssetsPanel::rebuild_rows(const Viewer& v) {
  rows_.clear();
  if (!result_ || !v.data || !v.data->asset_index) return;
  const AssetSet& set = v.data->asset_index->set();
  const auto& near = result_->near.assets;
  for (uint32_t i = 0; i < near.size(); ++i)
    if (visible_[set.category[near[i].asset]]) rows_.push_back(i);
  auto key = [&](uint32_t i, uint32_t j) -> int {  // <0, 0, >0 on the sort column
    const NearbyAsset &a = near[i], &b = near[j];
    switch (sort_column_) {
      case 0:
        return set.categories[set.category[a.asset]].compare(set.categories[set.category[b.asset]]);
      case 1:
        return set.names[a.asset].compare(set.names[b.asset]);
      default:
        return a.distance < b.distance ? -1 : a.distance > b.distance ? 1 : 0;
    }
  };
  std::sort(rows_.begin(), rows_.end(), [&](uint32_t i, uint32_t j) {
    int k = key(i, j);
    if (k != 0) return sort_ascending_ ? k < 0 : k > 0;
    if (near[i].distance != near[j].distance) return near[i].distance < near[j].distance;
    return near[i].asset < near[j].asset;
  });
}

void AssetsPanel::upload_ring(Viewer& v) const {
  if (!v.scene) return;
  std::vector<Ring> rings;
  if (result_)
    for (const auto& poly : result_->ring)
      for (const auto& r : poly.rings) rings.push_back(r);
  v.scene->set_overlay(rings, LineStyle{kRingColour, kRingWidth});
  v.dirty = true;
}

namespace {

std::string metres(double d) {
  if (!std::isfinite(d)) return "-";
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", d);
  return b;
}

// The name and distance cells of a listed asset (the list within D and the nearest of each category).
void name_and_distance(const AssetSet& set, const NearbyAsset& n) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(set.names[n.asset].empty() ? "(unnamed)" : set.names[n.asset].c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(metres(n.distance).c_str());
}

}  // namespace

void AssetsPanel::unloading(const Viewer& v) {
  if (job_.valid()) job_.wait();
  // A reload (another table joined, assets added) keeps the categories the user switched off.
  if (v.data && kept_hidden_.empty()) kept_hidden_ = hidden_categories(*v.data);
}

void AssetsPanel::loaded(Viewer& v) {
  result_.reset();
  selected_ = hover_ = -1;
  rows_.clear();
  colour_.clear();
  count_.clear();
  visible_.clear();
  if (v.scene) v.scene->set_overlay({}, {});
  if (!v.data || !v.data->asset_index) {
    upload(v);
    return;
  }
  const AssetSet& set = v.data->asset_index->set();
  std::vector<std::string> per_point;
  per_point.reserve(set.size());
  for (uint32_t c : set.category) per_point.push_back(set.categories[c]);
  CategoryColours cc = category_colours(per_point, fixed_colours_);
  count_ = set.category_counts();
  shape_.clear();
  for (const auto& name : set.categories) {
    colour_.push_back(cc.colour(name));
    shape_.push_back(cc.symbol(name).shape);
    visible_.push_back(std::find(kept_hidden_.begin(), kept_hidden_.end(), name) == kept_hidden_.end());
  }
  kept_hidden_.clear();
  upload(v);
}

void AssetsPanel::upload(Viewer& v) const {
  if (!v.scene) return;
  std::vector<Point> pts;
  std::vector<Rgba> colours;
  std::vector<SymbolShape> shapes;
  if (v.data && v.data->asset_index && shown_) {
    const AssetSet& set = v.data->asset_index->set();
    for (size_t i = 0; i < set.size(); ++i)
      if (visible_[set.category[i]]) {
        pts.push_back(set.pts[i]);
        colours.push_back(colour_[set.category[i]]);
        shapes.push_back(shape_[set.category[i]]);
      }
  }
  v.scene->set_points(pts, colours, kSymbol, shapes);
  v.dirty = true;
}

bool AssetsPanel::current(const Viewer& v) const {
  if (!v.data || !v.data->asset_index || v.selection.empty()) return !job_.valid();
  return !job_.valid() && result_ && result_->key == NearKey{v.selection, within_};
}

void AssetsPanel::update(Viewer& v) {
  using namespace std::chrono_literals;
  if (job_.valid() && job_.wait_for(0s) == std::future_status::ready) {
    result_ = job_.get();
    rebuild_rows(v);
    upload_ring(v);
  }
  if (!v.data || !v.data->asset_index || v.selection.empty()) {
    if (result_ && !job_.valid()) {
      result_.reset();
      rows_.clear();
      upload_ring(v);
    }
    return;
  }
  NearKey key{v.selection, within_};
  if (job_.valid() || (result_ && result_->key == key)) return;  // one at a time; the next when it ends
  job_ = std::async(std::launch::async, measure, v.data, key);
}

int AssetsPanel::pick(const Viewer& v, double fx, double fy) const {
  if (!v.data || !v.data->asset_index || !shown_) return -1;
  const AssetSet& set = v.data->asset_index->set();
  float sx = ImGui::GetIO().DisplayFramebufferScale.x;
  double tol = kPickPx * (sx > 0 ? sx : 1) * v.cam.mpp;
  Point w = v.cam.world(fx, fy);
  int best = -1;
  double bd = std::numeric_limits<double>::infinity();
  v.data->asset_index->all().query(BBox{w.x - tol, w.y - tol, w.x + tol, w.y + tol},
                                   [&](uint32_t id, Point p) {
                                     if (!visible_[set.category[id]]) return;
                                     double d = std::hypot(p.x - w.x, p.y - w.y);
                                     // Of equally near symbols, the one drawn last (on top) wins.
                                     if (d <= tol && (d < bd || (d == bd && int(id) > best)))
                                       bd = d, best = int(id);
                                   });
  return best;
}

void AssetsPanel::select(Viewer& v, int a, bool pan) {
  selected_ = a;
  if (pan && a >= 0 && v.data && v.data->asset_index)
    v.cam.centre = v.data->asset_index->set().pts[size_t(a)];
  v.dirty = true;
}

void AssetsPanel::tooltip(const Viewer& v) const {
  const AssetSet& set = v.data->asset_index->set();
  size_t a = size_t(hover_);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(set.names[a].empty() ? "(unnamed)" : set.names[a].c_str());
  ImGui::TextDisabled("%s", set.categories[set.category[a]].c_str());
  ImGui::EndTooltip();
}

void AssetsPanel::draw(Viewer& v) {
  category_boxes_.clear();
  row_rects_.clear();
  if (!v.data || !v.data->asset_index) return;
  const AssetSet& set = v.data->asset_index->set();
  ImGuiIO& io = ImGui::GetIO();
  if (selected_ >= 0) {
    // Mark the picked asset over the map (the background list is above the map, below the panels).
    float sx = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1;
    Point p = set.pts[size_t(selected_)];
    ImVec2 c(float(v.cam.px(p.x) / sx), float(v.cam.py(p.y) / sx));
    ImGui::GetBackgroundDrawList()->AddCircle(c, 9, IM_COL32(20, 20, 20, 255), 24, 2.5f);
  }
  if (!ImGui::CollapsingHeader("Assets", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextDisabled("%zu assets in %zu categories", set.size(), set.categories.size());

  // Category toggles, in a node that folds away when there are many (national data: twenty and more).
  float sh = ImGui::GetTextLineHeight();
  bool toggled = false;
  bool cats_open = ImGui::TreeNodeEx("Categories", ImGuiTreeNodeFlags_DefaultOpen);
  for (size_t c = 0; cats_open && c < set.categories.size(); ++c) {
    ImGui::PushID(int(c));
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(sh, sh));
    draw_symbol(ImGui::GetWindowDrawList(), shape_[c], ImVec2(p.x + sh / 2, p.y + sh / 2 + 2), sh / 2 - 1,
                colour_[c]);
    ImGui::SameLine();
    bool on = visible_[c];
    char label[160];
    std::snprintf(label, sizeof label, "%s (%zu)", set.categories[c].c_str(), count_[c]);
    if (ImGui::Checkbox(label, &on)) {
      visible_[c] = on;
      toggled = true;
    }
    ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
    category_boxes_.push_back({a.x, a.y, z.x, z.y});
    ImGui::PopID();
  }
  if (cats_open) {
    if (ImGui::SmallButton("all")) std::fill(visible_.begin(), visible_.end(), 1), toggled = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("none")) std::fill(visible_.begin(), visible_.end(), 0), toggled = true;
    ImGui::TreePop();
  }
  if (toggled) {
    if (selected_ >= 0 && !visible_[set.category[size_t(selected_)]]) selected_ = -1;
    upload(v);
    rebuild_rows(v);
  }

  // Distance
  ImGui::Separator();
  double lo = 0, hi = 10000;
  ImGui::SetNextItemWidth(-60);
  bool dchange = ImGui::SliderScalar("##D", ImGuiDataType_Double, &within_, &lo, &hi, "%.0f m",
                                     ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::TextUnformatted("within");
  ImGui::SetNextItemWidth(-60);
  dchange |= ImGui::InputDouble("##Dm", &within_, 100, 1000, "%.1f");
  ImGui::SameLine();
  ImGui::TextUnformatted("metres");
  if (dchange) {
    if (!(within_ >= 0) || !std::isfinite(within_)) within_ = 0;
    v.dirty = true;
  }

  // The picked asset (on the map or in the list): every field of its file, above the list so it is seen.
  if (selected_ >= 0) {
    size_t a = size_t(selected_);
    const PointLayer& L = v.data->asset_layers[set.layer[a]];
    ImGui::Separator();
    ImGui::TextWrapped("%s: %s", set.categories[set.category[a]].c_str(),
                       set.names[a].empty() ? "(unnamed)" : set.names[a].c_str());
    if (ImGui::SmallButton("Go to")) select(v, selected_, true);
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) selected_ = -1;
    if (selected_ >= 0 &&
        ImGui::BeginTable("attrs", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const auto& col : L.attrs.cols()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(col.name.c_str());
        ImGui::TableNextColumn();
        std::string cell = col.cell(set.row[a]);
        ImGui::TextUnformatted(cell.empty() ? "-" : cell.c_str());
      }
      ImGui::EndTable();
    }
  }

  if (v.selection.empty()) {
    ImGui::TextDisabled("select an area to list the assets near it");
  } else if (result_) {
    const NearJob& r = *result_;
    if (!r.error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", r.error.c_str());
    ImGui::Text("%zu assets within %s m of %zu area%s%s", rows_.size(), metres(r.key.within).c_str(),
                r.key.areas.size(), r.key.areas.size() == 1 ? "" : "s", current(v) ? "" : "  (measuring...)");
    ImGuiTableFlags tf = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                         ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("near", 3, tf, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 12))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("category", sort_column_ == 0 ? ImGuiTableColumnFlags_DefaultSort : 0, 1.4f);
      ImGui::TableSetupColumn("name", sort_column_ == 1 ? ImGuiTableColumnFlags_DefaultSort : 0, 1.7f);
      ImGui::TableSetupColumn("dist (m)",
                              (sort_column_ == 2 ? ImGuiTableColumnFlags_DefaultSort : 0) |
                                  ImGuiTableColumnFlags_PreferSortAscending,
                              0.9f);
      // The header row by hand, to know where each header was drawn (the script clicks them in tests).
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      header_rects_.clear();
      for (int c = 0; c < 3; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
        header_rects_.push_back({a.x, a.y, z.x, z.y});
      }
      if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs(); ss && ss->SpecsDirty) {
        if (ss->SpecsCount > 0) {
          sort_column_ = ss->Specs[0].ColumnIndex;
          sort_ascending_ = ss->Specs[0].SortDirection != ImGuiSortDirection_Descending;
        }
        rebuild_rows(v);
        ss->SpecsDirty = false;
      }
      row_rects_.assign(rows_.size(), ScreenRect{});
      ImGuiListClipper clip;
      clip.Begin(int(rows_.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const NearbyAsset& n = r.near.assets[rows_[size_t(i)]];
          ImGui::PushID(i);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          uint32_t c = set.category[n.asset];
          ImVec2 p = ImGui::GetCursorScreenPos();
          draw_symbol(ImGui::GetWindowDrawList(), shape_[c], ImVec2(p.x + sh / 2, p.y + sh / 2), sh / 2 - 2,
                      colour_[c]);
          ImGui::Indent(sh + 2);
          if (ImGui::Selectable(set.categories[c].c_str(), selected_ == int(n.asset),
                                ImGuiSelectableFlags_SpanAllColumns))
            select(v, int(n.asset), true);
          ImGui::Unindent(sh + 2);
          ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
          row_rects_[size_t(i)] = {a.x, a.y, z.x, z.y};
          name_and_distance(set, n);
          ImGui::PopID();
        }
      ImGui::EndTable();
    }
    if (ImGui::TreeNodeEx("Nearest of each category", ImGuiTreeNodeFlags_DefaultOpen)) {
      if (ImGui::BeginTable("nearest", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (size_t c = 0; c < r.near.nearest.size(); ++c) {
          const NearbyAsset& n = r.near.nearest[c];
          if (n.asset == UINT32_MAX || !visible_[c]) continue;
          ImGui::PushID(int(c));
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          if (ImGui::Selectable(set.categories[c].c_str(), selected_ == int(n.asset),
                                ImGuiSelectableFlags_SpanAllColumns))
            select(v, int(n.asset), true);
          name_and_distance(set, n);
          ImGui::PopID();
        }
        ImGui::EndTable();
      }
      ImGui::TreePop();
    }
  } else {
    ImGui::TextDisabled("measuring...");
  }
}

nlohmann::json AssetsPanel::dump(const Viewer& v) const {
  nlohmann::json j = nlohmann::json::object();
  if (!v.data || !v.data->asset_index) return j;
  const AssetSet& set = v.data->asset_index->set();
  j["within_m"] = within_;
  j["current"] = current(v);
  j["files"] = v.data->sources.assets;
  nlohmann::json cats = nlohmann::json::array();
  for (size_t c = 0; c < set.categories.size(); ++c) {
    nlohmann::json e = {{"name", set.categories[c]},
                        {"colour", to_hex(colour_[c])},
                        {"shape", int(shape_[c])},
                        {"count", count_[c]},
                        {"visible", bool(visible_[c])}};
    if (c < category_boxes_.size()) {
      const auto& r = category_boxes_[c];
      e["rect"] = {r.x0, r.y0, r.x1, r.y1};
    }
    cats.push_back(e);
  }
  j["categories"] = cats;
  auto asset = [&](uint32_t a, double d) {
    return nlohmann::json{{"category", set.categories[set.category[a]]},
                          {"name", set.names[a]},
                          {"distance_m", d},
                          {"x", set.pts[a].x},
                          {"y", set.pts[a].y},
                          {"source", v.data->asset_layers[set.layer[a]].source},
                          {"row", set.row[a]}};
  };
  nlohmann::json rows = nlohmann::json::array(), nearest = nlohmann::json::array();
  if (result_) {
    j["error"] = result_->error;
    j["measured_ms"] = result_->ms;
    for (size_t i = 0; i < rows_.size(); ++i) {
      const NearbyAsset& n = result_->near.assets[rows_[i]];
      nlohmann::json e = asset(n.asset, n.distance);
      if (i < row_rects_.size() && row_rects_[i].x1 > row_rects_[i].x0) {
        const auto& r = row_rects_[i];
        e["rect"] = {r.x0, r.y0, r.x1, r.y1};
      }
      rows.push_back(e);
    }
    for (size_t c = 0; c < result_->near.nearest.size(); ++c) {
      const NearbyAsset& n = result_->near.nearest[c];
      if (n.asset != UINT32_MAX && visible_[c]) nearest.push_back(asset(n.asset, n.distance));
    }
    size_t rings = 0;
    for (const auto& p : result_->ring) rings += p.rings.size();
    j["ring_rings"] = rings;
  }
  j["rows"] = rows;
  j["nearest"] = nearest;
  j["sort"] = {{"column", sort_column_}, {"ascending", sort_ascending_}};
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& r : header_rects_) headers.push_back({r.x0, r.y0, r.x1, r.y1});
  j["header_rects"] = headers;
  j["hover"] = hover_ >= 0 ? nlohmann::json(set.row[size_t(hover_)]) : nlohmann::json(nullptr);
  if (selected_ >= 0) {
    uint32_t a = uint32_t(selected_);
    nlohmann::json s = asset(a, 0);
    s.erase("distance_m");
    nlohmann::json attrs = nlohmann::json::object();
    const PointLayer& L = v.data->asset_layers[set.layer[a]];
    for (const auto& col : L.attrs.cols()) attrs[col.name] = col.cell(set.row[a]);
    s["attributes"] = attrs;
    j["selected"] = s;
  } else {
    j["selected"] = nullptr;
  }
  return j;
}

}  // namespace nbhd::view

namespace nbhd::view {

void AssetsPanel::set_shown(Viewer& v, bool on) {
  shown_ = on;
  upload(v);
}

void AssetsPanel::set_within(Viewer& v, double metres) {
  within_ = metres;
  v.dirty = true;
}

void AssetsPanel::set_hidden(Viewer& v, const std::vector<std::string>& names) {
  if (!v.data || !v.data->asset_index) return;
  const auto& cats = v.data->asset_index->set().categories;
  for (size_t c = 0; c < cats.size() && c < visible_.size(); ++c)
    visible_[c] = std::find(names.begin(), names.end(), cats[c]) == names.end();
  if (selected_ >= 0 && !visible_[v.data->asset_index->set().category[size_t(selected_)]]) selected_ = -1;
  upload(v);
  rebuild_rows(v);
}

void AssetsPanel::set_fixed_colours(Viewer& v, std::map<std::string, Rgba> colours) {
  fixed_colours_ = std::move(colours);
  if (!v.data || !v.data->asset_index) return;
  const AssetSet& set = v.data->asset_index->set();
  std::vector<std::string> per_point;
  per_point.reserve(set.size());
  for (uint32_t c : set.category) per_point.push_back(set.categories[c]);
  CategoryColours cc = category_colours(per_point, fixed_colours_);
  for (size_t c = 0; c < set.categories.size() && c < colour_.size(); ++c)
    colour_[c] = cc.colour(set.categories[c]);
  upload(v);
}

std::vector<std::string> AssetsPanel::hidden_categories(const ViewData& d) const {
  std::vector<std::string> names;
  if (!d.asset_index) return names;
  for (size_t c = 0; c < visible_.size(); ++c)
    if (!visible_[c]) names.push_back(d.asset_index->set().categories[c]);
  return names;
}

const ScreenRect* AssetsPanel::category_box(const std::string& category, const ViewData& d) const {
  if (!d.asset_index) return nullptr;
  const auto& cats = d.asset_index->set().categories;
  auto it = std::find(cats.begin(), cats.end(), category);
  size_t k = size_t(it - cats.begin());
  return it != cats.end() && k < category_boxes_.size() ? &category_boxes_[k] : nullptr;
}

const ScreenRect* AssetsPanel::row_rect(size_t k) const {
  return k < row_rects_.size() && row_rects_[k].x1 > row_rects_[k].x0 ? &row_rects_[k] : nullptr;
}

}  // namespace nbhd::view
