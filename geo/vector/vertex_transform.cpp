#include "geo/vector/vertex_transform.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "base/error.hpp"

namespace nbhd {

namespace {
// 2^16 slots (2 MiB) cleared when half full: features arrive roughly in spatial order, so the vertices a
// feature shares are those of recent features; a small memo keeps the hit rate and stays in cache.
constexpr size_t kSlots = size_t{1} << 16;

uint64_t bits(double v) {
  uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}
}  // namespace

VertexTransform::VertexTransform(OGRCoordinateTransformationH ct) : ct_(ct) {
  if (ct_) slots_.assign(kSlots, Slot{kEmpty, 0, 0, 0, false});
}

VertexTransform::Slot* VertexTransform::find(uint64_t kx, uint64_t ky) {
  uint64_t h = (kx * 0x9E3779B97F4A7C15ull) ^ (ky + 0x632BE59BD9B4E019ull + (kx << 6) + (kx >> 2));
  h ^= h >> 29;
  size_t i = size_t(h) & (kSlots - 1);
  for (;;) {  // linear probing; the table is never more than half full, so this ends
    Slot& s = slots_[i];
    if (s.kx == kEmpty || (s.kx == kx && s.ky == ky)) return &s;
    i = (i + 1) & (kSlots - 1);
  }
}

VertexTransform::VertexTransform(OGRCoordinateTransformationH ct, const TabulatedTransform* table)
    : ct_(ct), table_(ct ? table : nullptr) {
  if (ct_ && !table_) slots_.assign(kSlots, Slot{kEmpty, 0, 0, 0, false});
}

void VertexTransform::clear() {
  for (auto& s : slots_) s.kx = kEmpty;
  used_ = 0;
}

void VertexTransform::transform(MultiPolygon& mp) {
  if (!ct_) return;
  if (table_) {  // a vertex costs less to interpolate than to look up in the memo
    mx_.clear(), my_.clear(), sent_.clear(), later_.clear();
    for (auto& poly : mp)
      for (auto& ring : poly.rings)
        for (auto& p : ring)
          if (table_->covers(p)) {
            p = (*table_)(p);
            ++table_points_;
          } else {
            mx_.push_back(p.x), my_.push_back(p.y), sent_.push_back({&p, nullptr});
          }
    send_to_proj();
    return;
  }
  size_t n = 0;
  for (const auto& poly : mp)
    for (const auto& ring : poly.rings) n += ring.size();
  // Room for every point of this feature first, so no slot is cleared while the feature refers to it; a
  // feature larger than the memo bypasses it.
  const bool memo = n < kSlots / 2;
  if (memo && used_ + n >= kSlots / 2) clear();
  mx_.clear(), my_.clear(), sent_.clear(), later_.clear();
  for (auto& poly : mp)
    for (auto& ring : poly.rings)
      for (auto& p : ring) {
        const uint64_t kx = bits(p.x), ky = bits(p.y);
        Slot* s = memo ? find(kx, ky) : nullptr;
        if (s && s->kx == kx) {
          ++hits_;
          if (s->pending)
            later_.push_back({&p, s});  // first seen earlier in this feature: filled below
          else
            p = {s->x, s->y};
          continue;
        }
        if (s) {
          *s = Slot{kx, ky, 0, 0, true};
          ++used_;
        }
        mx_.push_back(p.x), my_.push_back(p.y), sent_.push_back({&p, s});
      }
  send_to_proj();
  for (auto [p, s] : later_) *p = {s->x, s->y};
}

void VertexTransform::send_to_proj() {
  if (mx_.empty()) return;
  ok_.assign(mx_.size(), 1);
  OCTTransformEx(ct_, int(mx_.size()), mx_.data(), my_.data(), nullptr, ok_.data());
  proj_points_ += mx_.size();
  for (size_t i = 0; i < mx_.size(); ++i)
    if (!ok_[i] || !std::isfinite(mx_[i]) || !std::isfinite(my_[i])) {
      const Point bad = *sent_[i].first;  // still the source coordinate
      if (!slots_.empty()) clear();       // forget this feature's pending slots
      throw Error("coordinate (" + std::to_string(bad.x) + ", " + std::to_string(bad.y) +
                  ") cannot be reprojected to the working CRS");
    }
  for (size_t i = 0; i < mx_.size(); ++i) {
    *sent_[i].first = {mx_[i], my_[i]};
    if (Slot* s = sent_[i].second) s->x = mx_[i], s->y = my_[i], s->pending = false;
  }
}

}  // namespace nbhd
