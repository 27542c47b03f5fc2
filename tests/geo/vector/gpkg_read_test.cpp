#include "geo/vector/gpkg_read.hpp"

#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "base/error.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/gpkg_geometry.hpp"
#include "geo/vector/ingest.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

// ---- Blobs built by hand -------------------------------------------------------------------------------

struct Blob {
  std::vector<uint8_t> b;
  bool big = false;  // WKB byte order of what is appended next
  void u8(uint8_t v) { b.push_back(v); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(uint8_t(big ? v >> (24 - 8 * i) : v >> (8 * i)));
  }
  void f64(double d) {
    uint64_t v = std::bit_cast<uint64_t>(d);
    for (int i = 0; i < 8; ++i) b.push_back(uint8_t(big ? v >> (56 - 8 * i) : v >> (8 * i)));
  }
  // "GP", version 0, flags (little-endian header, the envelope code), srs 27700, a zero envelope.
  void header(unsigned envelope, bool empty = false) {
    b = {'G', 'P', 0, uint8_t(1 | envelope << 1 | (empty ? 0x10 : 0)), 0x6c, 0x6c, 0, 0};
    static const size_t bytes[] = {0, 32, 48, 48, 64};
    b.insert(b.end(), bytes[envelope], 0);
  }
  void geom(uint32_t type) {
    u8(big ? 0 : 1);
    u32(type);
  }
  // A ring of n points (x = i, y = 10 i) with dims doubles each.
  void ring(uint32_t n, unsigned dims) {
    u32(n);
    for (uint32_t i = 0; i < n; ++i) {
      f64(i);
      f64(10.0 * i);
      for (unsigned d = 2; d < dims; ++d) f64(-1);
    }
  }
};

TEST(GpkgGeometry, PolygonsInEveryDimensionByteOrderAndEnvelope) {
  struct Case {
    uint32_t type;
    unsigned dims;
  };
  for (Case c :
       {Case{3, 2}, Case{1003, 3}, Case{2003, 3}, Case{3003, 4}, Case{0x80000003u, 3}, Case{0xC0000003u, 4}})
    for (unsigned envelope : {0u, 1u, 2u, 3u, 4u})
      for (bool big : {false, true}) {
        Blob w;
        w.header(envelope);
        w.big = big;
        w.geom(c.type);
        w.u32(2);
        w.ring(4, c.dims);
        w.ring(0, c.dims);  // an empty hole is kept, as OGR keeps it
        MultiPolygon mp;
        ASSERT_EQ(read_gpkg_polygons(w.b, mp), GpkgBlob::Polygonal) << c.type << " " << envelope;
        ASSERT_EQ(mp.size(), 1u);
        ASSERT_EQ(mp[0].rings.size(), 2u);
        ASSERT_EQ(mp[0].rings[0].size(), 4u);
        EXPECT_EQ(mp[0].rings[0][3].x, 3);
        EXPECT_EQ(mp[0].rings[0][3].y, 30);
        EXPECT_TRUE(mp[0].rings[1].empty());
      }
}

TEST(GpkgGeometry, MultipolygonsEmptiesAndOtherGeometries) {
  Blob w;
  w.header(1);
  w.geom(6);
  w.u32(3);
  w.geom(3);  // a part with one ring
  w.u32(1);
  w.ring(5, 2);
  w.big = true;  // parts may change byte order
  w.geom(1003);
  w.u32(1);
  w.ring(4, 3);
  w.geom(3);  // a part whose rings are all empty: left out
  w.u32(1);
  w.ring(0, 2);
  MultiPolygon mp;
  ASSERT_EQ(read_gpkg_polygons(w.b, mp), GpkgBlob::Polygonal);
  ASSERT_EQ(mp.size(), 2u);
  EXPECT_EQ(mp[0].rings[0].size(), 5u);
  EXPECT_EQ(mp[1].rings[0][2].y, 20);

  Blob e;
  e.header(0, true);
  EXPECT_EQ(read_gpkg_polygons(e.b, mp), GpkgBlob::Empty);
  EXPECT_TRUE(mp.empty());
  Blob none;
  none.header(0);
  none.geom(6);
  none.u32(0);
  EXPECT_EQ(read_gpkg_polygons(none.b, mp), GpkgBlob::Empty);

  Blob point;
  point.header(0);
  point.geom(1);
  point.f64(1);
  point.f64(2);
  std::span<const uint8_t> wkb;
  EXPECT_EQ(read_gpkg_polygons(point.b, mp, &wkb), GpkgBlob::Other);
  EXPECT_EQ(wkb.size(), 21u);  // byte order, type, x, y: the WKB after the header, for OGR
  EXPECT_EQ(wkb[0], 1);
  Blob curve;
  curve.header(1);
  curve.geom(10);  // CurvePolygon
  curve.u32(0);
  EXPECT_EQ(read_gpkg_polygons(curve.b, mp), GpkgBlob::Other);
}

// Every truncation of a good blob is Malformed, never a read past its end (the sanitizer jobs would see
// one), and counts larger than the bytes left are refused before anything is allocated for them.
TEST(GpkgGeometry, TruncatedAndHostileBlobsAreMalformed) {
  Blob w;
  w.header(1);
  w.geom(3003);
  w.u32(1);
  w.ring(4, 4);
  MultiPolygon mp;
  ASSERT_EQ(read_gpkg_polygons(w.b, mp), GpkgBlob::Polygonal);
  for (size_t n = 0; n < w.b.size(); ++n)
    EXPECT_EQ(read_gpkg_polygons(std::span(w.b).first(n), mp), GpkgBlob::Malformed) << n << " bytes";
  Blob hostile;
  hostile.header(0);
  hostile.geom(3);
  hostile.u32(0xffffffffu);  // four billion rings in 4 bytes
  EXPECT_EQ(read_gpkg_polygons(hostile.b, mp), GpkgBlob::Malformed);
  Blob bad_magic = w;
  bad_magic.b[0] = 'X';
  EXPECT_EQ(read_gpkg_polygons(bad_magic.b, mp), GpkgBlob::Malformed);
  Blob bad_envelope = w;
  bad_envelope.b[3] = 1 | 5 << 1;
  EXPECT_EQ(read_gpkg_polygons(bad_envelope.b, mp), GpkgBlob::Malformed);
}

// ---- The reader against OGR's, feature by feature ------------------------------------------------------

void expect_same(const RawLayer& a, const RawLayer& b) {
  ASSERT_EQ(a.fids, b.fids);
  ASSERT_EQ(a.fields.size(), b.fields.size());
  for (size_t k = 0; k < a.fields.size(); ++k) {
    const RawField& fa = a.fields[k];
    const RawField& fb = b.fields[k];
    EXPECT_EQ(fa.name, fb.name);
    ASSERT_EQ(fa.type, fb.type) << fa.name;
    EXPECT_EQ(fa.text, fb.text) << fa.name;
    ASSERT_EQ(fa.num.size(), fb.num.size()) << fa.name;
    for (size_t i = 0; i < fa.num.size(); ++i)
      if (!(std::isnan(fa.num[i]) && std::isnan(fb.num[i]))) {
        EXPECT_EQ(fa.num[i], fb.num[i]) << fa.name << i;
      }
  }
  ASSERT_EQ(a.polys.size(), b.polys.size());
  for (size_t i = 0; i < a.polys.size(); ++i) {
    ASSERT_EQ(a.polys[i].size(), b.polys[i].size()) << "feature " << a.fids[i];
    for (size_t p = 0; p < a.polys[i].size(); ++p) {
      ASSERT_EQ(a.polys[i][p].rings.size(), b.polys[i][p].rings.size()) << "feature " << a.fids[i];
      for (size_t r = 0; r < a.polys[i][p].rings.size(); ++r) {
        const Ring& ra = a.polys[i][p].rings[r];
        const Ring& rb = b.polys[i][p].rings[r];
        ASSERT_EQ(ra.size(), rb.size()) << "feature " << a.fids[i];
        for (size_t v = 0; v < ra.size(); ++v)
          ASSERT_TRUE(ra[v].x == rb[v].x && ra[v].y == rb[v].y) << "feature " << a.fids[i] << " vertex " << v;
      }
    }
  }
}

// Reads `path` both ways; the direct reader must take it.
void compare_readers(const std::string& path) {
  IngestOptions opt;
  OgrSource ogr_src = open_source(path, opt, LayerKind::Polygons);
  RawLayer by_ogr, direct;
  read_layer(ogr_src, LayerKind::Polygons, path, by_ogr, {}, 0, 1);
  OgrSource src = open_source(path, opt, LayerKind::Polygons);
  std::atomic<size_t> published{0};
  size_t expected = 0;
  ASSERT_TRUE(read_gpkg_polygons(src, path, direct, {}, 0, 1, &published, &expected));
  EXPECT_EQ(published.load(), direct.size());
  EXPECT_EQ(expected, direct.size());
  expect_same(by_ogr, direct);
}

// A GeoPackage of every case, written by OGR: typed fields with nulls, a stored 2.7 in an integer field,
// and geometries of every kind a polygon layer can hold.
std::filesystem::path mixed_geopackage(const std::filesystem::path& dir, bool with_date = false) {
  const auto path = dir / "mixed.gpkg";
  ensure_gdal();
  GdalDataset ds(GDALCreate(GDALGetDriverByName("GPKG"), path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 27700);
  OGRLayerH layer = GDALDatasetCreateLayer(ds.get(), "areas", srs, wkbUnknown, nullptr);
  OSRDestroySpatialReference(srs);
  auto field = [&](const char* name, OGRFieldType t) {
    OGRFieldDefnH fd = OGR_Fld_Create(name, t);
    OGR_L_CreateField(layer, fd, 1);
    OGR_Fld_Destroy(fd);
  };
  field("code", OFTString);
  field("pop", OFTInteger);
  field("big", OFTInteger64);
  field("share", OFTReal);
  if (with_date) field("surveyed", OFTDate);
  const char* wkts[] = {
      "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
      "MULTIPOLYGON (((20 0, 30 0, 30 10, 20 10, 20 0), (22 2, 24 2, 24 4, 22 2)), ((40 0, 45 0, 45 5, 40 "
      "0)))",
      "POLYGON Z ((0 20 5, 10 20 5, 10 30 6, 0 20 5))",
      "",
      "POLYGON EMPTY",
      "CURVEPOLYGON (CIRCULARSTRING (100 0, 110 10, 120 0, 110 -10, 100 0))",
      "POINT (1 2)",
      "GEOMETRYCOLLECTION (POLYGON ((50 0, 60 0, 60 10, 50 0)), POINT (3 4))",
      "POLYGON M ((0 40 1, 10 40 2, 10 50 3, 0 40 1))",
  };
  int n = 0;
  for (const char* wkt : wkts) {
    OgrFeature f(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
    if (n != 3) {  // the fourth feature: every field null
      OGR_F_SetFieldString(f.get(), 0, ("E0100000" + std::to_string(n)).c_str());
      OGR_F_SetFieldInteger(f.get(), 1, 100 * n);
      OGR_F_SetFieldInteger64(f.get(), 2, (1ll << 40) + n);
      OGR_F_SetFieldDouble(f.get(), 3, 0.125 * n);
      if (with_date) OGR_F_SetFieldDateTime(f.get(), 4, 2021, 3, 21, 0, 0, 0, 0);
    }
    if (*wkt) {
      OGRGeometryH g = nullptr;
      char* p = const_cast<char*>(wkt);
      EXPECT_EQ(OGR_G_CreateFromWkt(&p, nullptr, &g), OGRERR_NONE) << wkt;
      OGR_F_SetGeometryDirectly(f.get(), g);
    }
    EXPECT_EQ(OGR_L_CreateFeature(layer, f.get()), OGRERR_NONE);
    ++n;
  }
  // An integer field holding 2.7 (SQLite keeps what it is given): OGR reads it as 2.
  GDALDatasetReleaseResultSet(
      ds.get(),
      GDALDatasetExecuteSQL(ds.get(), "UPDATE areas SET pop = 2.7 WHERE fid = 2", nullptr, nullptr));
  return path;
}

TEST(GpkgRead, SameAsOgrOnEveryKindOfFeature) {
  const auto path = mixed_geopackage(test::scratch_dir());
  compare_readers(path.string());
  // And what it read: nine features, the curve linearised, the point and the empty ones without polygons.
  IngestOptions opt;
  OgrSource src = open_source(path.string(), opt, LayerKind::Polygons);
  RawLayer raw;
  ASSERT_TRUE(read_gpkg_polygons(src, path.string(), raw, {}, 0, 1));
  ASSERT_EQ(raw.size(), 9u);
  EXPECT_EQ(raw.polys[1].size(), 2u);
  EXPECT_EQ(raw.polys[1][0].rings.size(), 2u);
  EXPECT_TRUE(raw.polys[3].empty() && raw.polys[4].empty() && raw.polys[6].empty());
  EXPECT_GT(raw.polys[5][0].rings[0].size(), 20u);
  EXPECT_EQ(raw.polys[7].size(), 1u);
  EXPECT_EQ(raw.fields[1].num[1], 2);  // the stored 2.7
  EXPECT_EQ(raw.fields[2].num[8], double((1ll << 40) + 8));
  EXPECT_TRUE(std::isnan(raw.fields[3].num[3]));
  EXPECT_EQ(raw.fields[0].text[3], "");
}

TEST(GpkgRead, SameAsOgrOnTheLsoaBoundaries) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  compare_readers((test::shared_data() / "england/lsoa21.gpkg").string());
}

// Fields whose text OGR formats itself (a date reads 2021/03/21 through OGR, 2021-03-21 from SQLite), a
// spatial filter, a file that is not a GeoPackage: left to OGR's reader.
TEST(GpkgRead, LeavesToOgrWhatItDoesNotTake) {
  const auto dir = test::scratch_dir();
  const auto path = mixed_geopackage(dir, true);
  IngestOptions opt;
  RawLayer raw;
  OgrSource dated = open_source(path.string(), opt, LayerKind::Polygons);
  EXPECT_FALSE(read_gpkg_polygons(dated, path.string(), raw, {}, 0, 1));
  EXPECT_EQ(raw.size(), 0u);
  EXPECT_TRUE(raw.fields.empty());
  AreaLayer L = load_areas(path.string(), opt);  // still loads, through OGR
  EXPECT_EQ(L.attrs.col(*L.attrs.find("surveyed")).text[0], "2021/03/21");

  IngestOptions boxed;
  boxed.read_bbox = BBox{0, 0, 15, 15};
  OgrSource filtered =
      open_source(mixed_geopackage(test::scratch_dir()).string(), boxed, LayerKind::Polygons);
  EXPECT_FALSE(read_gpkg_polygons(filtered, path.string(), raw, {}, 0, 1));
}

// A blob that is no geometry OGR can read either: one line naming the file and the feature.
TEST(GpkgRead, UnreadableGeometryIsAnError) {
  const auto path = mixed_geopackage(test::scratch_dir());
  {
    GdalDataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    GDALDatasetReleaseResultSet(
        ds.get(),
        GDALDatasetExecuteSQL(ds.get(), "UPDATE areas SET geom = X'4750000100000000FFFF' WHERE fid = 2",
                              nullptr, nullptr));
  }
  IngestOptions opt;
  OgrSource src = open_source(path.string(), opt, LayerKind::Polygons);
  RawLayer raw;
  try {
    read_gpkg_polygons(src, path.string(), raw, {}, 0, 1);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              path.string() +
                  ": the geometry of feature 2 cannot be read; the file may be damaged: "
                  "export it again (e.g. with ogr2ogr)");
  }
}

}  // namespace
}  // namespace nbhd
