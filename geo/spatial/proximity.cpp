#include "geo/spatial/proximity.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "base/error.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/spatial/geos_handle.hpp"

namespace nbhd {

std::vector<size_t> AssetSet::category_counts() const {
  std::vector<size_t> n(categories.size(), 0);
  for (uint32_t c : category) ++n[c];
  return n;
}

AssetSet merge_assets(const std::vector<PointLayer>& layers, const std::vector<std::string>& only) {
  auto label = [](const std::string& c) {
    return c.empty() ? std::string_view(kUncategorised) : std::string_view(c);
  };
  static const std::string blank;
  std::map<std::string, uint32_t, std::less<>> cats;
  size_t total = 0;
  for (const auto& l : layers) {
    total += l.pts.size();
    std::string_view last;  // categories come in runs; skip the map for repeats
    for (const auto& c : l.categories)
      if (label(c) != last || cats.empty()) cats.emplace(label(c), 0), last = label(c);
  }
  if (!only.empty()) {
    std::vector<std::string> present;
    for (const auto& [name, _] : cats) present.push_back(name);
    std::string sources;
    for (const auto& l : layers) sources += (sources.empty() ? "" : ", ") + l.source;
    for (const auto& want : only)
      if (!cats.count(want))
        throw Error("unknown category '" + want + "' in " + sources +
                    "; categories are: " + join_list(present, 30));
    std::map<std::string, uint32_t, std::less<>> kept;
    for (const auto& want : only) kept.emplace(want, 0);
    cats = std::move(kept);
  }
  AssetSet s;
  for (auto& [name, id] : cats) {
    id = static_cast<uint32_t>(s.categories.size());
    s.categories.push_back(name);
  }
  s.pts.reserve(total);
  s.category.reserve(total);
  s.names.reserve(total);
  s.layer.reserve(total);
  s.row.reserve(total);
  constexpr uint32_t kDropped = UINT32_MAX;
  for (uint32_t li = 0; li < layers.size(); ++li) {
    const PointLayer& l = layers[li];
    s.layer_sources.push_back(l.source);
    std::string_view last_label;
    uint32_t last_id = kDropped;
    bool have_last = false;
    for (size_t i = 0; i < l.pts.size(); ++i) {
      std::string_view lab = label(i < l.categories.size() ? l.categories[i] : blank);
      if (!have_last || lab != last_label) {
        auto it = cats.find(lab);
        last_id = it == cats.end() ? kDropped : it->second;
        last_label = lab;
        have_last = true;
      }
      if (last_id == kDropped) continue;
      s.pts.push_back(l.pts[i]);
      s.category.push_back(last_id);
      s.names.push_back(i < l.names.size() ? l.names[i] : std::string());
      s.layer.push_back(li);
      s.row.push_back(static_cast<uint32_t>(i));
    }
  }
  return s;
}

AssetIndex::AssetIndex(AssetSet set)
    : set_(std::move(set)),
      all_(set_.pts),
      by_category_(set_.categories.size()),
      built_(std::make_unique<std::once_flag[]>(set_.categories.size())) {}

const PointIndex& AssetIndex::of(uint32_t category) const {
  // Built on first use (once, even when several worker threads ask at the same moment): counts over all
  // assets never pay for the per-category trees.
  std::call_once(built_[category], [&] {
    std::vector<Point> pts;
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < set_.pts.size(); ++i)
      if (set_.category[i] == category) {
        pts.push_back(set_.pts[i]);
        ids.push_back(i);
      }
    by_category_[category] = PointIndex(pts, ids);
  });
  return by_category_[category];
}

namespace {

BBox point_box(Point p) {
  return BBox{p.x, p.y, p.x, p.y};
}

// One area as GEOS sees it, built on first need by the thread that handles the area.
class PreparedArea {
 public:
  PreparedArea(const GeosContext& c, const MultiPolygon& mp, std::string_view code)
      : c_(c), code_(code), box_(bbox_of(mp)), mp_(mp) {
    size_t n = 0;
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings) n += ring.size();
    scan_ = n <= kScanVertices;
    if (!scan_) return;
    // Runs of consecutive edges with their boxes: a scan skips a run whose box is further than what it
    // has found already, and a point near one side of the area reads a few runs, not every edge.
    for (const auto& poly : mp)
      for (const auto& ring : poly.rings)
        for (size_t i = 0; i + 1 < ring.size(); i += kRun) {
          Run r{&ring, i, std::min(i + kRun, ring.size() - 1), {}};
          for (size_t k = r.first; k <= r.last; ++k) r.box.expand(ring[k]);
          runs_.push_back(r);
        }
  }

  // Up to this many vertices a linear scan of the edges (no allocation, nothing to build) is cheaper
  // than GEOS's indexed facet distance; larger areas (wards, districts) go straight to GEOS.
  static constexpr size_t kScanVertices = 256;

  const BBox& box() const { return box_; }

  // Planar distance from p to the nearest edge of the area (own arithmetic, no allocation). For a point
  // outside the area's box this is the distance to the area. It agrees with GEOS's exact distance to
  // well under slack(), so decisions taken further than that from a threshold are the same as GEOS's;
  // anything closer is left to GEOS.
  //
  // Two shortcuts, neither of which changes a decision: the scan stops at the first edge within `enough`
  // (the caller only needs to know that one is), and skips runs whose box lies further than `beyond` or
  // than the nearest edge found so far (with twice the slack, so rounding never drops the nearest edge).
  // The result is then the exact nearest-edge distance whenever that is below `beyond`, some edge's
  // distance <= `enough` when one is, and otherwise a value >= `beyond`.
  double edge_distance(Point p, double enough = -1,
                       double beyond = std::numeric_limits<double>::infinity()) const {
    double best2 = std::numeric_limits<double>::infinity(), best = best2;
    for (const Run& run : runs_) {
      const double bd = box_distance(point_box(p), run.box);
      if (bd > std::min(best, beyond) + 2 * slack(bd)) continue;
      const Ring& ring = *run.ring;
      for (size_t i = run.first; i < run.last; ++i) {
        const Point a = ring[i], b = ring[i + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
        best2 = std::min(best2, ex * ex + ey * ey);
      }
      best = std::sqrt(best2);
      if (best <= enough) return best;
    }
    return best;
  }
  // Rounding of edge_distance on coordinates of ~1e6 m is ~1e-9 m; the slack is a thousand times that.
  static double slack(double d) { return 1e-6 + 1e-9 * d; }

  // "Distance to the area <= d", exactly: own arithmetic where it is far from the threshold, GEOS's
  // prepared geometry (inside test, then distance) where it is not or the point may be inside.
  bool within_decided(Point p, double d) {
    if (box_distance(point_box(p), box_) > d) return false;
    // Every point of the area lies in its box: when the box's furthest corner is clearly within d, so is
    // the area (most candidates of a small urban area at D of several hundred metres end here).
    const double fx = std::max(p.x - box_.minx, box_.maxx - p.x),
                 fy = std::max(p.y - box_.miny, box_.maxy - p.y);
    if (std::sqrt(fx * fx + fy * fy) <= d - slack(d)) return true;
    if (!scan_) return within(p, d);
    const double e = edge_distance(p, d - slack(d), d + slack(d));
    if (e <= d - slack(d)) return true;  // some edge is clearly within d
    if (!box_.contains(p)) {
      if (e >= d + slack(d)) return false;  // outside the box, so outside the area: clearly too far
      return within(p, d);
    }
    if (e >= d + slack(d)) return intersects(p);  // within d only if inside
    return within(p, d);
  }

  // Distance used to rank candidates in a nearest search: edge distance outside the box (outside the
  // area), GEOS's distance (0 inside) otherwise. The winner's reported distance is always GEOS's.
  double rank_distance(Point p) { return box_.contains(p) || !scan_ ? distance(p) : edge_distance(p); }

  bool intersects(Point p) {
    auto pt = to_geos(c_, p);
    char r = GEOSPreparedIntersects_r(c_, prepared(), pt.get());
    if (r == 2) fail("test a point against");
    return r == 1;
  }
  bool within(Point p, double d) {
    auto pt = to_geos(c_, p);
    char r = GEOSPreparedDistanceWithin_r(c_, prepared(), pt.get(), d);
    if (r == 2) fail("measure a distance to");
    return r == 1;
  }
  double distance(Point p) {
    auto pt = to_geos(c_, p);
    double d = 0;
    if (GEOSPreparedDistance_r(c_, prepared(), pt.get(), &d) != 1) fail("measure a distance to");
    return d;
  }

 private:
  const GEOSPreparedGeometry* prepared() {
    if (!prep_) {
      geom_ = to_geos(c_, mp_);
      if (!geom_) fail("build");
      prep_ = PreparedPtr(GEOSPrepare_r(c_, geom_.get()), PreparedDeleter{c_.get()});
      if (!prep_) fail("prepare");
    }
    return prep_.get();
  }
  [[noreturn]] void fail(const char* what) const {
    throw Error("GEOS could not " + std::string(what) + " area " + std::string(code_) + ": " +
                c_.last_error() + "; check the boundary file's geometry (nbhd info reports repairs)");
  }

  struct Run {
    const Ring* ring;
    size_t first, last;  // the edges (ring[i], ring[i + 1]) for i in [first, last)
    BBox box;
  };
  static constexpr size_t kRun = 16;

  const GeosContext& c_;
  std::string_view code_;
  BBox box_;
  const MultiPolygon& mp_;
  bool scan_ = true;
  std::vector<Run> runs_;  // scanned areas only
  GeomPtr geom_{nullptr, GeomDeleter{nullptr}};
  PreparedPtr prep_{nullptr, PreparedDeleter{nullptr}};
};

BBox grown(BBox b, double d) {
  b.minx -= d;
  b.miny -= d;
  b.maxx += d;
  b.maxy += d;
  return b;
}

// Nearest asset of one tree to one area: box distance to the area's bbox is a lower bound of the exact
// distance to the polygon inside it.
NearbyAsset nearest_in(const PointIndex& idx, const std::vector<Point>& pts, PreparedArea& area) {
  // The bound is shaved by the edge-distance slack so rounding in rank_distance never prunes a tie.
  auto [id, d] = idx.nearest([&](const BBox& b) { return std::max(0.0, box_distance(b, area.box()) - 1e-6); },
                             [&](uint32_t, Point p) { return area.rank_distance(p); });
  if (id == UINT32_MAX) return {id, d};
  return {id, area.distance(pts[id])};
}

void check_within(double within) {
  if (!(within >= 0) || !std::isfinite(within))
    throw Error("the distance D must be a number of metres >= 0, got " + format_number(within));
}

// Runs work(row) for rows [0, n) on up to `threads` pool threads (the caller's included), each with its own
// GEOS context. Progress is reported from the calling thread only.
template <class Work>
void parallel_rows(size_t n, unsigned threads, const Progress& progress, std::string_view stage,
                   Work&& work) {
  if (threads == 0) threads = pool_threads();
  const size_t chunk = std::clamp<size_t>(n / (threads * 16 + 1), 1, 256);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<size_t> done{0};
  parallel_team(n, chunk, threads, [&](ChunkQueue& rows) {
    GeosContext ctx;
    const bool reports = std::this_thread::get_id() == caller;
    while (auto c = rows.next()) {
      for (size_t r = c.begin; r < c.end; ++r) work(ctx, r);
      size_t d = done.fetch_add(c.end - c.begin) + (c.end - c.begin);
      if (reports) report(progress, static_cast<double>(d) / static_cast<double>(n), stage);
    }
  });
  report(progress, 1.0, stage);
}

}  // namespace

AreaProximity proximity_per_area(const AreaLayer& areas, const AssetIndex& assets,
                                 const ProximityOptions& opt, const Progress& progress) {
  check_within(opt.within);
  const AssetSet& set = assets.set();
  AreaProximity r;
  r.within = opt.within;
  r.groups = opt.per_category ? 1 + set.categories.size() : 1;
  if (opt.areas.empty()) {
    r.areas.resize(areas.size());
    for (size_t i = 0; i < areas.size(); ++i) r.areas[i] = i;
  } else {
    r.areas = opt.areas;
    for (size_t a : r.areas)
      if (a >= areas.size()) throw Error("internal: area index out of range in proximity_per_area");
  }
  const size_t n = r.areas.size();
  if (opt.inside) r.inside.assign(n * r.groups, 0);
  if (opt.within_counts) r.within_n.assign(n * r.groups, 0);
  if (opt.nearest) r.nearest.assign(n * r.groups, std::numeric_limits<double>::infinity());
  const double D = opt.within;
  const bool per_cat = opt.per_category;
  const AreaProximity* known = opt.known_inside;
  if (known && (known->groups != r.groups || known->inside.size() != areas.size() * r.groups))
    throw Error("internal: known inside counts do not match the areas in proximity_per_area");

  parallel_rows(
      n, opt.threads, progress, "measuring assets near areas", [&](const GeosContext& ctx, size_t row) {
        size_t a = r.areas[row];
        PreparedArea area(ctx, areas.geoms[a], areas.codes[a]);
        const size_t base = r.at(row, 0);
        if (opt.inside || opt.within_counts) {
          // Candidates: assets in the area's box grown by D (or the box itself when only inside is
          // wanted).
          BBox q = opt.within_counts ? grown(area.box(), D) : area.box();
          assets.all().query(q, [&](uint32_t id, Point p) {
            bool in = opt.inside && area.box().contains(p) && area.intersects(p);
            bool near = in || (opt.within_counts && area.within_decided(p, D));
            if (in && opt.inside) {
              ++r.inside[base];
              if (per_cat) ++r.inside[base + 1 + set.category[id]];
            }
            if (near && opt.within_counts) {
              ++r.within_n[base];
              if (per_cat) ++r.within_n[base + 1 + set.category[id]];
            }
          });
        }
        if (opt.nearest) {
          for (size_t g = 0; g < r.groups; ++g) {
            if (!opt.nearest_groups.empty() && (g >= opt.nearest_groups.size() || !opt.nearest_groups[g]))
              continue;
            if ((opt.inside && r.inside[base + g] > 0) || (known && known->inside[known->at(a, g)] > 0)) {
              r.nearest[base + g] = 0;  // an asset inside is at distance 0
              continue;
            }
            const PointIndex& idx = g == 0 ? assets.all() : assets.of(static_cast<uint32_t>(g - 1));
            if (idx.empty()) continue;
            r.nearest[base + g] = nearest_in(idx, set.pts, area).distance;
          }
        }
      });
  return r;
}

Table gap_table(const AreaLayer& areas, const AssetSet& set, const AreaProximity& r,
                const Column* denominator) {
  const size_t n = r.areas.size();
  if (denominator && denominator->numeric() && denominator->num.size() != areas.size())
    throw Error("internal: denominator column '" + denominator->name + "' is not aligned with the areas");
  if (denominator && !denominator->numeric())
    throw Error("the denominator column '" + denominator->name +
                    "' is not numeric; choose a count such as households_total as the denominator",
                Need::Denominator);
  Table t("assets per area");
  Column key;
  key.name = areas.key_field.empty() ? "code" : areas.key_field;
  key.type = ColumnType::Text;
  for (size_t a : r.areas) key.text.push_back(areas.codes[a]);
  t.add(std::move(key));

  const std::string dtag = "_within_" + format_number(r.within) + "m";
  auto counts = [&](const std::string& name, const std::vector<uint32_t>& v, size_t g) {
    Column c;
    c.name = name;
    c.type = ColumnType::Integer;
    c.num.resize(n);
    for (size_t row = 0; row < n; ++row) c.num[row] = v[r.at(row, g)];
    return c;
  };
  auto per_1000 = [&](const std::string& name, const std::vector<uint32_t>& v, size_t g) {
    Column c;
    c.name = name;
    c.type = ColumnType::Real;
    c.num.resize(n);
    for (size_t row = 0; row < n; ++row) {
      double den = denominator->num[r.areas[row]];
      c.num[row] = (std::isnan(den) || den <= 0) ? std::numeric_limits<double>::quiet_NaN()
                                                 : 1000.0 * v[r.at(row, g)] / den;
    }
    return c;
  };
  for (size_t g = 0; g < r.groups; ++g) {
    std::string prefix = g == 0 ? "assets" : set.categories[g - 1];
    if (!r.inside.empty()) t.add(counts(prefix + "_inside", r.inside, g));
    if (!r.within_n.empty()) t.add(counts(prefix + dtag, r.within_n, g));
    if (!r.nearest.empty()) {
      Column c;
      c.name = prefix + "_nearest_m";
      c.type = ColumnType::Real;
      c.num.resize(n);
      for (size_t row = 0; row < n; ++row) {
        double d = r.nearest[r.at(row, g)];
        c.num[row] = std::isinf(d) ? std::numeric_limits<double>::quiet_NaN() : d;
      }
      t.add(std::move(c));
    }
    if (denominator) {
      if (!r.inside.empty()) t.add(per_1000(prefix + "_inside_per_1000", r.inside, g));
      if (!r.within_n.empty()) t.add(per_1000(prefix + dtag + "_per_1000", r.within_n, g));
    }
  }
  return t;
}

NearResult assets_near(const AreaLayer& areas, const std::vector<size_t>& selected, const AssetIndex& assets,
                       double within) {
  check_within(within);
  if (selected.empty()) throw Error("no area selected; give one or more area codes");
  const AssetSet& set = assets.set();
  NearResult res;
  res.areas = selected;
  res.within = within;
  GeosContext ctx;
  std::vector<std::unique_ptr<PreparedArea>> sel;
  for (size_t a : selected) {
    if (a >= areas.size()) throw Error("internal: area index out of range in assets_near");
    sel.push_back(std::make_unique<PreparedArea>(ctx, areas.geoms[a], areas.codes[a]));
  }
  // Distance of every candidate to the selection: the smallest over its areas.
  std::map<uint32_t, double> found;
  for (auto& area : sel) {
    assets.all().query(grown(area->box(), within), [&](uint32_t id, Point p) {
      if (box_distance(point_box(p), area->box()) > within) return;
      double d = area->box().contains(p) && area->intersects(p) ? 0.0 : area->distance(p);
      if (d > within) return;
      auto [it, fresh] = found.emplace(id, d);
      if (!fresh) it->second = std::min(it->second, d);
    });
  }
  for (auto [id, d] : found) res.assets.push_back({id, d});
  std::sort(res.assets.begin(), res.assets.end(), [&](const NearbyAsset& x, const NearbyAsset& y) {
    if (set.category[x.asset] != set.category[y.asset]) return set.category[x.asset] < set.category[y.asset];
    if (x.distance != y.distance) return x.distance < y.distance;
    return x.asset < y.asset;
  });
  res.nearest.assign(set.categories.size(), NearbyAsset{UINT32_MAX, std::numeric_limits<double>::infinity()});
  for (uint32_t c = 0; c < set.categories.size(); ++c)
    for (auto& area : sel) {
      NearbyAsset n = nearest_in(assets.of(c), set.pts, *area);
      NearbyAsset& best = res.nearest[c];
      if (n.asset != UINT32_MAX &&
          (n.distance < best.distance || (n.distance == best.distance && n.asset < best.asset)))
        best = n;
    }
  return res;
}

}  // namespace nbhd
