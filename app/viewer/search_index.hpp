#pragma once
// What the Search panel searches, without ImGui: every level the data carries (the layer's own areas; the
// parent levels given as code/name fields of the boundaries, such as ward24_code/ward24_name and
// ltla24_code/ltla24_name; the outline layers' areas) and, when a postcode table is given, the postcodes.
// Built once on the loader thread. A query ranks hits: exact code, code prefix, exact name, name prefix or
// a word of the name starting with the query, a substring, then fuzzy (a small edit distance, for typos).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/model/area_layer.hpp"
#include "geo/tables/postcodes.hpp"

namespace nbhd::view {

// One searchable thing that is not a postcode.
struct SearchEntry {
  std::string code, name;
  std::string level;            // "LSOA", "Ward", "Local authority", ... (from the code's shape)
  std::string parent;           // name (or code) of the next level up, "" when none is known
  int level_rank = 0;           // 0 for the smallest areas, higher for bigger ones
  std::vector<uint32_t> areas;  // the layer's areas it covers (its own index for an area of the layer)
  BBox bbox;                    // of those areas, or of its outline
};

enum class MatchTier { ExactCode, CodePrefix, ExactName, NamePrefix, Word, Substring, Fuzzy };
const char* tier_name(MatchTier t);  // "exact code", "code prefix", ...

struct SearchHit {
  MatchTier tier = MatchTier::Fuzzy;
  int entry = -1;               // into SearchIndex::entries(), or -1 for a postcode
  PostcodeHit postcode;         // when entry < 0
  int area = -1;                // a postcode's area of the layer (the one containing it), -1 when none
  std::string postcode_parent;  // that area's name (or code)
};

class PickIndex;

class SearchIndex {
 public:
  SearchIndex() = default;
  // `outlines` are boundary-only layers (wards, local authorities) in the same CRS as `layer`.
  SearchIndex(const AreaLayer& layer, const std::vector<const AreaLayer*>& outlines);

  // At most `limit` hits, best first. Postcodes (from `postcodes`, when given) count as codes; `pick` (over
  // the layer's areas) finds the area containing each, else the table's LSOA code is looked up.
  std::vector<SearchHit> search(std::string_view query, size_t limit,
                                const PostcodeIndex* postcodes = nullptr,
                                const PickIndex* pick = nullptr) const;

  const std::vector<SearchEntry>& entries() const { return entries_; }
  // "Harpurhey - Ward, Manchester": what a result list shows.
  std::string label(const SearchHit& h) const;
  const std::string& level_of(const SearchHit& h) const;
  const std::string& parent_of(const SearchHit& h) const;

 private:
  std::vector<SearchEntry> entries_;
  std::vector<std::string> lcode_, lname_;             // lower-case, per entry
  std::unordered_map<std::string, int> area_by_code_;  // the layer's areas (entries 0 .. n-1)
};

// "Ward" for "ward", "LSOA" for "LSOA": a level as a result shows it.
std::string level_label(const std::string& code_kind);

}  // namespace nbhd::view
