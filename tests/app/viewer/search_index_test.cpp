// The viewer's search model (app/viewer/search_index.hpp) on the demo borough: every level the boundaries
// carry (LSOAs; wards and the local authority from their code/name fields), ranked exact code, code prefix,
// exact name, name prefix, word, substring, fuzzy; each hit's level and parent; outline layers; postcodes
// from the demo's table placed in the area that contains them. The national data (when present): a ward
// and a local authority by name.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "app/viewer/pick_index.hpp"
#include "app/viewer/search_index.hpp"
#include "geo/tables/postcodes.hpp"
#include "geo/vector/ingest.hpp"
#include "support/demo_layer.hpp"
#include "support/test_data.hpp"

namespace nbhd::view {
namespace {

const SearchIndex& demo_index() {
  static const SearchIndex ix(test::demo_layer(), {});
  return ix;
}

const SearchEntry& entry(const SearchHit& h) {
  return demo_index().entries()[size_t(h.entry)];
}

// The demo's areas whose `field` is `value`, read from the layer's table (not through the index).
std::vector<uint32_t> areas_where(const char* field, const std::string& value) {
  const AreaLayer& L = test::demo_layer();
  const auto& col = L.attrs.column(field).text;
  std::vector<uint32_t> out;
  for (size_t i = 0; i < L.size(); ++i)
    if (col[i] == value) out.push_back(uint32_t(i));
  return out;
}

TEST(SearchIndex, FindsTheLocalAuthorityAndWardsFromTheBoundariesFields) {
  const AreaLayer& L = test::demo_layer();
  size_t lsoas = 0, wards = 0, las = 0;
  for (const auto& e : demo_index().entries()) {
    lsoas += e.level == "LSOA";
    wards += e.level == "Ward";
    las += e.level == "Local authority";
  }
  EXPECT_EQ(lsoas, L.size());
  EXPECT_EQ(wards, std::set<std::string>(L.attrs.column("ward24_code").text.begin(),
                                         L.attrs.column("ward24_code").text.end())
                       .size());
  EXPECT_EQ(las, 1u);

  auto hits = demo_index().search("Eastbrook", 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(entry(hits[0]).level, "Local authority");
  EXPECT_EQ(entry(hits[0]).code, "E08900001");
  EXPECT_EQ(hits[0].tier, MatchTier::ExactName);
  EXPECT_EQ(entry(hits[0]).areas.size(), L.size());
}

TEST(SearchIndex, AWardResultCarriesItsLevelParentAndAreas) {
  const AreaLayer& L = test::demo_layer();
  const std::string ward = L.attrs.column("ward24_name").text[123];
  auto hits = demo_index().search(ward, 5);
  ASSERT_FALSE(hits.empty());
  const SearchEntry& e = entry(hits[0]);
  EXPECT_EQ(e.level, "Ward");
  EXPECT_EQ(e.name, ward);
  EXPECT_EQ(e.code, L.attrs.column("ward24_code").text[123]);
  EXPECT_EQ(e.parent, "Eastbrook");
  EXPECT_EQ(demo_index().label(hits[0]), ward + " - Ward, Eastbrook");
  EXPECT_EQ(demo_index().level_of(hits[0]), "Ward");
  EXPECT_EQ(demo_index().parent_of(hits[0]), "Eastbrook");
  std::vector<uint32_t> areas = e.areas;
  std::sort(areas.begin(), areas.end());
  EXPECT_EQ(areas, areas_where("ward24_name", ward));
  BBox b;
  for (uint32_t i : areas) b.expand(bbox_of(L.geoms[i]));
  EXPECT_EQ(e.bbox.minx, b.minx);
  EXPECT_EQ(e.bbox.maxy, b.maxy);
  // An LSOA's parent is its ward.
  auto lsoa = demo_index().search(L.codes[123], 5);
  ASSERT_FALSE(lsoa.empty());
  EXPECT_EQ(lsoa[0].tier, MatchTier::ExactCode);
  EXPECT_EQ(entry(lsoa[0]).level, "LSOA");
  EXPECT_EQ(entry(lsoa[0]).parent, ward);
  EXPECT_EQ(demo_index().label(lsoa[0]), L.codes[123] + " " + L.names[123] + " - LSOA, " + ward);
}

TEST(SearchIndex, RanksExactCodeThenPrefixThenNameThenWordThenFuzzy) {
  // Ranks never go down the list.
  for (const char* q : {"eastbrook", "E0590000", "moor", "hill", "E01900012", "brook"}) {
    auto hits = demo_index().search(q, 50);
    ASSERT_FALSE(hits.empty()) << q;
    for (size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i - 1].tier, hits[i].tier) << q;
  }
  // Exact code before the codes it prefixes (E01900012 prefixes nothing, E0190001 ten codes).
  auto code = demo_index().search("E0190001", 50);
  ASSERT_GE(code.size(), 10u);
  EXPECT_EQ(code[0].tier, MatchTier::CodePrefix);
  EXPECT_EQ(demo_index().search("E01900012", 5)[0].tier, MatchTier::ExactCode);
  // "eastbrook": the local authority (exact), then name prefixes: the ward "Eastbrook Central" (a bigger
  // area) before the LSOAs "Eastbrook 001A" ...
  auto e = demo_index().search("eastbrook", 50);
  EXPECT_EQ(entry(e[1]).name, "Eastbrook Central");
  EXPECT_EQ(e[1].tier, MatchTier::NamePrefix);
  EXPECT_EQ(entry(e[2]).level, "LSOA");
  // "moor": "Clayton Moor" by a whole word before "Northmoor" inside a word.
  auto moor = demo_index().search("moor", 50);
  ASSERT_GE(moor.size(), 2u);
  EXPECT_EQ(entry(moor[0]).name, "Clayton Moor");
  EXPECT_EQ(moor[0].tier, MatchTier::Word);
  EXPECT_EQ(entry(moor[1]).name, "Northmoor");
  EXPECT_EQ(moor[1].tier, MatchTier::Substring);
  // Typos: a letter dropped, two swapped, one wrong.
  for (auto [typo, name] : {std::pair{"Castle Hil", "Castle Hill"}, std::pair{"Hollisn", "Hollins"},
                            std::pair{"Thornlay", "Thornley"}, std::pair{"Whitecros", "Whitecross"}}) {
    auto f = demo_index().search(typo, 5);
    ASSERT_FALSE(f.empty()) << typo;
    EXPECT_EQ(entry(f[0]).name, name) << typo;
    EXPECT_EQ(entry(f[0]).level, "Ward") << typo;
  }
  EXPECT_EQ(demo_index().search("Hollisn", 5)[0].tier, MatchTier::Fuzzy);
  EXPECT_TRUE(demo_index().search("Qxzvbn", 5).empty());  // no matches
  EXPECT_TRUE(demo_index().search("   ", 5).empty());
}

TEST(SearchIndex, OutlineLayersAddTheirOwnAreas) {
  // wards.gpkg repeats the wards of the fields (same codes): nothing is added twice.
  AreaLayer wards = load_areas((test::demo_dir() / "wards.gpkg").string(), {});
  SearchIndex same(test::demo_layer(), {&wards});
  EXPECT_EQ(same.entries().size(), demo_index().entries().size());
  // With codes of their own they are new entries, whose areas are the LSOAs inside them.
  AreaLayer renamed = wards;
  for (auto& c : renamed.codes) c = "E05990" + c.substr(6);
  for (auto& n : renamed.names) n = "Outline " + n;
  SearchIndex more(test::demo_layer(), {&renamed});
  ASSERT_EQ(more.entries().size(), demo_index().entries().size() + wards.size());
  auto hits = more.search("Outline Hollins", 3);
  ASSERT_FALSE(hits.empty());
  const SearchEntry& e = more.entries()[size_t(hits[0].entry)];
  EXPECT_EQ(e.level, "Ward");
  EXPECT_EQ(e.parent, "Eastbrook");
  std::vector<uint32_t> areas = e.areas;
  std::sort(areas.begin(), areas.end());
  auto expected = areas_where("ward24_name", "Hollins");
  // The LSOAs tile the wards, so box centres fall in their own ward but for a few odd shapes.
  size_t shared = 0;
  for (uint32_t a : areas) shared += std::binary_search(expected.begin(), expected.end(), a);
  EXPECT_GE(shared * 10, expected.size() * 7);
  EXPECT_LE(areas.size(), expected.size() + 3);
}

TEST(SearchIndex, PostcodesAreFoundByPrefixAndPlacedInTheirArea) {
  const AreaLayer& L = test::demo_layer();
  PostcodeIndex pc = read_postcodes((test::demo_dir() / "postcodes.csv").string(), {});
  PickIndex pick(L.geoms);
  auto all = pc.find_prefix("EB", 5000);
  ASSERT_EQ(all.size(), pc.size());
  size_t agree = 0;
  for (const auto& p : all) {
    auto hits = demo_index().search(p.postcode, 3, &pc, &pick);
    ASSERT_FALSE(hits.empty()) << p.postcode;
    ASSERT_EQ(hits[0].entry, -1) << p.postcode;
    EXPECT_EQ(hits[0].tier, MatchTier::ExactCode);
    EXPECT_EQ(demo_index().level_of(hits[0]), "Postcode");
    ASSERT_GE(hits[0].area, 0) << p.postcode;
    agree += L.codes[size_t(hits[0].area)] == p.lsoa;  // the generator put it inside that LSOA
    EXPECT_EQ(demo_index().parent_of(hits[0]), L.names[size_t(hits[0].area)]);
  }
  EXPECT_EQ(agree, all.size());
  // Partial, lower case, no space: prefixes; more than the limit is cut.
  const std::string first = all[0].postcode;  // "EB1 1AA"
  auto part = demo_index().search("eb11a", 5, &pc, &pick);
  ASSERT_EQ(part.size(), 5u);
  EXPECT_EQ(part[0].tier, MatchTier::CodePrefix);
  EXPECT_EQ(part[0].postcode.postcode, first);
  EXPECT_EQ(demo_index().label(part[0]), first + " - Postcode, " + L.names[size_t(part[0].area)]);
}

TEST(SearchIndexNational, FindsAWardAndALocalAuthorityByName) {
  NBHD_REQUIRE_SHARED("england/lsoa21.gpkg");
  AreaLayer L = load_areas((test::shared_data() / "england/lsoa21.gpkg").string(), {});
  auto t0 = std::chrono::steady_clock::now();
  SearchIndex ix(L, {});
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "national search index: " << ix.entries().size() << " entries in " << build_s << " s\n";
  auto ward = ix.search("Harpurhey", 5);
  ASSERT_FALSE(ward.empty());
  const SearchEntry& w = ix.entries()[size_t(ward[0].entry)];
  EXPECT_EQ(w.level, "Ward");
  EXPECT_EQ(w.name, "Harpurhey");
  EXPECT_EQ(w.parent, "Manchester");
  EXPECT_EQ(ix.label(ward[0]), "Harpurhey - Ward, Manchester");
  EXPECT_GE(w.areas.size(), 5u);
  auto typo = ix.search("Harpurhy", 5);
  ASSERT_FALSE(typo.empty());
  EXPECT_EQ(ix.entries()[size_t(typo[0].entry)].code, w.code);
  auto la = ix.search("Manchester", 5);
  ASSERT_FALSE(la.empty());
  const SearchEntry& m = ix.entries()[size_t(la[0].entry)];
  EXPECT_EQ(m.level, "Local authority");
  EXPECT_EQ(m.code, "E08000003");
  EXPECT_EQ(m.parent, "");
  EXPECT_GT(m.areas.size(), 250u);
}

}  // namespace
}  // namespace nbhd::view
