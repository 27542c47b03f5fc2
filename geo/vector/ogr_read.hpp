#pragma once
// Reading one OGR layer into memory: geometry as model polygons (source CRS) and every field's cells.
// Shared by load_areas and load_points; reprojection and repair happen afterwards, in parallel.
#include <atomic>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/geometry.hpp"
#include "geo/model/table.hpp"
#include "geo/vector/ogr_source.hpp"

namespace nbhd {

struct RawField {
  std::string name;
  ColumnType type;                // from the OGR field definition
  std::vector<std::string> text;  // Text fields
  std::vector<double> num;        // numeric fields (NaN = null)
};

struct RawLayer {
  std::vector<MultiPolygon> polys;  // polygon layers: one per feature (empty = null/empty geometry)
  std::vector<Point> points;        // point layers: one per feature
  std::vector<char> has_point;      // point layers: 0 = null/empty geometry
  std::vector<RawField> fields;
  std::vector<long long> fids;
  size_t size() const { return fids.size(); }
};

// Reads every feature. For LayerKind::Points, polygons are kept in `polys` so the caller can reduce them
// to a point on surface. Progress covers [p0, p1].
//
// When `published` is given and the layer's feature count is known cheaply, the vectors are sized up front
// and `published` is advanced as features land, so other threads may process features [0, published)
// while reading goes on (the vectors never reallocate). `expected` receives that count (0 when unknown).
void read_layer(const OgrSource& src, LayerKind kind, const std::string& path, RawLayer& raw,
                const Progress& progress, double p0, double p1, std::atomic<size_t>* published = nullptr,
                size_t* expected = nullptr);

// raw.fields from the layer's field definitions (no cells yet).
void read_field_definitions(const OgrSource& src, RawLayer& raw);
// Sizes every per-feature vector of raw (fields included) to n features.
void size_raw_layer(RawLayer& raw, LayerKind kind, size_t n);
// Appends g's polygons to out (multipolygons and collections flattened, curves linearised); other
// geometries add nothing.
void read_polygonal(OGRGeometryH g, MultiPolygon& out);

// The layer's feature count if the driver knows it cheaply, else 0.
size_t cheap_feature_count(const OgrSource& src);

// Builds a Table from the fields, keeping only rows where keep[i] is true.
Table fields_to_table(std::vector<RawField>& fields, const std::vector<char>& keep,
                      const std::string& source);

// Reprojects points in place with a transform from make_transform (no-op when null). Throws when a point
// cannot be reprojected (outside the CRS's area of use).
void transform_points(OGRCoordinateTransformationH ct, std::vector<Point>& pts, std::vector<double>& sx,
                      std::vector<double>& sy);

}  // namespace nbhd
