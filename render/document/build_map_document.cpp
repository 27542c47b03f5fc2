#include "render/document/build_map_document.hpp"

#include <cctype>
#include <filesystem>

#include "render/document/extent.hpp"

namespace nbhd {

namespace {

// Area borders at print sizes turn a national map of 33,000 small areas into a grey mesh: above this many
// visible areas they are left out unless asked for.
constexpr size_t kMostAreasWithBorders = 4000;

BBox map_extent(const AreaLayer& L, const MapDocumentOptions& o) {
  if (!o.focus.empty()) return padded(extent_of(L, focus_areas(L, o.focus)), o.padding);
  if (o.bbox) return *o.bbox;
  BBox all;
  for (const auto& g : L.geoms) all.expand(bbox_of(g));
  return padded(all, o.layout ? 0.01 : 0.0);
}

PointSymbols point_symbols(const PointLayer& assets) {
  CategoryColours cc = category_colours(assets.categories);
  PointSymbols ps;
  ps.title = assets.category_field.empty() ? "Assets" : "Assets by " + assets.category_field;
  ps.pts = &assets.pts;
  ps.legend = cc.legend;
  for (const auto& c : assets.categories) ps.colours.push_back(cc.colour(c));
  return ps;
}

}  // namespace

std::string outline_label(const AreaLayer& layer, const std::string& path) {
  std::string label =
      layer.code_kind.empty() ? std::filesystem::path(path).stem().string() : layer.code_kind + " boundaries";
  if (!label.empty()) label[0] = char(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

MapDocument build_map_document(const AreaLayer& L, const MapStyle& style,
                               const std::vector<MapOutline>& outlines, const PointLayer* assets,
                               const MapDocumentOptions& o) {
  MapDocument doc;
  doc.areas = &L.geoms;
  doc.crs = L.working_crs;
  doc.fills = style.fills;
  doc.legend = style.legend;
  doc.no_data = style.no_data;
  doc.bivariate = style.bivariate;
  doc.extent = map_extent(L, o);
  size_t visible = 0;
  for (const auto& g : L.geoms) visible += bbox_of(g).intersects(doc.extent);
  doc.border_width_pt = o.border_width_pt.value_or(visible > kMostAreasWithBorders ? 0.0 : 0.2);
  for (const auto& ol : outlines) {
    OutlineLayer layer;
    layer.label = outline_label(*ol.layer, ol.path);
    layer.geoms = &ol.layer->geoms;
    doc.outlines.push_back(layer);
  }
  if (assets) doc.points = point_symbols(*assets);
  doc.title = o.title.value_or(o.column + (L.code_kind.empty() ? "" : " by " + L.code_kind));
  doc.subtitle = o.subtitle;
  doc.legend_title = o.legend_title.value_or(doc.bivariate ? "" : o.column);
  for (const auto& s : o.sources) doc.attribution.push_back(s);
  doc.selection = o.selection;
  return doc;
}

}  // namespace nbhd
