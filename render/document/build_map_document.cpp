#include "render/document/build_map_document.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/error.hpp"
#include "geo/vector/basemap.hpp"
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

PointSymbols point_symbols(const PointLayer& assets, const std::map<std::string, Rgba>& fixed) {
  CategoryColours cc = category_colours(assets.categories, fixed);
  PointSymbols ps;
  ps.title = assets.category_field.empty() ? "Assets" : "Assets by " + assets.category_field;
  ps.pts = &assets.pts;
  ps.legend = cc.legend;
  for (const auto& c : assets.categories) {
    CategorySymbol sym = cc.symbol(c);
    ps.colours.push_back(sym.colour);
    ps.shapes.push_back(sym.shape);
  }
  return ps;
}

}  // namespace

namespace {

// The text of `field` for every feature: a field of the table, or the layer's detected name or code field
// (also as "name" / "code").
std::vector<std::string> field_texts(const AreaLayer& L, const std::string& field) {
  if (auto k = L.attrs.find(field)) {
    std::vector<std::string> out;
    const Column& c = L.attrs.col(*k);
    for (size_t i = 0; i < L.size(); ++i) out.push_back(c.cell(i));
    return out;
  }
  if (field == L.name_field || (field == "name" && !L.name_field.empty())) return L.names;
  if (field == L.key_field || field == "code") return L.codes;
  std::string fields;
  for (const auto& c : L.attrs.cols()) fields += (fields.empty() ? "" : ", ") + c.name;
  throw Error(L.source + " has no field '" + field + "' to label the map with; its fields are: " + fields);
}

// Opens the basemap now, so an unreadable one stops before any output is written.
void add_basemap(MapDocument& doc, const MapDocumentOptions& o) {
  if (!(o.basemap_opacity >= 0 && o.basemap_opacity <= 1))
    throw Error("the fills' opacity over a basemap must be between 0 and 1, not " +
                std::to_string(o.basemap_opacity));
  Basemap bm(o.basemap, doc.crs);
  if (!bm.extent().intersects(doc.extent)) {
    doc.warnings.push_back(
        "basemap " + o.basemap + " does not overlap the map (it covers " +
        std::to_string(long(bm.extent().minx)) + "," + std::to_string(long(bm.extent().miny)) + " to " +
        std::to_string(long(bm.extent().maxx)) + "," + std::to_string(long(bm.extent().maxy)) + " in " +
        doc.crs + "); the map is drawn without it");
    return;
  }
  doc.basemap = MapBasemap{o.basemap, o.basemap_opacity};
  std::string credit = o.basemap_attribution.empty() ? bm.attribution() : o.basemap_attribution;
  if (doc.attribution.empty())
    doc.attribution.push_back(credit);
  else
    doc.attribution.back() += "; " + credit;
}

}  // namespace

LabelLayer label_layer(const AreaLayer& L, const std::string& field, double size_pt, bool bold) {
  LabelLayer ll;
  ll.texts = field_texts(L, field);
  ll.anchors = label_points(L.geoms);
  ll.size_pt = size_pt;
  ll.bold = bold;
  return ll;
}

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
  if (assets) doc.points = point_symbols(*assets, o.category_colours);
  // Outline layers' names first: a ward or local authority name wins over the small areas' under it.
  for (const auto& ol : outlines)
    if (!ol.label_field.empty()) doc.labels.push_back(label_layer(*ol.layer, ol.label_field, 7.5, true));
  if (!o.label_field.empty()) {
    doc.labels.push_back(label_layer(L, o.label_field, 6, false));
    doc.labels.back().selected.assign(L.size(), 0);
    for (uint32_t a : o.selection)
      if (a < L.size()) doc.labels.back().selected[a] = 1;
  }
  const ColumnLabels& names = o.labels;
  doc.title = o.title.value_or(names.label(o.column) + (L.code_kind.empty() ? "" : " by " + L.code_kind));
  doc.subtitle = o.subtitle.empty() && !doc.bivariate ? names.direction(o.column) : o.subtitle;
  doc.legend_title = o.legend_title.value_or(doc.bivariate ? "" : names.title(o.column));
  std::vector<std::string> mapped{o.column};
  if (doc.bivariate) {
    mapped.push_back(doc.bivariate->y_title);  // style_map names the axes by their columns
    doc.bivariate->x_title = names.title(doc.bivariate->x_title);
    doc.bivariate->y_title = names.title(doc.bivariate->y_title);
  }
  for (const auto& s : o.sources) doc.attribution.push_back(s);
  for (const auto& c : mapped) {
    std::string line = names.source_line(c);
    if (!line.empty() &&
        std::find(doc.attribution.begin(), doc.attribution.end(), line) == doc.attribution.end())
      doc.attribution.push_back(line);
  }
  doc.selection = o.selection;
  if (!o.basemap.empty()) add_basemap(doc, o);
  return doc;
}

}  // namespace nbhd
