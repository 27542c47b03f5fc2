#pragma once
// Postcode lookup tables in the ONS Postcode Directory layout (ONSPD: 2.6 million rows and ~50 columns
// nationally), read as a stream into a compact sorted index: normalised postcode -> point in the working
// CRS (and the LSOA code when the table gives one). Only the needed columns are kept, so memory is 24
// bytes per postcode whatever the width of the file. Columns are found by name:
//   postcode  pcds, pcd, pcd2 or postcode (the first present)
//   position  oseast1m + osnrth1m (British National Grid metres), or lat + long (WGS84 degrees)
//   LSOA      lsoa21cd, lsoa21, lsoa11cd or lsoa11 (optional)
//   doterm    date of termination (optional): a postcode with one is no longer in use and is skipped
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/geometry.hpp"

namespace nbhd {

struct PostcodeReadOptions {
  std::string working_crs = "EPSG:27700";  // the points are returned in this CRS
  bool keep_terminated = false;            // true: postcodes with a doterm are indexed too
  Progress progress;
};

// What reading found, row by row (rows = indexed + every skipped kind).
struct PostcodeReadReport {
  size_t rows = 0;
  size_t indexed = 0;
  size_t terminated = 0;  // doterm given (skipped unless keep_terminated)
  size_t no_position =
      0;  // blank coordinates (ONSPD leaves them blank for postcodes without a grid reference)
  size_t out_of_range =
      0;  // coordinates outside Great Britain's grid or lat/long's range (ONSPD's 99.999999)
  size_t bad_postcode = 0;  // blank, or not 2 to 7 letters and digits once spaces are removed
  size_t duplicates = 0;    // a postcode already indexed (the first row wins)
  std::string postcode_column, position_columns, lsoa_column;  // as found in the header
};

struct PostcodeHit {
  std::string postcode;  // display form, "M9 4DF"
  Point at;              // working CRS
  std::string lsoa;      // "" when the table has no LSOA column
};

// The sorted index. Keys are the postcodes upper-cased without spaces, packed big-endian into 8 bytes,
// so sorting and prefix search are integer comparisons.
class PostcodeIndex {
 public:
  PostcodeIndex() = default;
  size_t size() const { return keys_.size(); }
  size_t bytes() const;  // memory held (the entries and the LSOA codes)
  // Postcodes starting with `query` (case and spaces ignored), in postcode order, at most `limit`.
  // Empty when the query is not shaped like the start of a postcode.
  std::vector<PostcodeHit> find_prefix(std::string_view query, size_t limit) const;
  // How many postcodes start with `query` (same rules).
  size_t count_prefix(std::string_view query) const;

  // Appends one postcode (any order); call finish() once all are in. False when the postcode is not
  // shaped like one. Used by the reader and by tests.
  bool add(std::string_view postcode, Point at, std::string_view lsoa);
  // Sorts, and drops repeated postcodes (keeping the first added); returns how many were dropped.
  size_t finish();

 private:
  struct Entry {
    uint64_t key;
    float x, y;     // metres in British National Grid fit a float to ~0.06 m; other CRSs are offset
    uint32_t lsoa;  // index into lsoa_codes_, or kNone
  };
  static constexpr uint32_t kNone = ~uint32_t{0};
  std::pair<size_t, size_t> range(std::string_view query) const;
  PostcodeHit hit(const Entry& e) const;

  std::vector<Entry> keys_;
  double ox_ = 0, oy_ = 0;  // offset subtracted before storing as float (the first point added)
  bool have_origin_ = false;
  std::vector<std::string> lsoa_codes_;
  std::unordered_map<std::string, uint32_t> lsoa_index_;  // code -> index into lsoa_codes_, while adding
};

// Upper-case letters and digits of `s` without spaces, or "" when `s` has any other character or more
// than 7 of them.
std::string normalise_postcode(std::string_view s);

// Checks only the header line: throws nbhd::Error naming the file and the columns it needs when the
// postcode or position columns are missing (cheap: for argument checks before a long read).
void check_postcode_header(const std::string& path);

// Reads the whole table. Throws nbhd::Error naming the file (and line) for a missing column, an unreadable
// file, a malformed line, or a table with no usable postcode; nbhd::Cancelled when progress says stop.
PostcodeIndex read_postcodes(const std::string& path, const PostcodeReadOptions& opt,
                             PostcodeReadReport* report = nullptr);

// The same over CSV text in memory (`source` names it in messages): tests and the fuzzer.
PostcodeIndex parse_postcodes(std::string_view text, const std::string& source,
                              const PostcodeReadOptions& opt, PostcodeReadReport* report = nullptr);

}  // namespace nbhd
