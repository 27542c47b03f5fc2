#include "geo/vector/gpkg_geometry.hpp"

#include <bit>
#include <cstring>

namespace nbhd {

namespace {

// A bounds-checked cursor over WKB: every read says whether the bytes were there.
class Cursor {
 public:
  explicit Cursor(std::span<const uint8_t> b) : p_(b.data()), end_(b.data() + b.size()) {}
  size_t left() const { return size_t(end_ - p_); }
  bool byte(uint8_t& v) {
    if (left() < 1) return false;
    v = *p_++;
    return true;
  }
  bool u32(bool little, uint32_t& v) {
    if (left() < 4) return false;
    std::memcpy(&v, p_, 4);
    p_ += 4;
    if (little != (std::endian::native == std::endian::little)) v = __builtin_bswap32(v);
    return true;
  }
  // `n` points of `dims` doubles each, x and y kept; the caller has checked that they are there.
  void points(bool little, size_t n, unsigned dims, Ring& ring) {
    ring.resize(n);
    const bool swap = little != (std::endian::native == std::endian::little);
    for (size_t i = 0; i < n; ++i) {
      uint64_t x, y;
      std::memcpy(&x, p_, 8);
      std::memcpy(&y, p_ + 8, 8);
      if (swap) x = __builtin_bswap64(x), y = __builtin_bswap64(y);
      ring[i] = {std::bit_cast<double>(x), std::bit_cast<double>(y)};
      p_ += size_t(8) * dims;
    }
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

enum class Kind { Polygon, MultiPolygon, Other, Bad };

// A WKB geometry header: byte order, then the type with its dimensions (ISO: +1000 Z, +2000 M, +3000 ZM;
// EWKB: the 0x80000000 and 0x40000000 flags).
Kind header(Cursor& c, bool& little, unsigned& dims) {
  uint8_t order;
  uint32_t type;
  if (!c.byte(order) || order > 1) return Kind::Bad;
  little = order == 1;
  if (!c.u32(little, type)) return Kind::Bad;
  bool z = type & 0x80000000u, m = type & 0x40000000u;
  type &= 0x0fffffffu;
  const uint32_t iso = type / 1000;
  if (iso > 3) return Kind::Other;
  z = z || iso == 1 || iso == 3;
  m = m || iso == 2 || iso == 3;
  dims = 2 + unsigned(z) + unsigned(m);
  type %= 1000;
  return type == 3 ? Kind::Polygon : type == 6 ? Kind::MultiPolygon : Kind::Other;
}

// The rings of one polygon, appended to out unless every ring is empty.
bool polygon(Cursor& c, bool little, unsigned dims, MultiPolygon& out) {
  uint32_t nrings;
  if (!c.u32(little, nrings) || nrings > c.left() / 4) return false;
  Polygon p;
  p.rings.resize(nrings);
  bool any = false;
  for (auto& ring : p.rings) {
    uint32_t n;
    if (!c.u32(little, n) || n > c.left() / (size_t(8) * dims)) return false;
    c.points(little, n, dims, ring);
    any = any || n > 0;
  }
  if (any) out.push_back(std::move(p));
  return true;
}

}  // namespace

GpkgBlob read_gpkg_polygons(std::span<const uint8_t> blob, MultiPolygon& out, std::span<const uint8_t>* wkb) {
  out.clear();
  // Header: "GP", version, flags, srs_id (4 bytes), then the envelope the flags announce.
  if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P') return GpkgBlob::Malformed;
  const uint8_t flags = blob[3];
  static constexpr size_t kEnvelopeBytes[8] = {0, 32, 48, 48, 64, 0, 0, 0};
  const unsigned envelope = (flags >> 1) & 7u;
  if (envelope > 4) return GpkgBlob::Malformed;
  const size_t start = 8 + kEnvelopeBytes[envelope];
  if (blob.size() < start) return GpkgBlob::Malformed;
  const std::span<const uint8_t> body = blob.subspan(start);
  if (wkb) *wkb = body;
  if (flags & 0x10) return GpkgBlob::Empty;
  if (flags & 0x20) return GpkgBlob::Other;  // an extension's geometry type: OGR may know it

  Cursor c(body);
  bool little;
  unsigned dims;
  const Kind k = header(c, little, dims);
  if (k == Kind::Bad) return GpkgBlob::Malformed;
  if (k == Kind::Other) return GpkgBlob::Other;
  if (k == Kind::Polygon) {
    if (!polygon(c, little, dims, out)) return out.clear(), GpkgBlob::Malformed;
  } else {
    uint32_t n;
    if (!c.u32(little, n) || n > c.left() / 9) return GpkgBlob::Malformed;
    for (uint32_t i = 0; i < n; ++i) {
      bool part_little;
      unsigned part_dims;
      const Kind pk = header(c, part_little, part_dims);
      if (pk == Kind::Bad) return out.clear(), GpkgBlob::Malformed;
      if (pk != Kind::Polygon) return out.clear(), GpkgBlob::Other;  // not a valid multipolygon: OGR's call
      if (!polygon(c, part_little, part_dims, out)) return out.clear(), GpkgBlob::Malformed;
    }
  }
  return out.empty() ? GpkgBlob::Empty : GpkgBlob::Polygonal;
}

}  // namespace nbhd
