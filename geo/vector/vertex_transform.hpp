#pragma once
// Reprojection of whole features with a memo of recent vertices. Adjacent areas share their boundary
// vertices (LSOA21: 421,310 vertices, 163,651 distinct), and a datum-shifting transform costs ~500 ns per
// point (EPSG:4326 -> 27700 through a Helmert pipeline), so each distinct source coordinate is sent to
// PROJ once per thread while it is in the memo. Results are bit-identical to transforming every point:
// the memo is keyed by the exact source bits and stores PROJ's own output.
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/vector/tabulated_transform.hpp"

namespace nbhd {

class VertexTransform {
 public:
  // `ct` is not owned and may be null (then transform() is a no-op). One object per thread.
  explicit VertexTransform(OGRCoordinateTransformationH ct);
  // With a table (not owned; shared read-only by every thread): points it covers are interpolated from it,
  // the rest go to PROJ (then results are within the table's tolerance of PROJ's, no longer bit-identical).
  VertexTransform(OGRCoordinateTransformationH ct, const TabulatedTransform* table);

  // Reprojects every ring of mp in place with one PROJ call for the points not in the memo. Throws
  // nbhd::Error naming the first coordinate that cannot be reprojected.
  void transform(MultiPolygon& mp);

  size_t proj_points() const { return proj_points_; }  // points sent to PROJ so far
  size_t memo_hits() const { return hits_; }
  size_t table_points() const { return table_points_; }  // points interpolated from the table

 private:
  struct Slot {
    uint64_t kx, ky;       // source coordinate bits; kx == kEmpty marks a free slot
    double x, y;           // transformed
    bool pending = false;  // sent to PROJ in the current call, not back yet
  };
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // a NaN pattern: never a finite coordinate's bits
  Slot* find(uint64_t kx, uint64_t ky);
  void clear();

  void send_to_proj();  // mx_/my_ through PROJ, results back to sent_ and their slots

  OGRCoordinateTransformationH ct_;
  const TabulatedTransform* table_ = nullptr;
  std::vector<Slot> slots_;
  size_t used_ = 0;
  std::vector<double> mx_, my_;  // points sent to PROJ
  std::vector<int> ok_;
  std::vector<std::pair<Point*, Slot*>> sent_;   // where each sent point goes back, and its memo slot
  std::vector<std::pair<Point*, Slot*>> later_;  // repeats of a sent point, filled from its slot
  size_t proj_points_ = 0, hits_ = 0, table_points_ = 0;
};

}  // namespace nbhd
