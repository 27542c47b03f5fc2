#include "geo/vector/gpkg_read.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <span>

#include "base/error.hpp"
#include "geo/vector/gdal_handle.hpp"
#include "geo/vector/gpkg_geometry.hpp"

namespace nbhd {

namespace {

struct DbClose {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

std::string quoted(const char* name) {
  std::string q = "\"";
  for (const char* c = name; *c; ++c) q += *c == '"' ? std::string("\"\"") : std::string(1, *c);
  return q + "\"";
}

// The OGR field types whose cells are the stored values: anything else OGR formats (dates as 2021/03/21).
bool plain_field(OGRFieldDefnH fd) {
  switch (OGR_Fld_GetType(fd)) {
    case OFTString:
    case OFTInteger:
    case OFTInteger64:
    case OFTReal:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool read_gpkg_polygons(const OgrSource& src, const std::string& path, RawLayer& raw,
                        const Progress& progress, double p0, double p1, std::atomic<size_t>* published,
                        size_t* expected) {
  if (src.driver != "GPKG" || OGR_L_GetSpatialFilter(src.layer) != nullptr) return false;
  const char* file = GDALGetDescription(src.ds.get());
  const char* fid_col = OGR_L_GetFIDColumn(src.layer);
  const char* geom_col = OGR_L_GetGeometryColumn(src.layer);
  if (!file || std::strncmp(file, "/vsi", 4) == 0 || !fid_col || !*fid_col || !geom_col || !*geom_col)
    return false;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(src.layer);
  std::string sql = "SELECT " + quoted(fid_col) + ", " + quoted(geom_col);
  for (int k = 0; k < OGR_FD_GetFieldCount(defn); ++k) {
    OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, k);
    if (!plain_field(fd)) return false;
    sql += ", " + quoted(OGR_Fld_GetNameRef(fd));
  }
  sql += " FROM " + quoted(OGR_L_GetName(src.layer));

  sqlite3* opened = nullptr;
  int rc = sqlite3_open_v2(file, &opened, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<sqlite3, DbClose> db(opened);
  if (rc != SQLITE_OK) return false;  // OGR opened it: let OGR read it
  // Pages read through a memory map, not copied out of the page cache one read() at a time: 0.74 -> 0.69 s
  // for the 184,833 output areas' render (A/B, 6 runs each). Advice only: SQLite reads as before if it
  // cannot map. The one risk SQLite documents: another program shrinking the file (a VACUUM) during the
  // fraction of a second this reads it would fault the read; writes alongside are safe.
  sqlite3_exec(db.get(), "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
  sqlite3_stmt* prepared = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &prepared, nullptr) != SQLITE_OK) return false;
  std::unique_ptr<sqlite3_stmt, StmtFinalize> stmt(prepared);

  read_field_definitions(src, raw);
  const size_t nf = raw.fields.size();
  const size_t total = cheap_feature_count(src);
  const bool presized = published && total > 0;
  if (expected) *expected = presized ? total : 0;
  // Only the polygons are sized up front (the workers index them as they are published); the rest is
  // reserved and appended, so each cell's memory is written once, by this loop (sizing every column first
  // wrote 30 MB of empty strings for the output areas before the first row was read).
  if (presized) raw.polys.resize(total);
  raw.fids.reserve(total);
  for (auto& f : raw.fields) (f.type == ColumnType::Text ? f.text.reserve(total) : f.num.reserve(total));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  size_t i = 0;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    if (presized && i >= total)
      throw Error(path + " reported " + std::to_string(total) +
                  " features but holds more; the file may be damaged: export it again (e.g. with ogr2ogr)");
    if (!presized) raw.polys.emplace_back();
    const long long fid = sqlite3_column_int64(stmt.get(), 0);
    raw.fids.push_back(fid);
    for (size_t k = 0; k < nf; ++k) {
      const int col = int(k) + 2;
      const bool null = sqlite3_column_type(stmt.get(), col) == SQLITE_NULL;
      RawField& rf = raw.fields[k];
      if (rf.type == ColumnType::Text) {
        if (null) {
          rf.text.emplace_back();
        } else {
          const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), col));
          rf.text.emplace_back(t ? t : "", size_t(sqlite3_column_bytes(stmt.get(), col)));
        }
      } else {
        rf.num.push_back(null ? nan
                         // OGR reads integer fields as integers: a stored 2.7 reads 2
                         : rf.type != ColumnType::Real ? double(sqlite3_column_int64(stmt.get(), col))
                                                       : sqlite3_column_double(stmt.get(), col));
      }
    }
    MultiPolygon& mp = raw.polys[i];
    if (sqlite3_column_type(stmt.get(), 1) != SQLITE_NULL) {
      const auto* b = static_cast<const uint8_t*>(sqlite3_column_blob(stmt.get(), 1));
      const std::span<const uint8_t> blob(b, size_t(sqlite3_column_bytes(stmt.get(), 1)));
      std::span<const uint8_t> wkb;
      GpkgBlob got = read_gpkg_polygons(blob, mp, &wkb);
      if (got == GpkgBlob::Other) {
        OGRGeometryH g = nullptr;
        if (OGR_G_CreateFromWkbEx(wkb.data(), nullptr, &g, wkb.size()) == OGRERR_NONE) {
          OgrGeometry owned(g);
          read_polygonal(owned.get(), mp);
        } else {
          got = GpkgBlob::Malformed;
        }
      }
      if (got == GpkgBlob::Malformed) {  // not ours to judge: OGR's driver also reads other blob formats
        mp.clear();
        OgrFeature f(OGR_L_GetFeature(src.layer, fid));
        OGRGeometryH g = f ? OGR_F_GetGeometryRef(f.get()) : nullptr;
        if (!g)
          throw Error(path + ": the geometry of feature " + std::to_string(fid) +
                      " cannot be read; the file may be damaged: export it again (e.g. with ogr2ogr)");
        read_polygonal(g, mp);
      }
    }
    ++i;
    if (published && i % 64 == 0) published->store(i, std::memory_order_release);
    if (i % 2048 == 0 && total > 0)
      report(progress, p0 + (p1 - p0) * std::min(1.0, double(i) / double(total)), "reading features");
  }
  if (rc != SQLITE_DONE)
    throw Error("error while reading " + path + " (" + sqlite3_errmsg(db.get()) +
                "); the file may be truncated or damaged: download or export it again");
  if (presized && i < total) raw.polys.resize(i);  // fewer than announced: workers only saw [0, published)
  if (published) published->store(i, std::memory_order_release);
  return true;
}

}  // namespace nbhd
