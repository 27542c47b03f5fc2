#include "geo/tables/point_table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "base/error.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/point_reproject.hpp"

namespace nbhd {

namespace {

constexpr size_t kListed = 10;  // skipped rows named in the report

std::string norm(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Coordinate column names by family: a pair must come from one family.
struct Family {
  const char* what;
  std::vector<const char*> x, y;
};
const std::vector<Family>& families() {
  static const std::vector<Family> f = {
      {"longitude/latitude", {"longitude", "lon", "long", "lng"}, {"latitude", "lat"}},
      {"easting/northing",
       {"easting", "eastings", "east", "osgbeasting"},
       {"northing", "northings", "north", "osgbnorthing"}},
      {"x/y", {"x", "xcoord", "xcoordinate", "coordx"}, {"y", "ycoord", "ycoordinate", "coordy"}},
  };
  return f;
}

std::optional<double> number(const Column& c, size_t row) {
  if (c.numeric()) return std::isnan(c.num[row]) ? std::nullopt : std::optional<double>(c.num[row]);
  return parse_number(trim(c.text[row]));
}

struct Range {
  double lo = INFINITY, hi = -INFINITY;
  size_t n = 0;
  std::vector<double> values;
  double median() {
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
  }
};

Range range_of(const Column& c) {
  Range r;
  for (size_t i = 0; i < c.size(); ++i)
    if (auto v = number(c, i); v && std::isfinite(*v)) {
      r.lo = std::min(r.lo, *v), r.hi = std::max(r.hi, *v), ++r.n;
      r.values.push_back(*v);
    }
  return r;
}

// England and Wales with a margin, in each CRS the ranges can tell apart.
bool uk_lon(double v) {
  return v >= -9 && v <= 3;
}
bool uk_lat(double v) {
  return v >= 49 && v <= 61.5;
}
bool bng_x(double v) {
  return v >= -100000 && v <= 800000;
}
bool bng_y(double v) {
  return v >= -100000 && v <= 1300000;
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

int detect(const Table& t, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (size_t i = 0; i < t.columns(); ++i)
      if (norm(t.col(i).name) == norm(n)) return int(i);
  return -1;
}

}  // namespace

PointLayer points_from_table(const Table& t, const IngestOptions& opt, PointTableReport* rep) {
  PointTableReport local;
  PointTableReport& r = rep ? *rep : local;
  r = {};
  r.rows = t.rows();
  const std::string& src = t.source();
  // 1. The coordinate columns: by name, the first family with both columns; else by value range.
  int xi = -1, yi = -1;
  for (const Family& f : families()) {
    int fx = -1, fy = -1;
    for (size_t i = 0; i < t.columns(); ++i) {
      std::string n = norm(t.col(i).name);
      if (fx < 0 && std::find_if(f.x.begin(), f.x.end(), [&](const char* s) { return n == s; }) != f.x.end())
        fx = int(i);
      if (fy < 0 && std::find_if(f.y.begin(), f.y.end(), [&](const char* s) { return n == s; }) != f.y.end())
        fy = int(i);
    }
    if (fx >= 0 && fy >= 0) {
      xi = fx, yi = fy;
      r.detection = "coordinates by name: " + t.col(size_t(xi)).name + " / " + t.col(size_t(yi)).name + " (" +
                    f.what + ")";
      break;
    }
  }
  if (xi < 0) {
    // Two numeric columns whose medians look like longitude then latitude, or easting then northing.
    std::vector<std::pair<size_t, double>> med;
    for (size_t i = 0; i < t.columns(); ++i) {
      Range rg = range_of(t.col(i));
      if (rg.n * 2 >= t.rows() && rg.n > 0) med.push_back({i, rg.median()});
    }
    for (size_t a = 0; a < med.size() && xi < 0; ++a)
      for (size_t b = 0; b < med.size() && xi < 0; ++b) {
        if (a == b) continue;
        double x = med[a].second, y = med[b].second;
        if ((uk_lon(x) && uk_lat(y)) || (x > 1000 && bng_x(x) && y > 1000 && bng_y(y) && y > x * 0.2)) {
          xi = int(med[a].first), yi = int(med[b].first);
          r.detection =
              "coordinates by their values: " + t.col(size_t(xi)).name + " / " + t.col(size_t(yi)).name;
        }
      }
  }
  if (xi < 0) {
    std::string cols;
    for (const auto& c : t.cols()) cols += (cols.empty() ? "" : ", ") + c.name;
    throw Error(src +
                " has no coordinate columns (lon/lat, longitude/latitude, easting/northing or x/y, or two "
                "columns whose values look like them); its columns are: " +
                cols);
  }
  const Column* X = &t.col(size_t(xi));
  const Column* Y = &t.col(size_t(yi));
  Range rx = range_of(*X), ry = range_of(*Y);
  if (rx.n == 0 || ry.n == 0)
    throw Error(src + ": the coordinate columns " + X->name + " and " + Y->name + " hold no numbers");
  // 2. The CRS: given, or from the medians (a few stray rows do not decide it).
  double mx = rx.median(), my = ry.median();
  std::string crs = opt.assume_crs;
  if (crs.empty()) {
    if (uk_lon(mx) && uk_lat(my)) {
      crs = "EPSG:4326";
    } else if (uk_lat(mx) && uk_lon(my)) {
      crs = "EPSG:4326";
      r.swapped = true;
    } else if (bng_x(mx) && bng_y(my) && (std::abs(mx) > 1000 || std::abs(my) > 1000)) {
      crs = "EPSG:27700";
    } else {
      throw Error(src + ": cannot tell the CRS of " + X->name + " / " + Y->name + " from their values (" +
                      X->name + " " + fmt(rx.lo) + " to " + fmt(rx.hi) + ", " + Y->name + " " + fmt(ry.lo) +
                      " to " + fmt(ry.hi) + "); give the CRS",
                  Need::SourceCrs);
    }
    r.detection += "; CRS " + crs + " from their values (" + X->name + " " + fmt(rx.lo) + " to " +
                   fmt(rx.hi) + ", " + Y->name + " " + fmt(ry.lo) + " to " + fmt(ry.hi) + ")";
  } else {
    r.detection += "; CRS " + crs + " as given";
    if (crs == "EPSG:4326" && uk_lat(mx) && uk_lon(my)) r.swapped = true;
  }
  if (r.swapped) {
    r.detection += "; " + X->name + " holds latitudes and " + Y->name +
                   " longitudes (swapped): read the other way round";
    std::swap(X, Y);
  }
  r.x_field = X->name, r.y_field = Y->name, r.crs = crs;
  // 3. The rows: blank or out-of-range coordinates are counted and listed, not dropped silently.
  bool geographic = crs == "EPSG:4326", bng = crs == "EPSG:27700";
  int cat = -1, name = -1;
  if (!opt.category_field.empty()) {
    auto k = t.find(opt.category_field);
    if (!k)
      throw Error(src + " has no column '" + opt.category_field + "' for the asset categories",
                  Need::CategoryField);
    cat = int(*k);
  } else {
    cat = detect(t, {"category", "type", "amenity", "asset_type", "class", "kind", "leisure", "shop"});
  }
  if (!opt.name_field.empty()) {
    auto k = t.find(opt.name_field);
    if (!k) throw Error(src + " has no column '" + opt.name_field + "' for the asset names");
    name = int(*k);
  } else {
    name = detect(t, {"name", "asset_name", "site_name", "title"});
  }
  PointLayer out;
  out.source = src;
  out.source_crs = crs;
  out.working_crs = opt.working_crs;
  out.category_field = cat >= 0 ? t.col(size_t(cat)).name : "";
  out.name_field = name >= 0 ? t.col(size_t(name)).name : "";
  std::vector<size_t> kept;
  auto skip = [&](size_t i, const std::string& why) {
    if (r.skipped.size() < kListed) r.skipped.push_back("row " + std::to_string(i + 2) + ": " + why);
  };
  for (size_t i = 0; i < t.rows(); ++i) {
    auto x = number(*X, i), y = number(*Y, i);
    if (!x || !y) {
      ++r.blank;
      skip(i, std::string("blank or non-numeric ") + (!x ? X->name : Y->name));
      continue;
    }
    bool ok = std::isfinite(*x) && std::isfinite(*y) &&
              (geographic ? (uk_lon(*x) && uk_lat(*y))
               : bng      ? (bng_x(*x) && bng_y(*y))
                          : true);
    if (!ok) {
      ++r.out_of_range;
      skip(i, X->name + " " + fmt(*x) + ", " + Y->name + " " + fmt(*y) + " outside " +
                  (geographic ? "England and Wales in longitude/latitude"
                   : bng      ? "British National Grid"
                              : crs));
      continue;
    }
    out.pts.push_back({*x, *y});
    kept.push_back(i);
    std::string c = cat >= 0 ? std::string(trim(t.col(size_t(cat)).cell(i))) : "asset";
    out.categories.push_back(c.empty() ? "(none)" : c);
    out.names.push_back(name >= 0 ? t.col(size_t(name)).cell(i) : "");
  }
  if (out.pts.empty())
    throw Error(src + ": no row has usable coordinates in " + X->name + " / " + Y->name + " (" +
                std::to_string(r.blank) + " blank, " + std::to_string(r.out_of_range) + " out of range)");
  out.dropped_empty = r.blank + r.out_of_range;
  reproject_points(out.pts, crs, opt.working_crs, src);
  // Every column, kept rows only.
  out.attrs = Table(src);
  out.attrs.set_rows(kept.size());
  for (const auto& c : t.cols()) {
    Column k;
    k.name = c.name;
    k.type = c.type;
    for (size_t i : kept) {
      if (c.numeric())
        k.num.push_back(c.num[i]);
      else
        k.text.push_back(c.text[i]);
    }
    out.attrs.add(std::move(k));
  }
  return out;
}

bool is_table_file(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".xlsx";
}

PointLayer load_point_file(const std::string& path, const IngestOptions& opt, PointTableReport* report,
                           const Progress& progress) {
  if (!is_table_file(path)) return load_points(path, opt, progress);
  return points_from_table(read_table(path, opt.layer), opt, report);
}

std::string format_point_report(const PointTableReport& r, const std::string& path) {
  if (r.detection.empty()) return "";
  std::string s = path + ": " + r.detection + "\n";
  size_t skipped = r.blank + r.out_of_range;
  if (skipped) {
    s += path + ": " + std::to_string(skipped) + " of " + std::to_string(r.rows) + " rows skipped (" +
         std::to_string(r.blank) + " blank, " + std::to_string(r.out_of_range) + " out of range):\n";
    for (const auto& k : r.skipped) s += "  " + k + "\n";
    if (skipped > r.skipped.size())
      s += "  ... and " + std::to_string(skipped - r.skipped.size()) + " more\n";
  }
  return s;
}

}  // namespace nbhd
