#pragma once
// Writing an AreaLayer (geometry + every attribute column, typed) as a GeoPackage, atomically.
#include <string>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "geo/model/point_layer.hpp"

namespace nbhd {

// Writes `layer` to `path` (.gpkg) in the layer's working CRS, one feature per area, columns typed
// Integer64/Real/Integer(Boolean)/String. Written to a temporary name and renamed when complete.
void write_gpkg(const AreaLayer& layer, const std::string& path, bool overwrite,
                const Progress& progress = {});

}  // namespace nbhd

namespace nbhd {

// Writes points (assets) with their attribute table as a GeoPackage point layer, atomically.
void write_points_gpkg(const PointLayer& points, const std::string& path, bool overwrite);

}  // namespace nbhd

namespace nbhd {

// Writes `layer` as the table `table` of the PostGIS database `connection` ("PG:..."), in one transaction,
// column names as they are. With `overwrite` an existing table is dropped and replaced inside that
// transaction (other sessions see the old table or the whole new one; a failure leaves the old one);
// without it an existing table is an error (Need::Overwrite).
void write_pg_table(const AreaLayer& layer, const std::string& connection, const std::string& table,
                    bool overwrite, const Progress& progress = {});

// The checks write_pg_table starts with (the server answers, has PostGIS, and the table is new unless
// `overwrite`), for a command to make before a long load.
void check_pg_destination(const std::string& connection, const std::string& table, bool overwrite);

}  // namespace nbhd
