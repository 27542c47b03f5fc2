// libFuzzer target for postcode tables (parse_postcodes): any bytes, read as a table in the ONS Postcode
// Directory layout, must give a consistent index or one nbhd::Error, never a crash, a sanitizer report,
// counts that do not add up or a prefix search that returns postcodes not starting with the query.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "geo/tables/postcodes.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke an invariant
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nbhd::PostcodeReadOptions o;
  nbhd::PostcodeReadReport rep;
  nbhd::PostcodeIndex ix;
  try {
    ix = nbhd::parse_postcodes(text, "postcodes.csv", o, &rep);
  } catch (const nbhd::Error&) {
    return 0;
  }
  check(rep.indexed == ix.size() && rep.indexed > 0);
  check(rep.rows == rep.indexed + rep.terminated + rep.no_position + rep.out_of_range + rep.bad_postcode +
                        rep.duplicates);
  for (std::string q : {"A", "E", "EB1", "M9 4", "Z"}) {
    auto hits = ix.find_prefix(q, 20);
    check(hits.size() <= ix.count_prefix(q));
    std::string nq = nbhd::normalise_postcode(q);
    for (const auto& h : hits) {
      check(nbhd::normalise_postcode(h.postcode).rfind(nq, 0) == 0);
      check(ix.count_prefix(h.postcode) >= 1);  // found again by its own full form
    }
  }
  return 0;
}
