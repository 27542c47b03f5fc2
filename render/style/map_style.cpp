#include "render/style/map_style.hpp"

#include <algorithm>
#include <cmath>

#include "base/error.hpp"
#include "base/text.hpp"
#include "render/style/category_sets.hpp"

namespace nbhd {

std::string default_palette(ClassifyMethod m) {
  return m == ClassifyMethod::Categorical ? "RdBu" : "YlOrRd";
}

std::vector<double> diverging_breaks(const std::vector<double>& values, double centre, int classes) {
  if (classes < 3 || classes % 2 == 0)
    throw Error("a diverging map centred on " + format_number(centre) +
                " needs an odd number of classes, 3 to 11 (got " + std::to_string(classes) +
                "), so that one class holds the centre");
  double reach = 0;
  for (double v : values)
    if (std::isfinite(v)) reach = std::max(reach, std::abs(v - centre));
  if (reach == 0) reach = 1;  // every value at the centre: any symmetric breaks will do
  const int half = classes / 2;
  const double w = reach / (half + 0.5);
  std::vector<double> b;
  for (int j = -half; j < half; ++j) b.push_back(centre + (j + 0.5) * w);
  return b;
}

namespace {

// A coded column (LISA clusters, ...) coloured and labelled by a named set: class k of the style is the set's
// k-th class whatever codes occur, so the legend lists every class (with its count, 0 included) in the
// set's order and the colours never shift when a class is absent.
void style_categories(const AreaLayer& L, const StyleSpec& spec, const CategorySet& set, const Column& col,
                      MapStyle& s) {
  if (spec.method != ClassifyMethod::Categorical)
    throw Error("palette " + set.name + " colours the codes of column '" + spec.column +
                    "'; use it with the categorical method",
                Need::Method);
  Classification c;
  c.method = ClassifyMethod::Categorical;
  for (const auto& k : set.classes) {
    c.categories.push_back(k.value);
    c.labels.push_back(k.label);
  }
  c.counts.assign(set.classes.size(), 0);
  for (size_t i = 0; i < L.size(); ++i) {
    double v = col.num[i];
    int k = -1;
    if (!std::isnan(v)) {
      for (size_t j = 0; j < set.classes.size(); ++j)
        if (set.classes[j].value == v) k = int(j);
      if (k < 0)
        throw Error("column '" + spec.column + "' holds " + format_number(v) +
                    ", which is not a class of palette " + set.name + " (codes 0.." +
                    format_number(set.classes.back().value) + "); map a column written by nbhd lisa");
      c.counts[size_t(k)]++;
    } else {
      ++c.nodata;
    }
    c.class_of.push_back(k);
    s.fills.push_back(k < 0 ? rgba(spec.nodata) : rgba(set.classes[size_t(k)].colour));
  }
  for (size_t j = 0; j < set.classes.size(); ++j)
    if (set.classes[j].always_listed || c.counts[j] > 0)
      s.legend.push_back({set.classes[j].label, rgba(set.classes[j].colour), (long long)c.counts[j]});
  s.class_of = c.class_of;
  s.palette = set.name;
  s.classification = std::move(c);
}

}  // namespace

MapStyle style_map(const AreaLayer& L, const StyleSpec& spec, const Table* extra) {
  // A column computed after loading (the viewer's gap indicators, LISA results) wins over a loaded one.
  auto numeric = [&](const std::string& name) -> const Column& {
    if (extra)
      if (extra->find(name)) return extra->numeric(name);
    return L.attrs.numeric(name);
  };
  MapStyle s;
  Rgba no_data_colour = rgba(spec.nodata);
  const Column& col = numeric(spec.column);
  long long missing = 0;
  if (!spec.bivariate.empty()) {
    const BivariateScheme& scheme =
        spec.bivariate_scheme.empty() ? bivariate_schemes().front() : bivariate_scheme(spec.bivariate_scheme);
    const Column& col2 = numeric(spec.bivariate);
    FlagResult f = flag_dual(FlagIndicator{spec.column, col.num, Worse::High},
                             FlagIndicator{spec.bivariate, col2.num, Worse::High});
    BivariateLegend b;
    b.x_title = spec.column;
    b.y_title = spec.bivariate;
    b.counts.fill(0);
    for (size_t i = 0; i < 9; ++i) b.cells[i] = rgba(scheme.colours[i]);
    for (size_t i = 0; i < L.size(); ++i) {
      int cell = f.bivariate[i];
      s.class_of.push_back(cell);
      if (cell < 0) {
        s.fills.push_back(no_data_colour);
        ++missing;
        continue;
      }
      s.fills.push_back(b.cells[size_t(cell)]);
      b.counts[size_t(cell)]++;
    }
    s.bivariate = b;
    s.flag = std::move(f);
    s.palette = scheme.name;
  } else if (const CategorySet* set = find_category_set(spec.palette)) {
    style_categories(L, spec, *set, col, s);
    missing = (long long)s.classification->nodata;
  } else {
    ClassifyOptions co;
    co.method = spec.method;
    co.classes = spec.classes;
    co.column = spec.column;
    if (spec.centre) {
      co.method = ClassifyMethod::Manual;
      co.manual_breaks = diverging_breaks(col.num, *spec.centre, spec.classes);
    }
    Classification c = classify(col.num, co);
    s.palette = spec.palette.empty() ? (spec.centre ? "RdBu" : default_palette(spec.method)) : spec.palette;
    Palette pal = make_palette(s.palette, std::max(c.classes(), 1), spec.reverse, spec.nodata);
    for (int k = 0; k < c.classes(); ++k)
      s.legend.push_back({c.labels[size_t(k)], rgba(pal.classes[size_t(k)]), (long long)c.counts[size_t(k)]});
    for (size_t i = 0; i < L.size(); ++i) s.fills.push_back(rgba(pal.colour_of(c.class_of[i])));
    s.class_of = c.class_of;
    missing = (long long)c.nodata;
    s.classification = std::move(c);
  }
  if (missing > 0) s.no_data = LegendEntry{kNoDataLabel, no_data_colour, missing};
  return s;
}

}  // namespace nbhd
