#include "geo/spatial/knn.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"

namespace nbhd {

Point centroid(const MultiPolygon& mp) {
  double a = 0, cx = 0, cy = 0;
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings)
      for (size_t k = 0; k + 1 < ring.size(); ++k) {
        double c = ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y;
        a += c;
        cx += (ring[k].x + ring[k + 1].x) * c;
        cy += (ring[k].y + ring[k + 1].y) * c;
      }
  if (a == 0) {  // degenerate: the mean of the vertices
    size_t n = 0;
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings)
        for (const auto& p : ring) cx += p.x, cy += p.y, ++n;
    return n ? Point{cx / double(n), cy / double(n)} : Point{};
  }
  return {cx / (3 * a), cy / (3 * a)};
}

std::vector<Point> centroids(const std::vector<MultiPolygon>& areas) {
  std::vector<Point> out(areas.size());
  parallel_for(areas.size(), 256, 0, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) out[i] = centroid(areas[i]);
  });
  return out;
}

namespace {

// Points bucketed in a uniform grid, so a search visits rings of cells around a point.
class Grid {
 public:
  explicit Grid(const std::vector<Point>& pts) {
    for (const auto& p : pts) box_.expand(p);
    double area = std::max(box_.width() * box_.height(), 1e-12);
    const double n = double(std::max<size_t>(pts.size(), 1));
    // About 2 points per cell; never finer than the longer side / n, so points on a line (no area) do not
    // make millions of empty cells.
    cell_ = std::max(std::sqrt(2 * area / n), std::max(box_.width(), box_.height()) / n);
    if (!(cell_ > 0)) cell_ = 1;
    nx_ = std::max<long>(1, std::min<long>(1 << 14, long(box_.width() / cell_) + 1));
    ny_ = std::max<long>(1, std::min<long>(1 << 14, long(box_.height() / cell_) + 1));
    start_.assign(size_t(nx_ * ny_) + 1, 0);
    for (const auto& p : pts) start_[cell_of(p) + 1]++;
    for (size_t c = 0; c + 1 < start_.size(); ++c) start_[c + 1] += start_[c];
    items_.resize(pts.size());
    std::vector<uint32_t> fill(start_.begin(), start_.end() - 1);
    for (size_t i = 0; i < pts.size(); ++i) items_[fill[cell_of(pts[i])]++] = uint32_t(i);
  }
  long cx(double x) const { return std::clamp(long((x - box_.minx) / cell_), 0L, nx_ - 1); }
  long cy(double y) const { return std::clamp(long((y - box_.miny) / cell_), 0L, ny_ - 1); }
  size_t cell_of(Point p) const { return size_t(cy(p.y) * nx_ + cx(p.x)); }
  // Calls fn(index) for every point in the cells on the square ring at Chebyshev distance r around (gx, gy).
  template <class F>
  void ring(long gx, long gy, long r, F&& fn) const {
    for (long y = std::max(0L, gy - r); y <= std::min(ny_ - 1, gy + r); ++y) {
      bool edge = y == gy - r || y == gy + r;
      if (edge) {
        for (long x = std::max(0L, gx - r); x <= std::min(nx_ - 1, gx + r); ++x) visit(y * nx_ + x, fn);
        continue;
      }
      for (long x : {gx - r, gx + r}) {
        if (x < 0 || x >= nx_) continue;
        visit(y * nx_ + x, fn);
      }
    }
  }
  template <class F>
  void visit(long cell, F& fn) const {
    for (uint32_t k = start_[size_t(cell)]; k < start_[size_t(cell) + 1]; ++k) fn(items_[k]);
  }
  long max_ring() const { return std::max(nx_, ny_); }
  double cell() const { return cell_; }

 private:
  BBox box_;
  double cell_ = 1;
  long nx_ = 1, ny_ = 1;
  std::vector<uint32_t> start_, items_;
};

struct Cand {
  double d2;
  uint32_t j;
  bool operator<(const Cand& o) const { return d2 != o.d2 ? d2 < o.d2 : j < o.j; }
};

// The k nearest of point i (ties to the lower index), nearest first.
void nearest(const Grid& g, const std::vector<Point>& pts, size_t i, size_t k, std::vector<Cand>& out) {
  out.clear();
  const Point p = pts[i];
  long gx = g.cx(p.x), gy = g.cy(p.y);
  for (long r = 0; r <= g.max_ring(); ++r) {
    g.ring(gx, gy, r, [&](uint32_t j) {
      if (j == i) return;
      double dx = pts[j].x - p.x, dy = pts[j].y - p.y;
      out.push_back({dx * dx + dy * dy, j});
    });
    // Every point outside rings 0..r is at least r cells away from p's cell edge.
    if (out.size() >= k) {
      std::nth_element(out.begin(), out.begin() + std::ptrdiff_t(k - 1), out.end());
      double reach = double(r) * g.cell();
      if (out[k - 1].d2 < reach * reach) break;
    }
  }
  std::sort(out.begin(), out.end());
  // Keep ties at the k-th distance out: the order above already put the lower index first.
  out.resize(std::min(out.size(), k));
}

// Links are gathered per fixed chunk of areas (not per thread), so their order, and the weights built from
// them, never depend on which pool thread ran which chunk.
size_t link_chunks(size_t n) {
  return std::max<size_t>(1, std::min<size_t>(n / 64, 256));
}
size_t chunk_begin(size_t n, size_t chunks, size_t c) {
  return n * c / chunks;
}

}  // namespace

SpatialWeights knn_weights(const std::vector<Point>& pts, size_t k) {
  const size_t n = pts.size();
  if (k < 1 || n < 2 || k > n - 1)
    throw Error("k = " + std::to_string(k) + " nearest neighbours: k must be between 1 and the " +
                std::to_string(n > 0 ? n - 1 : 0) + " other areas");
  Grid g(pts);
  std::vector<std::vector<Link>> parts(link_chunks(n));
  parallel_for(parts.size(), 1, 0, [&](size_t cb, size_t ce) {
    std::vector<Cand> c;
    for (size_t t = cb; t < ce; ++t)
      for (size_t i = chunk_begin(n, parts.size(), t); i < chunk_begin(n, parts.size(), t + 1); ++i) {
        nearest(g, pts, i, k, c);
        for (const auto& x : c) parts[t].push_back({uint32_t(i), x.j, 1});
      }
  });
  std::vector<Link> links;
  for (auto& p : parts) links.insert(links.end(), p.begin(), p.end());
  return weights_from_links(n, std::move(links), "k nearest neighbours (k = " + std::to_string(k) + ")");
}

SpatialWeights distance_band_weights(const std::vector<Point>& pts, double distance) {
  if (!(distance > 0) || !std::isfinite(distance))
    throw Error("the distance band must be above 0, got " + format_number(distance));
  const size_t n = pts.size();
  Grid g(pts);
  const long reach = long(std::ceil(distance / g.cell())) + 1;
  const double d2 = distance * distance;
  std::vector<std::vector<Link>> parts(link_chunks(n));
  parallel_for(parts.size(), 1, 0, [&](size_t cb, size_t ce) {
    for (size_t t = cb; t < ce; ++t)
      for (size_t i = chunk_begin(n, parts.size(), t); i < chunk_begin(n, parts.size(), t + 1); ++i) {
        const Point p = pts[i];
        long gx = g.cx(p.x), gy = g.cy(p.y);
        for (long r = 0; r <= std::min(reach, g.max_ring()); ++r)
          g.ring(gx, gy, r, [&](uint32_t j) {
            if (j == i) return;
            double dx = pts[j].x - p.x, dy = pts[j].y - p.y;
            if (dx * dx + dy * dy <= d2) parts[t].push_back({uint32_t(i), j, 1});
          });
      }
  });
  std::vector<Link> links;
  for (auto& p : parts) links.insert(links.end(), p.begin(), p.end());
  return weights_from_links(n, std::move(links), "distance band " + format_number(distance));
}

double min_band_without_islands(const std::vector<Point>& pts) {
  if (pts.size() < 2) return 0;
  SpatialWeights w = knn_weights(pts, 1);
  double m = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const Point a = pts[i], b = pts[w.neighbours[w.offsets[i]]];
    m = std::max(m, std::hypot(a.x - b.x, a.y - b.y));
  }
  return m;
}

}  // namespace nbhd
