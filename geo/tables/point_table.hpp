#pragma once
// Assets from any spreadsheet (CSV, TSV or XLSX through read_table): the coordinate columns detected as
// keys are (by name: lon/lat, longitude/latitude, easting/northing, x/y; else by value range), the CRS
// inferred from their ranges (EPSG:4326 or EPSG:27700 for England) or given, swapped latitude/longitude
// detected, and rows with blank or out-of-range coordinates counted and listed, never dropped silently.
// The result is a PointLayer like load_points gives for an OGR source, in the working CRS.
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/point_layer.hpp"
#include "geo/model/table.hpp"
#include "geo/vector/ingest.hpp"

namespace nbhd {

struct PointTableReport {
  std::string x_field, y_field;  // the coordinate columns as read (after any swap: x = easting/longitude)
  std::string crs;               // of the coordinates
  std::string detection;         // how the columns and CRS were chosen, in words
  bool swapped = false;          // latitude/longitude columns held each other's values
  size_t rows = 0, blank = 0, out_of_range = 0;
  std::vector<std::string> skipped;  // the first rows skipped, "row 12: blank latitude"
};

// `opt.working_crs`: the result's CRS; `opt.assume_crs`: the coordinates' CRS ("" = infer from ranges);
// `opt.category_field` / `opt.name_field`: as load_points ("" = detect). Throws nbhd::Error naming the
// table for no coordinate columns, a CRS the ranges do not tell, or no row with coordinates.
PointLayer points_from_table(const Table& t, const IngestOptions& opt, PointTableReport* report = nullptr);

// A spreadsheet by its name: .csv, .tsv, .txt, .xlsx.
bool is_table_file(const std::string& path);
// Spreadsheets through read_table + points_from_table, anything else through load_points.
PointLayer load_point_file(const std::string& path, const IngestOptions& opt,
                           PointTableReport* report = nullptr, const Progress& progress = {});
// The report as lines for the terminal: the detection, then the skipped rows ("" for an OGR source).
std::string format_point_report(const PointTableReport& r, const std::string& path);

}  // namespace nbhd
