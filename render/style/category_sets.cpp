#include "render/style/category_sets.hpp"

#include "base/text.hpp"

namespace nbhd {

const std::vector<CategorySet>& category_sets() {
  // GeoDa's colours: not significant (240,240,240), High-High (255,0,0), Low-Low (0,0,255), Low-High
  // (150,150,255), High-Low (255,150,150), neighbourless (140,140,140); significance greens (75,255,80),
  // (6,196,11), (3,116,6), (1,70,3). The codes are GeoDa's cluster codes, as nbhd lisa writes them.
  const Rgb not_sig{240, 240, 240}, neighbourless{140, 140, 140};
  static const std::vector<CategorySet> sets = {
      {"lisa",
       {{0, "Not significant", not_sig},
        {1, "High-High", {255, 0, 0}},
        {2, "Low-Low", {0, 0, 255}},
        {3, "Low-High", {150, 150, 255}},
        {4, "High-Low", {255, 150, 150}},
        {5, "Neighbourless", neighbourless, false}}},
      {"lisa-significance",
       {{0, "Not significant", not_sig},
        {1, "p <= 0.05", {75, 255, 80}},
        {2, "p <= 0.01", {6, 196, 11}},
        {3, "p <= 0.001", {3, 116, 6}},
        {4, "p <= 0.0001", {1, 70, 3}},
        {5, "Neighbourless", neighbourless, false}}},
      {"gi",
       {{0, "Not significant", not_sig},
        {1, "Hot spot", {255, 0, 0}},
        {2, "Cold spot", {0, 0, 255}},
        {3, "Neighbourless", neighbourless, false}}},
  };
  return sets;
}

const CategorySet* find_category_set(std::string_view name) {
  std::string n = lower(name);
  for (const auto& s : category_sets())
    if (s.name == n) return &s;
  return nullptr;
}

}  // namespace nbhd
