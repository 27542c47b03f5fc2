#include "render/style/palette.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/error.hpp"
#include "base/text.hpp"
#include "render/style/category_sets.hpp"

namespace nbhd {

std::string to_hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

namespace {
int hexval(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<Rgb> parse_hex(std::string_view s) {
  if (!s.empty() && s.front() == '#') s.remove_prefix(1);
  if (s.size() != 6 && s.size() != 3) return std::nullopt;
  int d[6];
  for (size_t i = 0; i < s.size(); ++i)
    if ((d[i] = hexval(s[i])) < 0) return std::nullopt;
  if (s.size() == 3)
    return Rgb{static_cast<std::uint8_t>(d[0] * 17), static_cast<std::uint8_t>(d[1] * 17),
               static_cast<std::uint8_t>(d[2] * 17)};
  return Rgb{static_cast<std::uint8_t>(d[0] * 16 + d[1]), static_cast<std::uint8_t>(d[2] * 16 + d[3]),
             static_cast<std::uint8_t>(d[4] * 16 + d[5])};
}

Rgb parse_colour(std::string_view s, std::string_view what) {
  if (auto c = parse_hex(s)) return *c;
  throw Error(std::string(what) + ": '" + std::string(s) +
              "' is not a colour; write it as #rrggbb, e.g. #d9d9d9");
}

const char* to_string(SchemeKind k) {
  switch (k) {
    case SchemeKind::Sequential:
      return "sequential";
    case SchemeKind::Diverging:
      return "diverging";
    case SchemeKind::Qualitative:
      return "qualitative";
  }
  return "?";
}

namespace {

// ColorBrewer builds each size of a sequential or diverging scheme by picking from one master list of
// colours (13 for sequential, lettered A..M; 15 for diverging, A..O). These are the letters each size
// uses, as published with the schemes.
const char* const kSeqPattern[] = {"CFI",     "BEGJ",     "BEGIK",    "BDFGIK",
                                   "BDFGHJL", "ACDFGHJL", "ACDFGHJKM"};  // n=3..9
const char* const kDivPattern[] = {"EHK",      "CFJM",      "CFHJM",      "BEGIKN",     "BEGHIKN",
                                   "BDFGIJLN", "BDFGHIJLN", "ABDFGIJLNO", "ABDFGHIJLNO"};  // n=3..11

struct Master {
  const char* name;
  SchemeKind kind;
  int cb_safe_up_to;
  const char* colours;  // master list (sequential/diverging) or the full list (qualitative), space-separated
};

// The published ColorBrewer RGB values, typed in as hex.
const Master kMasters[] = {
    // Sequential, multi-hue.
    {"BuGn", SchemeKind::Sequential, 9,
     "f7fcfd edf8fb e5f5f9 ccece6 b2e2e2 99d8c9 66c2a4 41ae76 2ca25f 238b45 006d2c 005824 00441b"},
    {"BuPu", SchemeKind::Sequential, 9,
     "f7fcfd edf8fb e0ecf4 bfd3e6 b3cde3 9ebcda 8c96c6 8c6bb1 8856a7 88419d 810f7c 6e016b 4d004b"},
    {"GnBu", SchemeKind::Sequential, 9,
     "f7fcf0 f0f9e8 e0f3db ccebc5 bae4bc a8ddb5 7bccc4 4eb3d3 43a2ca 2b8cbe 0868ac 08589e 084081"},
    {"OrRd", SchemeKind::Sequential, 9,
     "fff7ec fef0d9 fee8c8 fdd49e fdcc8a fdbb84 fc8d59 ef6548 e34a33 d7301f b30000 990000 7f0000"},
    {"PuBu", SchemeKind::Sequential, 9,
     "fff7fb f1eef6 ece7f2 d0d1e6 bdc9e1 a6bddb 74a9cf 3690c0 2b8cbe 0570b0 045a8d 034e7b 023858"},
    {"PuBuGn", SchemeKind::Sequential, 9,
     "fff7fb f6eff7 ece2f0 d0d1e6 bdc9e1 a6bddb 67a9cf 3690c0 1c9099 02818a 016c59 016450 014636"},
    {"PuRd", SchemeKind::Sequential, 9,
     "f7f4f9 f1eef6 e7e1ef d4b9da d7b5d8 c994c7 df65b0 e7298a dd1c77 ce1256 980043 91003f 67001f"},
    {"RdPu", SchemeKind::Sequential, 9,
     "fff7f3 feebe2 fde0dd fcc5c0 fbb4b9 fa9fb5 f768a1 dd3497 c51b8a ae017e 7a0177 7a0177 49006a"},
    {"YlGn", SchemeKind::Sequential, 9,
     "ffffe5 ffffcc f7fcb9 d9f0a3 c2e699 addd8e 78c679 41ab5d 31a354 238443 006837 005a32 004529"},
    {"YlGnBu", SchemeKind::Sequential, 9,
     "ffffd9 ffffcc edf8b1 c7e9b4 a1dab4 7fcdbb 41b6c4 1d91c0 2c7fb8 225ea8 253494 0c2c84 081d58"},
    {"YlOrBr", SchemeKind::Sequential, 9,
     "ffffe5 ffffd4 fff7bc fee391 fed98e fec44f fe9929 ec7014 d95f0e cc4c02 993404 8c2d04 662506"},
    {"YlOrRd", SchemeKind::Sequential, 9,
     "ffffcc ffffb2 ffeda0 fed976 fecc5c feb24c fd8d3c fc4e2a f03b20 e31a1c bd0026 b10026 800026"},
    // Sequential, single hue.
    {"Blues", SchemeKind::Sequential, 9,
     "f7fbff eff3ff deebf7 c6dbef bdd7e7 9ecae1 6baed6 4292c6 3182bd 2171b5 08519c 084594 08306b"},
    {"Greens", SchemeKind::Sequential, 9,
     "f7fcf5 edf8e9 e5f5e0 c7e9c0 bae4b3 a1d99b 74c476 41ab5d 31a354 238b45 006d2c 005a32 00441b"},
    {"Greys", SchemeKind::Sequential, 9,
     "ffffff f7f7f7 f0f0f0 d9d9d9 cccccc bdbdbd 969696 737373 636363 525252 252525 252525 000000"},
    {"Oranges", SchemeKind::Sequential, 9,
     "fff5eb feedde fee6ce fdd0a2 fdbe85 fdae6b fd8d3c f16913 e6550d d94801 a63603 8c2d04 7f2704"},
    {"Purples", SchemeKind::Sequential, 9,
     "fcfbfd f2f0f7 efedf5 dadaeb cbc9e2 bcbddc 9e9ac8 807dba 756bb1 6a51a3 54278f 4a1486 3f007d"},
    {"Reds", SchemeKind::Sequential, 9,
     "fff5f0 fee5d9 fee0d2 fcbba1 fcae91 fc9272 fb6a4a ef3b2c de2d26 cb181d a50f15 99000d 67000d"},
    // Diverging.
    {"BrBG", SchemeKind::Diverging, 11,
     "543005 8c510a a6611a bf812d d8b365 dfc27d f6e8c3 f5f5f5 c7eae5 80cdc1 5ab4ac 35978f 018571 01665e "
     "003c30"},
    {"PiYG", SchemeKind::Diverging, 11,
     "8e0152 c51b7d d01c8b de77ae e9a3c9 f1b6da fde0ef f7f7f7 e6f5d0 b8e186 a1d76a 7fbc41 4dac26 4d9221 "
     "276419"},
    {"PRGn", SchemeKind::Diverging, 11,
     "40004b 762a83 7b3294 9970ab af8dc3 c2a5cf e7d4e8 f7f7f7 d9f0d3 a6dba0 7fbf7b 5aae61 008837 1b7837 "
     "00441b"},
    {"PuOr", SchemeKind::Diverging, 11,
     "7f3b08 b35806 e66101 e08214 f1a340 fdb863 fee0b6 f7f7f7 d8daeb b2abd2 998ec3 8073ac 5e3c99 542788 "
     "2d004b"},
    {"RdBu", SchemeKind::Diverging, 11,
     "67001f b2182b ca0020 d6604d ef8a62 f4a582 fddbc7 f7f7f7 d1e5f0 92c5de 67a9cf 4393c3 0571b0 2166ac "
     "053061"},
    {"RdGy", SchemeKind::Diverging, 0,
     "67001f b2182b ca0020 d6604d ef8a62 f4a582 fddbc7 ffffff e0e0e0 bababa 999999 878787 404040 4d4d4d "
     "1a1a1a"},
    {"RdYlBu", SchemeKind::Diverging, 11,
     "a50026 d73027 d7191c f46d43 fc8d59 fdae61 fee090 ffffbf e0f3f8 abd9e9 91bfdb 74add1 2c7bb6 4575b4 "
     "313695"},
    {"RdYlGn", SchemeKind::Diverging, 0,
     "a50026 d73027 d7191c f46d43 fc8d59 fdae61 fee08b ffffbf d9ef8b a6d96a 91cf60 66bd63 1a9641 1a9850 "
     "006837"},
    {"Spectral", SchemeKind::Diverging, 0,
     "9e0142 d53e4f d7191c f46d43 fc8d59 fdae61 fee08b ffffbf e6f598 abdda4 99d594 66c2a5 2b83ba 3288bd "
     "5e4fa2"},
    // Qualitative: each size is the first n colours of the full list.
    {"Accent", SchemeKind::Qualitative, 0, "7fc97f beaed4 fdc086 ffff99 386cb0 f0027f bf5b17 666666"},
    {"Dark2", SchemeKind::Qualitative, 3, "1b9e77 d95f02 7570b3 e7298a 66a61e e6ab02 a6761d 666666"},
    {"Paired", SchemeKind::Qualitative, 4,
     "a6cee3 1f78b4 b2df8a 33a02c fb9a99 e31a1c fdbf6f ff7f00 cab2d6 6a3d9a ffff99 b15928"},
    {"Pastel1", SchemeKind::Qualitative, 0, "fbb4ae b3cde3 ccebc5 decbe4 fed9a6 ffffcc e5d8bd fddaec f2f2f2"},
    {"Pastel2", SchemeKind::Qualitative, 0, "b3e2cd fdcdac cbd5e8 f4cae4 e6f5c9 fff2ae f1e2cc cccccc"},
    {"Set1", SchemeKind::Qualitative, 0, "e41a1c 377eb8 4daf4a 984ea3 ff7f00 ffff33 a65628 f781bf 999999"},
    {"Set2", SchemeKind::Qualitative, 3, "66c2a5 fc8d62 8da0cb e78ac3 a6d854 ffd92f e5c494 b3b3b3"},
    {"Set3", SchemeKind::Qualitative, 0,
     "8dd3c7 ffffb3 bebada fb8072 80b1d3 fdb462 b3de69 fccde5 d9d9d9 bc80bd ccebc5 ffed6f"},
};

// Sizes where ColorBrewer departs from the master list: Oranges uses d94701 (not d94801) in 4..6 classes.
struct Override {
  const char* name;
  int n;
  int index;
  const char* hex;
};
const Override kOverrides[] = {{"Oranges", 4, 3, "d94701"}};

std::vector<Rgb> split_hex(const char* s) {
  std::vector<Rgb> out;
  std::string_view v(s);
  while (!v.empty()) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    size_t e = v.find(' ');
    std::string_view tok = v.substr(0, e);
    if (!tok.empty()) out.push_back(*parse_hex(tok));
    if (e == std::string_view::npos) break;
    v.remove_prefix(e);
  }
  return out;
}

const Master* find_master(std::string_view name) {
  std::string l = lower(name);
  for (const auto& m : kMasters)
    if (lower(m.name) == l) return &m;
  return nullptr;
}

int native_max(const Master& m) {
  if (m.kind == SchemeKind::Sequential) return 9;
  if (m.kind == SchemeKind::Diverging) return 11;
  return static_cast<int>(split_hex(m.colours).size());
}

// The published list for a native size.
std::vector<Rgb> published(const Master& m, int n) {
  std::vector<Rgb> all = split_hex(m.colours);
  if (m.kind == SchemeKind::Qualitative) return {all.begin(), all.begin() + n};
  const char* pattern = m.kind == SchemeKind::Sequential ? kSeqPattern[n - 3] : kDivPattern[n - 3];
  std::vector<Rgb> out;
  for (const char* p = pattern; *p; ++p) out.push_back(all[static_cast<size_t>(*p - 'A')]);
  for (const auto& o : kOverrides)
    if (std::string_view(o.name) == m.name && o.n == n) out[static_cast<size_t>(o.index)] = *parse_hex(o.hex);
  return out;
}

// n colours evenly along a ramp (linear in sRGB between its stops).
std::vector<Rgb> along(const std::vector<Rgb>& ramp, int n) {
  std::vector<Rgb> out;
  for (int i = 0; i < n; ++i) {
    double t = static_cast<double>(i) * static_cast<double>(ramp.size() - 1) / (n - 1);
    size_t k = std::min(static_cast<size_t>(t), ramp.size() - 2);
    double f = t - static_cast<double>(k);
    auto mix = [&](std::uint8_t a, std::uint8_t b) {
      return static_cast<std::uint8_t>(std::lround(a + (b - a) * f));
    };
    out.push_back(
        {mix(ramp[k].r, ramp[k + 1].r), mix(ramp[k].g, ramp[k + 1].g), mix(ramp[k].b, ramp[k + 1].b)});
  }
  return out;
}

std::string scheme_names() {
  std::vector<std::string> names;
  for (const auto& m : kMasters) names.push_back(m.name);
  return join_list(names, 100);
}

}  // namespace

const std::vector<SchemeInfo>& colour_schemes() {
  static const std::vector<SchemeInfo> list = [] {
    std::vector<SchemeInfo> v;
    for (const auto& m : kMasters) v.push_back({m.name, m.kind, 3, native_max(m), m.cb_safe_up_to});
    return v;
  }();
  return list;
}

const SchemeInfo* find_scheme(std::string_view name) {
  std::string l = lower(name);
  for (const auto& s : colour_schemes())
    if (lower(s.name) == l) return &s;
  return nullptr;
}

std::vector<Rgb> scheme_colours(std::string_view name, int n, bool reverse) {
  // A named category set (category_sets.hpp: "lisa", ...) also answers, in its class order, so that
  // `--palette lisa` passes every check a ColorBrewer name does.
  if (const CategorySet* set = find_category_set(name)) {
    if (n < 1 || n > int(set->classes.size()))
      throw Error("colour set " + set->name + " has " + std::to_string(set->classes.size()) +
                  " classes, not " + std::to_string(n));
    std::vector<Rgb> out;
    for (int k = 0; k < n; ++k) out.push_back(set->classes[size_t(k)].colour);
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  }
  const Master* m = find_master(name);
  if (!m) throw Error("unknown colour scheme '" + std::string(name) + "'; schemes are: " + scheme_names());
  const int top = native_max(*m);
  const int limit = m->kind == SchemeKind::Qualitative ? top : kMaxPaletteClasses;
  if (n < 1 || n > limit)
    throw Error(
        "colour scheme " + std::string(m->name) + " has no " + std::to_string(n) +
        "-class version (it has 1.." + std::to_string(limit) + ")" +
        (m->kind == SchemeKind::Qualitative ? "; choose Paired or Set3 for up to 12 categories" : ""));
  std::vector<Rgb> out;
  if (n >= 3 && n <= top)
    out = published(*m, n);
  else if (n < 3) {
    std::vector<Rgb> three = published(*m, 3);
    if (m->kind == SchemeKind::Qualitative)
      out.assign(three.begin(), three.begin() + n);
    else if (n == 2)
      out = {three.front(), three.back()};
    else
      out = {three[1]};
  } else {
    out = along(published(*m, top), n);
  }
  if (reverse) std::reverse(out.begin(), out.end());
  return out;
}

bool is_published(std::string_view name, int n) {
  const Master* m = find_master(name);
  return m && n >= 3 && n <= native_max(*m);
}

bool colorblind_safe(std::string_view name, int n) {
  const Master* m = find_master(name);
  return m && n <= m->cb_safe_up_to;
}

Palette make_palette(std::string_view scheme, int n, bool reverse, Rgb nodata) {
  Palette p;
  p.classes = n > 0 ? scheme_colours(scheme, n, reverse) : std::vector<Rgb>{};
  p.nodata = nodata;
  return p;
}

const std::vector<BivariateScheme>& bivariate_schemes() {
  static const std::vector<BivariateScheme> list = [] {
    auto make = [](const char* name, const char* credit, const char* hex) {
      BivariateScheme s{name, credit, {}};
      auto c = split_hex(hex);
      std::copy(c.begin(), c.end(), s.colours.begin());
      return s;
    };
    // Listed low/low, then a rising along x, then b rising up y (colours[3 * b + a]).
    return std::vector<BivariateScheme>{
        make("pinkblue", "Joshua Stevens, 'Bivariate choropleth maps: a how-to guide' (2015)",
             "e8e8e8 ace4e4 5ac8c8 dfb0d6 a5add3 5698b9 be64ac 8c62aa 3b4994"),
        make("bluered", "Joshua Stevens (2015)",
             "e8e8e8 e4acac c85a5a b0d5df ad9ea5 985356 64acbe 627f8c 574249"),
        make("greenblue", "Joshua Stevens (2015)",
             "e8e8e8 b5c0da 6c83b5 b8d6be 90b2b3 567994 73ae80 5a9178 2a5a5b"),
        make("purplegold", "Joshua Stevens (2015)",
             "e8e8e8 e4d9ac c8b35a cbb8d7 c8ada0 af8e53 9972af 976b82 804d36"),
        make("dkblue-dkred",
             "Aleksandr Tolochko's blue/red scheme (dark blue and dark red axes, purple corner)",
             "dddddd 7bb3d1 016eae dd7c8a 8d6c8f 4a4779 cc0024 8a274a 4b264d"),
    };
  }();
  return list;
}

const BivariateScheme& bivariate_scheme(std::string_view name) {
  std::string l = lower(name);
  std::vector<std::string> names;
  for (const auto& s : bivariate_schemes()) {
    if (s.name == l) return s;
    names.push_back(s.name);
  }
  throw Error("unknown bivariate scheme '" + std::string(name) + "'; schemes are: " + join_list(names));
}

}  // namespace nbhd
