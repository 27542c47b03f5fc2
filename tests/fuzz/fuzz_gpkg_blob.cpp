// libFuzzer target for the GeoPackage geometry blob reader (read_gpkg_polygons, used by the direct
// GeoPackage reader on every row): any bytes must give one of its four answers, never a read past the end
// (ASan) or an allocation the bytes cannot back (a count larger than the bytes left is Malformed).
#include <cstdint>
#include <cstdlib>
#include <span>

#include "geo/vector/gpkg_geometry.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke an invariant
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> blob(data, size);
  nbhd::MultiPolygon mp;
  std::span<const uint8_t> wkb;
  const nbhd::GpkgBlob got = nbhd::read_gpkg_polygons(blob, mp, &wkb);
  if (got == nbhd::GpkgBlob::Polygonal) {
    check(!mp.empty());
    size_t points = 0;
    for (const auto& p : mp) {
      bool any = false;
      for (const auto& r : p.rings) any = any || !r.empty(), points += r.size();
      check(any);  // a polygon whose rings are all empty is left out
    }
    check(points * 16 <= size);  // every point came from 16 bytes or more of the blob
  } else {
    check(mp.empty());
  }
  if (got == nbhd::GpkgBlob::Other || got == nbhd::GpkgBlob::Empty)
    check(wkb.data() >= data && wkb.data() + wkb.size() == data + size);  // the WKB is the blob's tail
  return 0;
}
