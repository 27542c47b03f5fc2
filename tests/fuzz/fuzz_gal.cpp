// libFuzzer target for the GeoDa weights reader (parse_weights, GAL and GWT) and what consumes its result:
// any bytes must give well-formed weights or one nbhd::Error, never a crash or a sanitizer report; weights
// that parse must map onto their own areas, summarise, and survive a write and re-read unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "geo/spatial/gal_io.hpp"
#include "geo/spatial/weights.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the input that broke an invariant
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte chooses the format the way the file name would: 'w' = .gwt, anything else .gal.
  if (size == 0) return 0;
  const nbhd::WeightsFormat fmt = data[0] == 'w' ? nbhd::WeightsFormat::Gwt : nbhd::WeightsFormat::Gal;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  nbhd::WeightsFile f;
  try {
    f = nbhd::parse_weights(text, fmt, "fuzz.gal");
  } catch (const nbhd::Error&) {
    return 0;
  }
  check(f.ids.size() <= f.header_count);
  for (const auto& l : f.links) check(l.i < f.ids.size() && l.j < f.ids.size() && l.i != l.j);
  nbhd::SpatialWeights w;
  try {
    // The file's own ids are exactly its areas, so the mapping must succeed.
    w = nbhd::weights_for_areas(f, f.ids, "fuzz.gal", "fuzz");
  } catch (const nbhd::Error&) {
    check(false);
  }
  check(w.size() == f.ids.size() && w.offsets.size() == w.size() + 1 && w.offsets.back() == w.links());
  nbhd::WeightsSummary s = nbhd::summarise(w);
  check(s.links == w.links() && s.islands <= s.areas);
  // Ids with spaces cannot exist (whitespace splits tokens), so writing and re-reading is exact.
  std::string again = nbhd::format_weights(w, f.ids, fmt, "fuzz", "code");
  nbhd::WeightsFile g = nbhd::parse_weights(again, fmt, "again.gal");
  nbhd::SpatialWeights w2 = nbhd::weights_for_areas(g, f.ids, "again.gal", "fuzz");
  check(w2.offsets == w.offsets && w2.neighbours == w.neighbours);
  if (fmt == nbhd::WeightsFormat::Gwt) check(w2.weights == w.weights);
  return 0;
}
