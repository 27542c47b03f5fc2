// Assets: the community assets near the selection. Category toggles (symbol colour and count; a hidden
// category is neither drawn nor listed), the distance D, the assets within D of the selected areas as
// `nbhd assets --near` measures them (the same engine and boundary rule, geo/proximity), sortable by
// column, the nearest asset of each category however far, and every field of the asset picked on the map
// or in the list. The ring of ground within D of the selection (GEOS buffer) is drawn on the map.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "app/viewer/viewer.hpp"
#include "geo/spatial/buffer.hpp"

namespace nbhd::view {

namespace {

// Magenta: neither a Set1 symbol colour nor the selection's cyan, and it reads over every YlOrRd class.
constexpr Rgba kRingColour{230, 0, 200, 255};
constexpr float kRingWidth = 2.0f;
// A click within this many (window) pixels of a symbol's centre picks the asset rather than the area.
constexpr double kPickPx = 6;
const PointStyle kSymbol{3.5f, {255, 255, 255, 255}, 1.0f};  // as the viewer drew assets before

ImU32 im(Rgba c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

// Runs on a worker thread: reads only the loaded data, which is immutable and held by the job until it
// ends (the next load also waits for it: Viewer::assets_unloading, so no result for old data arrives).
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
void rebuild_rows(Viewer& v) {
  AssetsView& A = v.assets;
  A.rows.clear();
  if (!A.result || !v.data || !v.data->asset_index) return;
  const AssetSet& set = v.data->asset_index->set();
  const auto& near = A.result->near.assets;
  for (uint32_t i = 0; i < near.size(); ++i)
    if (A.visible[set.category[near[i].asset]]) A.rows.push_back(i);
  auto key = [&](uint32_t i, uint32_t j) -> int {  // <0, 0, >0 on the sort column
    const NearbyAsset &a = near[i], &b = near[j];
    switch (A.sort_column) {
      case 0:
        return set.categories[set.category[a.asset]].compare(set.categories[set.category[b.asset]]);
      case 1:
        return set.names[a.asset].compare(set.names[b.asset]);
      default:
        return a.distance < b.distance ? -1 : a.distance > b.distance ? 1 : 0;
    }
  };
  std::sort(A.rows.begin(), A.rows.end(), [&](uint32_t i, uint32_t j) {
    int k = key(i, j);
    if (k != 0) return A.sort_ascending ? k < 0 : k > 0;
    if (near[i].distance != near[j].distance) return near[i].distance < near[j].distance;
    return near[i].asset < near[j].asset;
  });
}

void upload_ring(Viewer& v) {
  if (!v.scene) return;
  std::vector<Ring> rings;
  if (v.assets.result)
    for (const auto& poly : v.assets.result->ring)
      for (const auto& r : poly.rings) rings.push_back(r);
  v.scene->set_overlay(rings, LineStyle{kRingColour, kRingWidth});
  v.dirty = true;
}

std::string metres(double d) {
  if (!std::isfinite(d)) return "-";
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", d);
  return b;
}

}  // namespace

void Viewer::assets_unloading() {
  if (assets.job.valid()) assets.job.wait();
  // A reload (another table joined, assets added) keeps the categories the user switched off.
  if (data && data->asset_index && assets.hidden_pending.empty())
    for (size_t c = 0; c < assets.visible.size(); ++c)
      if (!assets.visible[c]) assets.hidden_pending.push_back(data->asset_index->set().categories[c]);
}

void Viewer::assets_loaded() {
  AssetsView& A = assets;
  A.result.reset();
  A.selected = A.hover = -1;
  A.rows.clear();
  A.colour.clear();
  A.count.clear();
  A.visible.clear();
  if (scene) scene->set_overlay({}, {});
  if (!data || !data->asset_index) {
    upload_assets();
    return;
  }
  const AssetSet& set = data->asset_index->set();
  std::vector<std::string> per_point;
  per_point.reserve(set.size());
  for (uint32_t c : set.category) per_point.push_back(set.categories[c]);
  cli::CategoryColours cc = cli::category_colours(per_point);
  A.count = set.category_counts();
  for (const auto& name : set.categories) {
    A.colour.push_back(cc.colour(name));
    A.visible.push_back(std::find(A.hidden_pending.begin(), A.hidden_pending.end(), name) ==
                        A.hidden_pending.end());
  }
  A.hidden_pending.clear();
  upload_assets();
}

void Viewer::upload_assets() {
  if (!scene) return;
  std::vector<Point> pts;
  std::vector<Rgba> colours;
  if (data && data->asset_index && assets_on) {
    const AssetSet& set = data->asset_index->set();
    for (size_t i = 0; i < set.size(); ++i)
      if (assets.visible[set.category[i]]) {
        pts.push_back(set.pts[i]);
        colours.push_back(assets.colour[set.category[i]]);
      }
  }
  scene->set_points(pts, colours, kSymbol);
  dirty = true;
}

bool Viewer::assets_current() const {
  if (!data || !data->asset_index || selection.empty()) return !assets.job.valid();
  return !assets.job.valid() && assets.result && assets.result->key == NearKey{selection, assets.within};
}

void Viewer::assets_update() {
  AssetsView& A = assets;
  using namespace std::chrono_literals;
  if (A.job.valid() && A.job.wait_for(0s) == std::future_status::ready) {
    A.result = A.job.get();
    rebuild_rows(*this);
    upload_ring(*this);
  }
  if (!data || !data->asset_index || selection.empty()) {
    if (A.result && !A.job.valid()) {
      A.result.reset();
      A.rows.clear();
      upload_ring(*this);
    }
    return;
  }
  NearKey key{selection, A.within};
  if (A.job.valid() || (A.result && A.result->key == key)) return;  // one at a time; the next when it ends
  A.job = std::async(std::launch::async, measure, data, key);
}

int Viewer::pick_asset(double fx, double fy) const {
  if (!data || !data->asset_index || !assets_on) return -1;
  const AssetSet& set = data->asset_index->set();
  float sx = ImGui::GetIO().DisplayFramebufferScale.x;
  double tol = kPickPx * (sx > 0 ? sx : 1) * cam.mpp;
  Point w = cam.world(fx, fy);
  int best = -1;
  double bd = std::numeric_limits<double>::infinity();
  data->asset_index->all().query(BBox{w.x - tol, w.y - tol, w.x + tol, w.y + tol}, [&](uint32_t id, Point p) {
    if (!assets.visible[set.category[id]]) return;
    double d = std::hypot(p.x - w.x, p.y - w.y);
    // Of equally near symbols, the one drawn last (on top) wins.
    if (d <= tol && (d < bd || (d == bd && int(id) > best))) bd = d, best = int(id);
  });
  return best;
}

void Viewer::select_asset(int a, bool pan) {
  assets.selected = a;
  if (pan && a >= 0 && data && data->asset_index) cam.centre = data->asset_index->set().pts[size_t(a)];
  dirty = true;
}

void Viewer::asset_tooltip() {
  const AssetSet& set = data->asset_index->set();
  size_t a = size_t(assets.hover);
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(set.names[a].empty() ? "(unnamed)" : set.names[a].c_str());
  ImGui::TextDisabled("%s", set.categories[set.category[a]].c_str());
  ImGui::EndTooltip();
}

void Viewer::panel_assets() {
  AssetsView& A = assets;
  A.category_boxes.clear();
  A.row_rects.clear();
  if (!data || !data->asset_index) return;
  const AssetSet& set = data->asset_index->set();
  ImGuiIO& io = ImGui::GetIO();
  if (A.selected >= 0) {
    // Mark the picked asset over the map (the background list is above the map, below the panels).
    float sx = io.DisplayFramebufferScale.x > 0 ? io.DisplayFramebufferScale.x : 1;
    Point p = set.pts[size_t(A.selected)];
    double k = 1 / cam.mpp;
    ImVec2 c(float((cam.w / 2.0 + (p.x - cam.centre.x) * k) / sx),
             float((cam.h / 2.0 - (p.y - cam.centre.y) * k) / sx));
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
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + sh / 2, p.y + sh / 2 + 2), sh / 2 - 1,
                                                im(A.colour[c]));
    ImGui::SameLine();
    bool on = A.visible[c];
    char label[160];
    std::snprintf(label, sizeof label, "%s (%zu)", set.categories[c].c_str(), A.count[c]);
    if (ImGui::Checkbox(label, &on)) {
      A.visible[c] = on;
      toggled = true;
    }
    ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
    A.category_boxes.push_back({a.x, a.y, z.x, z.y});
    ImGui::PopID();
  }
  if (cats_open) {
    if (ImGui::SmallButton("all")) std::fill(A.visible.begin(), A.visible.end(), 1), toggled = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("none")) std::fill(A.visible.begin(), A.visible.end(), 0), toggled = true;
    ImGui::TreePop();
  }
  if (toggled) {
    if (A.selected >= 0 && !A.visible[set.category[size_t(A.selected)]]) A.selected = -1;
    upload_assets();
    rebuild_rows(*this);
  }

  // Distance
  ImGui::Separator();
  double lo = 0, hi = 10000;
  ImGui::SetNextItemWidth(-60);
  bool dchange = ImGui::SliderScalar("##D", ImGuiDataType_Double, &A.within, &lo, &hi, "%.0f m",
                                     ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::TextUnformatted("within");
  ImGui::SetNextItemWidth(-60);
  dchange |= ImGui::InputDouble("##Dm", &A.within, 100, 1000, "%.1f");
  ImGui::SameLine();
  ImGui::TextUnformatted("metres");
  if (dchange) {
    if (!(A.within >= 0) || !std::isfinite(A.within)) A.within = 0;
    dirty = true;
  }

  // The picked asset (on the map or in the list): every field of its file, above the list so it is seen.
  if (A.selected >= 0) {
    size_t a = size_t(A.selected);
    const PointLayer& L = data->asset_layers[set.layer[a]];
    ImGui::Separator();
    ImGui::TextWrapped("%s: %s", set.categories[set.category[a]].c_str(),
                       set.names[a].empty() ? "(unnamed)" : set.names[a].c_str());
    if (ImGui::SmallButton("Go to")) select_asset(A.selected, true);
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) A.selected = -1;
    if (A.selected >= 0 &&
        ImGui::BeginTable("attrs", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const auto& col : L.attrs.cols()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(col.name.c_str());
        ImGui::TableNextColumn();
        std::string v = col.cell(set.row[a]);
        ImGui::TextUnformatted(v.empty() ? "-" : v.c_str());
      }
      ImGui::EndTable();
    }
  }

  if (selection.empty()) {
    ImGui::TextDisabled("select an area to list the assets near it");
  } else if (A.result) {
    const NearJob& r = *A.result;
    if (!r.error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", r.error.c_str());
    ImGui::Text("%zu assets within %s m of %zu area%s%s", A.rows.size(), metres(r.key.within).c_str(),
                r.key.areas.size(), r.key.areas.size() == 1 ? "" : "s",
                assets_current() ? "" : "  (measuring...)");
    ImGuiTableFlags tf = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                         ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("near", 3, tf, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 12))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("category", A.sort_column == 0 ? ImGuiTableColumnFlags_DefaultSort : 0, 1.4f);
      ImGui::TableSetupColumn("name", A.sort_column == 1 ? ImGuiTableColumnFlags_DefaultSort : 0, 1.7f);
      ImGui::TableSetupColumn("dist (m)",
                              (A.sort_column == 2 ? ImGuiTableColumnFlags_DefaultSort : 0) |
                                  ImGuiTableColumnFlags_PreferSortAscending,
                              0.9f);
      // The header row by hand, to know where each header was drawn (the script clicks them in tests).
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      A.header_rects.clear();
      for (int c = 0; c < 3; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
        A.header_rects.push_back({a.x, a.y, z.x, z.y});
      }
      if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs(); ss && ss->SpecsDirty) {
        if (ss->SpecsCount > 0) {
          A.sort_column = ss->Specs[0].ColumnIndex;
          A.sort_ascending = ss->Specs[0].SortDirection != ImGuiSortDirection_Descending;
        }
        rebuild_rows(*this);
        ss->SpecsDirty = false;
      }
      A.row_rects.assign(A.rows.size(), ScreenRect{});
      ImGuiListClipper clip;
      clip.Begin(int(A.rows.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const NearbyAsset& n = r.near.assets[A.rows[size_t(i)]];
          ImGui::PushID(i);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          uint32_t c = set.category[n.asset];
          ImVec2 p = ImGui::GetCursorScreenPos();
          ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + sh / 2, p.y + sh / 2), sh / 2 - 2,
                                                      im(A.colour[c]));
          ImGui::Indent(sh + 2);
          if (ImGui::Selectable(set.categories[c].c_str(), A.selected == int(n.asset),
                                ImGuiSelectableFlags_SpanAllColumns))
            select_asset(int(n.asset), true);
          ImGui::Unindent(sh + 2);
          ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
          A.row_rects[size_t(i)] = {a.x, a.y, z.x, z.y};
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(set.names[n.asset].empty() ? "(unnamed)" : set.names[n.asset].c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(metres(n.distance).c_str());
          ImGui::PopID();
        }
      ImGui::EndTable();
    }
    if (ImGui::TreeNodeEx("Nearest of each category", ImGuiTreeNodeFlags_DefaultOpen)) {
      if (ImGui::BeginTable("nearest", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (size_t c = 0; c < r.near.nearest.size(); ++c) {
          const NearbyAsset& n = r.near.nearest[c];
          if (n.asset == UINT32_MAX || !A.visible[c]) continue;
          ImGui::PushID(int(c));
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          if (ImGui::Selectable(set.categories[c].c_str(), A.selected == int(n.asset),
                                ImGuiSelectableFlags_SpanAllColumns))
            select_asset(int(n.asset), true);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(set.names[n.asset].empty() ? "(unnamed)" : set.names[n.asset].c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(metres(n.distance).c_str());
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

nlohmann::json Viewer::assets_dump() const {
  nlohmann::json j = nlohmann::json::object();
  if (!data || !data->asset_index) return j;
  const AssetsView& A = assets;
  const AssetSet& set = data->asset_index->set();
  j["within_m"] = A.within;
  j["current"] = assets_current();
  j["files"] = data->sources.assets;
  nlohmann::json cats = nlohmann::json::array();
  for (size_t c = 0; c < set.categories.size(); ++c) {
    nlohmann::json e = {{"name", set.categories[c]},
                        {"colour", to_hex(A.colour[c])},
                        {"count", A.count[c]},
                        {"visible", bool(A.visible[c])}};
    if (c < A.category_boxes.size()) {
      const auto& r = A.category_boxes[c];
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
                          {"source", data->asset_layers[set.layer[a]].source},
                          {"row", set.row[a]}};
  };
  nlohmann::json rows = nlohmann::json::array(), nearest = nlohmann::json::array();
  if (A.result) {
    j["error"] = A.result->error;
    j["measured_ms"] = A.result->ms;
    for (size_t i = 0; i < A.rows.size(); ++i) {
      const NearbyAsset& n = A.result->near.assets[A.rows[i]];
      nlohmann::json e = asset(n.asset, n.distance);
      if (i < A.row_rects.size() && A.row_rects[i].x1 > A.row_rects[i].x0) {
        const auto& r = A.row_rects[i];
        e["rect"] = {r.x0, r.y0, r.x1, r.y1};
      }
      rows.push_back(e);
    }
    for (size_t c = 0; c < A.result->near.nearest.size(); ++c) {
      const NearbyAsset& n = A.result->near.nearest[c];
      if (n.asset != UINT32_MAX && A.visible[c]) nearest.push_back(asset(n.asset, n.distance));
    }
    size_t rings = 0;
    for (const auto& p : A.result->ring) rings += p.rings.size();
    j["ring_rings"] = rings;
  }
  j["rows"] = rows;
  j["nearest"] = nearest;
  j["sort"] = {{"column", A.sort_column}, {"ascending", A.sort_ascending}};
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& r : A.header_rects) headers.push_back({r.x0, r.y0, r.x1, r.y1});
  j["header_rects"] = headers;
  j["hover"] = A.hover >= 0 ? nlohmann::json(set.row[size_t(A.hover)]) : nlohmann::json(nullptr);
  if (A.selected >= 0) {
    uint32_t a = uint32_t(A.selected);
    nlohmann::json s = asset(a, 0);
    s.erase("distance_m");
    nlohmann::json attrs = nlohmann::json::object();
    const PointLayer& L = data->asset_layers[set.layer[a]];
    for (const auto& col : L.attrs.cols()) attrs[col.name] = col.cell(set.row[a]);
    s["attributes"] = attrs;
    j["selected"] = s;
  } else {
    j["selected"] = nullptr;
  }
  return j;
}

}  // namespace nbhd::view
