#include "geo/tables/postcodes.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <unordered_map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/table.hpp"
#include "geo/vector/gdal_handle.hpp"

namespace nbhd {

namespace {

// 0 for padding sorts before every character, so a prefix packs to the lowest key it starts.
uint64_t pack(std::string_view norm) {
  uint64_t k = 0;
  for (size_t i = 0; i < 8; ++i) k = (k << 8) | (i < norm.size() ? uint8_t(norm[i]) : 0);
  return k;
}

std::string unpack(uint64_t k) {
  std::string s;
  for (int i = 7; i >= 0; --i)
    if (char c = char((k >> (8 * i)) & 0xff)) s += c;
  return s;
}

// "M94DF" -> "M9 4DF": the inward code is always the last three characters.
std::string display_form(const std::string& norm) {
  return norm.size() > 3 ? norm.substr(0, norm.size() - 3) + " " + norm.substr(norm.size() - 3) : norm;
}

// CSV rows from a byte source read in blocks: only one block (and the row that spans two) is in memory,
// so a 1 GB directory streams through a few MB. Fields are views into the block, unquoted in place.
class RowReader {
 public:
  using Fill = std::function<size_t(char* dst, size_t n)>;  // 0 at end of input
  // `block`: bytes read at a time (a text in memory needs no more than its size).
  RowReader(Fill fill, std::string source, size_t block = kBlock)
      : fill_(std::move(fill)), source_(std::move(source)), block_(block) {}

  // The next non-blank row into `row`; false at the end. Throws nbhd::Error for an unterminated quote.
  bool next(std::vector<std::string_view>& row) {
    for (;;) {
      size_t end = row_end();
      if (end != npos) {
        split(pos_, end, row);
        pos_ = end < len_ ? end + 1 : end;
        ++line_;
        if (row.size() == 1 && row[0].empty()) continue;  // blank line
        return true;
      }
      if (eof_) {
        if (pos_ >= len_) return false;
        if (in_quote_)
          throw Error(source_ + " line " + std::to_string(line_ + 1) +
                      ": a quoted field is never closed; check the quotes");
        size_t e = len_;
        split(pos_, e, row);
        pos_ = len_;
        ++line_;
        if (row.size() == 1 && row[0].empty()) return false;
        return true;
      }
      refill();
    }
  }
  size_t line() const { return line_; }  // of the row last returned, 1-based
  size_t bytes_read() const { return consumed_; }

 private:
  static constexpr size_t npos = ~size_t{0};

  // Where the row starting at pos_ ends (its '\n'), scanning on from where the last scan stopped.
  size_t row_end() {
    if (scan_ < pos_) scan_ = pos_, in_quote_ = false;
    for (; scan_ < len_; ++scan_) {
      char c = buf_[scan_];
      if (c == '"')
        in_quote_ = !in_quote_;
      else if (c == '\n' && !in_quote_) {
        size_t e = scan_;
        scan_ = e + 1;
        in_quote_ = false;
        return e;
      }
    }
    return npos;
  }

  void split(size_t b, size_t e, std::vector<std::string_view>& row) {
    row.clear();
    if (e > b && buf_[e - 1] == '\r') --e;
    if (line_ == 0 && e - b >= 3 && buf_.compare(b, 3, "\xEF\xBB\xBF") == 0) b += 3;  // UTF-8 BOM
    char* s = buf_.data();
    size_t p = b;
    for (;;) {
      if (p < e && s[p] == '"') {
        size_t w = p, r = p + 1;  // unquote in place: the text only shrinks
        while (r < e) {
          if (s[r] == '"') {
            if (r + 1 < e && s[r + 1] == '"') {
              s[w++] = '"';
              r += 2;
              continue;
            }
            ++r;
            break;
          }
          s[w++] = s[r++];
        }
        size_t field_end = w;
        while (r < e && s[r] != ',') s[field_end++] = s[r++];  // text after the closing quote is kept
        row.emplace_back(s + p, field_end - p);
        p = r;
      } else {
        size_t q = p;
        while (q < e && s[q] != ',') ++q;
        row.emplace_back(s + p, q - p);
        p = q;
      }
      if (p >= e) break;
      ++p;  // the comma
      if (p == e) {
        row.emplace_back();
        break;
      }
    }
  }

  void refill() {
    if (pos_ > 0) {  // keep the unfinished row, drop what was read
      buf_.erase(0, pos_);
      len_ -= pos_;
      scan_ -= pos_;
      pos_ = 0;
    }
    size_t want = std::max<size_t>(block_, len_);  // a row longer than a block doubles the buffer
    if (buf_.size() < len_ + want) buf_.resize(len_ + want);
    size_t n = fill_(buf_.data() + len_, want);
    if (n == 0) eof_ = true;
    len_ += n;
    consumed_ += n;
  }

  static constexpr size_t kBlock = 4 << 20;
  Fill fill_;
  std::string source_;
  size_t block_;
  std::string buf_;
  size_t len_ = 0, pos_ = 0, scan_ = 0, line_ = 0, consumed_ = 0;
  bool in_quote_ = false, eof_ = false;
};

constexpr const char* kNeeds =
    "a postcode table (ONS Postcode Directory layout) needs a postcode column (pcds, pcd, pcd2 or postcode) "
    "and coordinates (lat and long, or oseast1m and osnrth1m)";

struct Columns {
  int postcode = -1, x = -1, y = -1, lsoa = -1, doterm = -1;
  bool lonlat = false;  // x = long, y = lat; else x = oseast1m, y = osnrth1m
  std::string postcode_name, position_names, lsoa_name;
};

Columns find_columns(const std::vector<std::string_view>& header, const std::string& source) {
  std::vector<std::string> names;
  for (auto h : header) names.push_back(lower(trim(h)));
  auto find = [&](std::initializer_list<const char*> options) {
    for (const char* o : options)
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == o) return int(i);
    return -1;
  };
  Columns c;
  c.postcode = find({"pcds", "pcd", "pcd2", "postcode"});
  if (c.postcode < 0) throw Error(source + " has no postcode column; " + kNeeds);
  c.postcode_name = std::string(trim(header[size_t(c.postcode)]));
  int e = find({"oseast1m"}), n = find({"osnrth1m"});
  int lat = find({"lat", "latitude"}), lon = find({"long", "lon", "longitude"});
  if (e >= 0 && n >= 0) {
    c.x = e, c.y = n;
  } else if (lat >= 0 && lon >= 0) {
    c.x = lon, c.y = lat, c.lonlat = true;
  } else {
    throw Error(source + " has no coordinate columns; " + kNeeds);
  }
  c.position_names = std::string(trim(header[size_t(c.x)])) + "+" + std::string(trim(header[size_t(c.y)]));
  c.lsoa = find({"lsoa21cd", "lsoa21", "lsoa11cd", "lsoa11"});
  if (c.lsoa >= 0) c.lsoa_name = std::string(trim(header[size_t(c.lsoa)]));
  c.doterm = find({"doterm"});
  return c;
}

// Points from the table's CRS to the working CRS, in batches (one PROJ call per batch). The transform is
// kept per thread for the next table to the same CRS (finding it in PROJ's database costs milliseconds).
class Reprojector {
 public:
  Reprojector(const char* from, const std::string& to, const std::string& source) {
    if (to == from) return;  // grid references into British National Grid: nothing to do, no PROJ lookup
    thread_local std::string cached_key;
    thread_local OgrTransform cached;
    std::string key = std::string(from) + ">" + to;
    if (key != cached_key) {
      cached.reset();
      cached_key.clear();
      OgrSrs a(OSRNewSpatialReference(nullptr)), b(OSRNewSpatialReference(nullptr));
      if (OSRSetFromUserInput(a.get(), from) != OGRERR_NONE ||
          OSRSetFromUserInput(b.get(), to.c_str()) != OGRERR_NONE)
        throw Error("cannot place the postcodes of " + source + " in " + to +
                    "; open the boundaries in a known CRS");
      OSRSetAxisMappingStrategy(a.get(), OAMS_TRADITIONAL_GIS_ORDER);
      OSRSetAxisMappingStrategy(b.get(), OAMS_TRADITIONAL_GIS_ORDER);
      if (!OSRIsSame(a.get(), b.get())) {
        cached.reset(OCTNewCoordinateTransformation(a.get(), b.get()));
        if (!cached)
          throw Error("cannot place the postcodes of " + source + " in " + to +
                      "; open the boundaries in a known CRS");
      }
      cached_key = key;
    }
    ct_ = cached.get();
  }
  // Transforms in place; ok[i] false where a point cannot be transformed.
  void run(std::vector<double>& x, std::vector<double>& y, std::vector<int>& ok) {
    ok.assign(x.size(), 1);
    if (!ct_ || x.empty()) return;
    OCTTransformEx(ct_, int(x.size()), x.data(), y.data(), nullptr, ok.data());
  }

 private:
  void* ct_ = nullptr;  // the thread's cached transform, or null when none is needed
};

struct Pending {
  std::vector<std::string> codes, lsoas;
  std::vector<double> x, y;
  std::vector<int> ok;
  void clear() { codes.clear(), lsoas.clear(), x.clear(), y.clear(); }
};

PostcodeIndex read_rows(RowReader& rows, const std::string& source, const PostcodeReadOptions& opt,
                        PostcodeReadReport* out, uint64_t total_bytes) {
  PostcodeReadReport rep;
  std::vector<std::string_view> row;
  if (!rows.next(row)) throw Error(source + " is empty; " + kNeeds);
  const size_t ncol = row.size();
  Columns col = find_columns(row, source);
  rep.postcode_column = col.postcode_name;
  rep.position_columns = col.position_names;
  rep.lsoa_column = col.lsoa_name;
  Reprojector proj(col.lonlat ? "EPSG:4326" : "EPSG:27700", opt.working_crs, source);
  PostcodeIndex index;
  Pending p;
  auto flush = [&] {
    proj.run(p.x, p.y, p.ok);
    for (size_t i = 0; i < p.codes.size(); ++i) {
      if (!p.ok[i] || !std::isfinite(p.x[i]) || !std::isfinite(p.y[i])) {
        ++rep.out_of_range;
        continue;
      }
      index.add(p.codes[i], {p.x[i], p.y[i]}, p.lsoas[i]);
      ++rep.indexed;
    }
    p.clear();
  };
  size_t since_report = 0;
  while (rows.next(row)) {
    if (row.size() != ncol)
      throw Error(source + " line " + std::to_string(rows.line()) + ": " + std::to_string(row.size()) +
                  (row.size() == 1 ? " field" : " fields") + " but the header has " + std::to_string(ncol) +
                  "; check for unquoted commas or missing cells");
    ++rep.rows;
    if (++since_report == 65536) {
      since_report = 0;
      flush();
      if (total_bytes)
        report(opt.progress, std::min(1.0, double(rows.bytes_read()) / double(total_bytes)),
               "reading postcodes");
    }
    if (col.doterm >= 0 && !trim(row[size_t(col.doterm)]).empty() && !opt.keep_terminated) {
      ++rep.terminated;
      continue;
    }
    std::string code = normalise_postcode(row[size_t(col.postcode)]);
    if (code.size() < 2) {
      ++rep.bad_postcode;
      continue;
    }
    std::string_view xs = trim(row[size_t(col.x)]), ys = trim(row[size_t(col.y)]);
    if (xs.empty() || ys.empty()) {
      ++rep.no_position;
      continue;
    }
    auto xv = parse_number(xs), yv = parse_number(ys);
    bool in_range = xv && yv && std::isfinite(*xv) && std::isfinite(*yv);
    if (in_range && col.lonlat) in_range = std::abs(*xv) <= 180 && std::abs(*yv) <= 90;
    if (in_range && !col.lonlat) in_range = *xv >= 0 && *xv <= 700000 && *yv >= 0 && *yv <= 1300000;
    if (!in_range) {
      ++rep.out_of_range;
      continue;
    }
    p.codes.push_back(std::move(code));
    p.lsoas.emplace_back(col.lsoa >= 0 ? trim(row[size_t(col.lsoa)]) : std::string_view());
    p.x.push_back(*xv);
    p.y.push_back(*yv);
  }
  flush();
  rep.duplicates = index.finish();
  rep.indexed -= rep.duplicates;
  if (rep.indexed == 0)
    throw Error(source + " has no usable postcode (" + std::to_string(rep.rows) +
                " rows: " + std::to_string(rep.terminated) + " terminated, " +
                std::to_string(rep.no_position) + " without coordinates, " +
                std::to_string(rep.out_of_range) + " out of range, " + std::to_string(rep.bad_postcode) +
                " not postcodes); give a table of current postcodes with their "
                "coordinates");
  report(opt.progress, 1.0, "reading postcodes");
  if (out) *out = rep;
  return index;
}

}  // namespace

std::string normalise_postcode(std::string_view s) {
  std::string r;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ') continue;
    if (!std::isalnum(u) || r.size() == 7) return "";
    r += char(std::toupper(u));
  }
  return r;
}

bool PostcodeIndex::add(std::string_view postcode, Point at, std::string_view lsoa) {
  std::string norm = normalise_postcode(postcode);
  if (norm.empty()) return false;
  if (!have_origin_) ox_ = at.x, oy_ = at.y, have_origin_ = true;
  uint32_t li = kNone;
  if (!lsoa.empty()) {
    auto it = lsoa_index_.find(std::string(lsoa));
    if (it == lsoa_index_.end()) {
      it = lsoa_index_.emplace(std::string(lsoa), uint32_t(lsoa_codes_.size())).first;
      lsoa_codes_.emplace_back(lsoa);
    }
    li = it->second;
  }
  keys_.push_back({pack(norm), float(at.x - ox_), float(at.y - oy_), li});
  return true;
}

size_t PostcodeIndex::finish() {
  std::stable_sort(keys_.begin(), keys_.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  size_t before = keys_.size();
  keys_.erase(
      std::unique(keys_.begin(), keys_.end(), [](const Entry& a, const Entry& b) { return a.key == b.key; }),
      keys_.end());
  keys_.shrink_to_fit();
  lsoa_index_.clear();
  return before - keys_.size();
}

std::pair<size_t, size_t> PostcodeIndex::range(std::string_view query) const {
  std::string norm = normalise_postcode(query);
  if (norm.empty() || !std::isalpha(static_cast<unsigned char>(norm[0]))) return {0, 0};
  uint64_t lo = pack(norm);
  uint64_t span = norm.size() >= 8 ? 1 : uint64_t{1} << (8 * (8 - norm.size()));
  auto first =
      std::lower_bound(keys_.begin(), keys_.end(), lo, [](const Entry& e, uint64_t k) { return e.key < k; });
  auto last =
      std::lower_bound(first, keys_.end(), lo + span, [](const Entry& e, uint64_t k) { return e.key < k; });
  return {size_t(first - keys_.begin()), size_t(last - keys_.begin())};
}

PostcodeHit PostcodeIndex::hit(const Entry& e) const {
  return {display_form(unpack(e.key)),
          {ox_ + double(e.x), oy_ + double(e.y)},
          e.lsoa == kNone ? std::string() : lsoa_codes_[e.lsoa]};
}

std::vector<PostcodeHit> PostcodeIndex::find_prefix(std::string_view query, size_t limit) const {
  auto [a, b] = range(query);
  std::vector<PostcodeHit> out;
  for (size_t i = a; i < b && out.size() < limit; ++i) out.push_back(hit(keys_[i]));
  return out;
}

size_t PostcodeIndex::bytes() const {
  size_t b = keys_.capacity() * sizeof(Entry);
  for (const auto& c : lsoa_codes_) b += sizeof c + (c.size() > 15 ? c.capacity() : 0);
  return b;
}

size_t PostcodeIndex::count_prefix(std::string_view query) const {
  auto [a, b] = range(query);
  return b - a;
}

void check_postcode_header(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw Error("cannot read postcode table " + path + "; check the path and its permissions");
  RowReader rows(
      [&](char* dst, size_t n) { return std::fread(dst, 1, std::min<size_t>(n, 1 << 16), f.get()); }, path);
  std::vector<std::string_view> row;
  if (!rows.next(row)) throw Error(path + " is empty; " + kNeeds);
  find_columns(row, path);
}

PostcodeIndex read_postcodes(const std::string& path, const PostcodeReadOptions& opt,
                             PostcodeReadReport* report) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw Error("cannot read postcode table " + path + "; check the path and its permissions");
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  RowReader rows([&](char* dst, size_t n) { return std::fread(dst, 1, n, f.get()); }, path);
  return read_rows(rows, path, opt, report, ec ? 0 : size);
}

PostcodeIndex parse_postcodes(std::string_view text, const std::string& source,
                              const PostcodeReadOptions& opt, PostcodeReadReport* report) {
  size_t at = 0;
  RowReader rows(
      [&](char* dst, size_t n) {
        size_t k = std::min(n, text.size() - at);
        std::copy_n(text.data() + at, k, dst);
        at += k;
        return k;
      },
      source, std::min<size_t>(4 << 20, text.size() + 1));
  return read_rows(rows, source, opt, report, text.size());
}

}  // namespace nbhd
