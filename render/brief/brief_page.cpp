#include "render/brief/brief_page.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"
#include "geo/stats/local_moran.hpp"
#include "render/brief/brief_text.hpp"
#include "render/document/layout.hpp"

namespace nbhd {

namespace {

using namespace brief_text;

constexpr double kPageW = kBriefPageW, kPageH = kBriefPageH, kM = 36, kW = kPageW - 2 * kM;
constexpr double kBody = 8.5, kSmall = 7, kHead = 11;

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// One area's pages, recorded, then replayed onto the PDF and the PNG pages: the same drawing for both.
class PageFlow {
 public:
  explicit PageFlow(std::string continued) : continued_(std::move(continued)) { new_page(); }
  cairo_t* cr() const { return cr_.get(); }
  double y = kM;

  // Starts a new page when `h` more points do not fit above the bottom margin.
  void need(double h) {
    if (y + h > kPageH - kM - 14) new_page();
  }
  void new_page() {
    if (cr_) footer();
    cairo_rectangle_t ext{0, 0, kPageW, kPageH};
    pages_.emplace_back(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext));
    cr_.reset(cairo_create(pages_.back().get()));
    y = kM;
    if (pages_.size() > 1) {
      draw(cr(), kM, y + 9, continued_ + " (continued)", 9, true, kGrey);
      y += 20;
    }
  }
  std::vector<CairoSurfacePtr> finish() {
    footer();
    cr_.reset();
    return std::move(pages_);
  }

 private:
  void footer() {
    draw(cr(), kPageW - kM, kPageH - kM + 12, "page " + std::to_string(pages_.size()), kSmall, false, kGrey,
         Align::Right);
  }
  std::string continued_;
  std::vector<CairoSurfacePtr> pages_;
  CairoPtr cr_;
};

void heading(PageFlow& f, const std::string& s, double keep_with) {
  f.need(22 + keep_with);
  f.y += 8;
  draw(f.cr(), kM, f.y + kHead, s, kHead, true, kInk);
  f.y += kHead + 4;
  rule(f.cr(), kM, kM + kW, f.y, kRule);
  f.y += 4;
}

// A paragraph of wrapped text; lines move to the next page one at a time.
void paragraph(PageFlow& f, const std::string& s, double size = kBody, bool bold = false, Rgba c = kInk) {
  for (const auto& line : wrap(f.cr(), s, size, bold, kW)) {
    f.need(size * 1.35);
    draw(f.cr(), kM, f.y + size, line, size, bold, c);
    f.y += size * 1.35;
  }
}

struct Col {
  std::string title;
  double w;
  Align align;
};

// A table row: each cell wrapped in its column; the row is as tall as its tallest cell. `sub` is a second,
// smaller grey text under the first cell (a column's direction and source). Cells marked in `marked` ("no
// data") are drawn bold in the warning colour so they stand out.
void table_row(PageFlow& f, const std::vector<Col>& cols, const std::vector<std::string>& cells, double size,
               bool bold, const std::vector<bool>& marked = {}, const std::string& sub = "") {
  std::vector<std::vector<std::string>> lines(cols.size());
  const double lead = size * 1.25, sub_size = size - 1.5, sub_lead = sub_size * 1.25;
  std::vector<std::string> sub_lines;
  if (!sub.empty()) sub_lines = wrap(f.cr(), sub, sub_size, false, cols[0].w - 4);
  double h = 0;
  for (size_t c = 0; c < cols.size(); ++c) {
    lines[c] = wrap(f.cr(), c < cells.size() ? cells[c] : "", size, bold, cols[c].w - 4);
    double hc = lead * double(lines[c].size()) + (c == 0 ? sub_lead * double(sub_lines.size()) : 0);
    h = std::max(h, hc);
  }
  h += 3;
  f.need(h);
  double x = kM;
  for (size_t c = 0; c < cols.size(); ++c) {
    const bool mark = c < marked.size() && marked[c];
    double tx = cols[c].align == Align::Right ? x + cols[c].w - 2 : x + 2;
    for (size_t k = 0; k < lines[c].size(); ++k)
      draw(f.cr(), tx, f.y + size + lead * double(k), lines[c][k], size, bold || mark, mark ? kWarn : kInk,
           cols[c].align);
    if (c == 0)
      for (size_t k = 0; k < sub_lines.size(); ++k)
        draw(f.cr(), tx, f.y + size + lead * double(lines[0].size() - 1) + sub_lead * double(k + 1),
             sub_lines[k], sub_size, false, kGrey);
    x += cols[c].w;
  }
  f.y += h;
  rule(f.cr(), kM, kM + kW, f.y - 1, kRule, 0.3);
}

void table_header(PageFlow& f, const std::vector<Col>& cols, double size) {
  std::vector<std::string> t;
  for (const auto& c : cols) t.push_back(c.title);
  table_row(f, cols, t, size, true);
}

std::string rank_of(double rank, size_t n) {
  if (std::isnan(rank) || n == 0) return "no data";
  return number(rank) + " of " + number(double(n));
}

struct Composer {
  const AreaLayer& L;
  const BriefOptions& o;
  const BriefFigures& F;
  const BriefMaps& maps;
  std::vector<std::string> provenance_files;

  std::string area_name(size_t i) const {
    return L.names.empty() || L.names[i].empty() ? L.codes[i] : L.names[i];
  }

  void header(PageFlow& f, size_t i) {
    cairo_t* cr = f.cr();
    const double text_w = kW - kLocatorSize - 12;
    draw(cr, kM, f.y + 9, "Neighbourhood brief", 9, true, kAccent);
    draw(cr, kM + text_w, f.y + 9, o.date.empty() ? today_utc() : o.date, 9, false, kGrey, Align::Right);
    double y = f.y + 16;
    const std::string name = area_name(i);
    double size = fit_size(cr, name, 18, true, text_w, 12);
    for (const auto& line : wrap(cr, name, size, true, text_w)) {
      draw(cr, kM, y + size, line, size, true, kInk);
      y += size * 1.25;
    }
    std::string kind = ons_code_kind(L.codes[i]);
    std::string where = L.codes[i] + (kind.empty() ? "" : " · " + kind);
    if (!F.la_of.empty() && !F.la_of[i].empty())
      where += " · " + F.la_name(F.la_of[i]) + " (" + F.la_of[i] + ")";
    y = draw_wrapped(cr, kM, y + 12, where, 9.5, false, kInk, text_w, 12);
    // Headlines beside the locator: where the area stands on each indicator, and on the dual list.
    y += 6;
    for (const auto& ind : F.indicators) {
      if (y > f.y + kLocatorSize - 10) break;
      const int dec = ind.national.decile[i];
      std::string h = ind.label + ": " +
                      (dec ? "national decile " + std::to_string(dec) + " of 10 (1 = worst), rank " +
                                 rank_of(ind.national.rank[i], ind.national.ranked)
                           : std::string("no data"));
      y = draw_wrapped(cr, kM, y + 9, h, 8.5, false, kGrey, text_w, 11) - 2;
    }
    if (F.flag && y <= f.y + kLocatorSize - 10 && !std::isnan(F.flag->rank_a[i]) &&
        !std::isnan(F.flag->rank_b[i]))
      y = draw_wrapped(cr, kM, y + 9,
                       std::string(F.flag->flagged[i] ? "On" : "Not on") + " the list of the worst " +
                           format_number(o.worst_share * 100) + "% of both " +
                           o.labels.label(o.flag_a->column) + " and " + o.labels.label(o.flag_b->column),
                       8.5, F.flag->flagged[i], F.flag->flagged[i] ? kWarn : kGrey, text_w, 11) -
          2;
    draw_locator(cr, maps, L.geoms[i], kM + kW - kLocatorSize, f.y + 2);
    f.y = std::max(y, f.y + kLocatorSize + 14);
  }

  void focus_map(PageFlow& f, size_t i) {
    auto fm = nbhd::focus_map(maps, L, i, kW, kFocusHeight);
    f.need(fm->height);
    draw_focus_map(f.cr(), *fm, kM, f.y);
    f.y += fm->height;
  }

  // One indicator's row of a key-figures table: its label (and unit), direction and source under it, then
  // `values`; "no data" cells marked.
  static void indicator_row(PageFlow& f, const std::vector<Col>& cols, const IndicatorFigures& ind,
                            const std::vector<std::string>& values) {
    std::string label = ind.label;
    if (!ind.unit.empty()) label += " (" + ind.unit + ")";
    std::string sub = ind.worse == Worse::High ? "Higher is worse" : "Lower is worse";
    if (!ind.source.empty()) sub += " · " + ind.source + (ind.year.empty() ? "" : ", " + ind.year);
    std::vector<std::string> cells{label};
    cells.insert(cells.end(), values.begin(), values.end());
    std::vector<bool> marked(cells.size(), false);
    for (size_t c = 1; c < cells.size(); ++c) marked[c] = cells[c] == "no data";
    table_row(f, cols, cells, kBody - 0.5, false, marked, sub);
  }

  // A local authority's mean of the indicator ("-" without an authority).
  static std::string la_mean_of(const IndicatorFigures& ind, const std::string& la_code) {
    if (la_code.empty()) return "-";
    auto it = ind.la_mean.find(la_code);
    return it == ind.la_mean.end() ? "no data" : number(it->second);
  }

  void key_figures(PageFlow& f, size_t i) {
    if (F.indicators.empty()) return;
    std::string la = F.la_of.empty() || F.la_of[i].empty() ? "" : F.la_name(F.la_of[i]);
    std::string mean = o.weight.empty() ? "mean" : "mean weighted by " + o.labels.label(o.weight);
    std::vector<Col> cols = {{"Indicator", 154, Align::Left},
                             {"Value", 46, Align::Right},
                             {"National rank", 80, Align::Right},
                             {"Decile", 36, Align::Right},
                             {"Rank in " + (la.empty() ? std::string("LA") : la), 62, Align::Right},
                             {(la.empty() ? std::string("LA") : la) + " " + mean, 72, Align::Right},
                             {F.all_label + " " + mean, 73, Align::Right}};
    heading(f, "Key figures", 40);
    table_header(f, cols, kSmall + 0.5);
    for (const auto& ind : F.indicators) {
      double v = ind.values->num[i];
      indicator_row(
          f, cols, ind,
          {std::isnan(v) ? "no data" : format_value(v), rank_of(ind.national.rank[i], ind.national.ranked),
           ind.national.decile[i] ? std::to_string(ind.national.decile[i]) : "no data",
           F.la_of.empty() ? "-" : rank_of(ind.local.rank[i], ind.local.group_size[i]),
           la_mean_of(ind, F.la_of.empty() ? "" : F.la_of[i]), number(ind.all_mean)});
    }
    f.y += 2;
    paragraph(f,
              "Rank 1 is the worst end of each indicator; decile 1 is the worst tenth (decile = ceil(10 x "
              "rank / n)). "
              "Local ranks are within the local authority" +
                  (F.la_field.empty() ? std::string() : " (" + F.la_field + ")") + ".",
              kSmall, false, kGrey);
  }

  void dual(PageFlow& f, size_t i) {
    if (!F.flag) return;
    const FlagResult& r = *F.flag;
    heading(f, "Dual disadvantage", 30);
    const std::string a = o.labels.label(o.flag_a->column), b = o.labels.label(o.flag_b->column);
    const std::string share = format_number(o.worst_share * 100) + "%";
    if (std::isnan(r.rank_a[i]) || std::isnan(r.rank_b[i])) {
      paragraph(f, "No data: the area lacks a value of " + (std::isnan(r.rank_a[i]) ? a : b) +
                       ", so it is not ranked on both.");
      return;
    }
    static const char* level[] = {"least disadvantaged third", "middle third", "most disadvantaged third"};
    int cls = r.bivariate[i];
    paragraph(f, "Bivariate class " + std::to_string(cls) + " of 0-8: " + a + " in the " + level[cls % 3] +
                     ", " + b + " in the " + level[cls / 3] + ".");
    const long long cut = static_cast<long long>(r.cutoff_rank);
    auto margin = [&](double rank) {
      long long d = cut - static_cast<long long>(rank);
      return d >= 0 ? thousands(d) + " inside" : thousands(-d) + " outside";
    };
    std::string head = r.flagged[i] ? "On the list" : "Not on the list";
    paragraph(f,
              head + " of areas in the worst " + share + " of both (" + thousands(long(r.flagged_count)) +
                  " of " + thousands(long(r.considered)) + " areas; rank <= " + thousands(cut) +
                  " on each): " + a + " rank " + number(r.rank_a[i]) + " (" + margin(r.rank_a[i]) + "), " +
                  b + " rank " + number(r.rank_b[i]) + " (" + margin(r.rank_b[i]) + ").",
              kBody, r.flagged[i], r.flagged[i] ? kWarn : kInk);
  }

  void change(PageFlow& f, size_t i) {
    if (!F.change) return;
    heading(f, "Change since the previous period", 12);
    auto it = F.change_row.find(L.codes[i]);
    if (it == F.change_row.end()) {
      paragraph(f, "No data: the area does not have a rank and a decile in both periods.");
      return;
    }
    const AreaChange& c = F.change->areas[it->second];
    std::string dir = c.rank_change < 0   ? " places more deprived"
                      : c.rank_change > 0 ? " places less deprived"
                                          : " places";
    std::string s = "Decile " + std::to_string(c.decile_a) + " (" + o.change_label_a + ") to " +
                    std::to_string(c.decile_b) + " (" + o.change_label_b + "); rank " + number(c.rank_a) +
                    " to " + number(c.rank_b) + " (" + number(std::fabs(c.rank_change)) + dir + ").";
    if (c.entered) s += " Entered the most deprived decile.";
    if (c.left) s += " Left the most deprived decile.";
    paragraph(f, s);
  }

  void lisa(PageFlow& f, size_t i) {
    if (F.lisa_cluster.empty()) return;
    heading(f, "Local clusters (LISA)", 12);
    int c = F.lisa_cluster[i];
    std::string s = c < 0 ? std::string("No data for ") + o.labels.label(o.lisa_column) + "."
                          : o.labels.label(o.lisa_column) + ": " + lisa_cluster_label(c) +
                                " (local Moran's I, queen contiguity, 999 permutations, p < 0.05).";
    paragraph(f, s);
  }

  void assets(PageFlow& f, size_t i) {
    if (!F.gaps) return;
    const std::string d = format_number(o.within_m);
    heading(f, "Assets within " + d + " m and gaps", 40);
    const GapReport& g = *F.gaps;
    NearResult near = assets_near(L, {i}, *F.asset_index, o.within_m);
    const AssetSet& set = F.asset_index->set();
    const bool per = !o.per.empty();
    std::string la = F.la_of.empty() || F.la_of[i].empty() ? "LA" : F.la_name(F.la_of[i]);
    std::string per_label = per ? o.labels.label(o.per) : "";
    std::vector<Col> cols = {{"Category", 118, Align::Left},
                             {"Within " + d + " m", 50, Align::Right},
                             {"Nearest", 136, Align::Left},
                             {"Distance", 45, Align::Right}};
    if (per) {
      cols.push_back({"Per 1,000 " + per_label, 72, Align::Right});
      cols.push_back({la, 50, Align::Right});
      cols.push_back({F.all_label.empty() ? std::string("All areas") : F.all_label, 52, Align::Right});
    } else {
      cols[2].w += 174;
    }
    const bool covered =
        g.table.rows() > i && F.gap_units.front().within && !F.gap_units.front().within->missing(i);
    if (!covered) {
      paragraph(f, "No data: the asset file does not cover this area's local authority (" +
                       (F.la_of.empty() ? std::string("?") : F.la_of[i]) +
                       "), so counts would be false zeros.");
      return;
    }
    table_header(f, cols, kSmall);
    for (size_t u = 0; u < F.gap_units.size(); ++u) {
      const GapFigures& gu = F.gap_units[u];
      std::vector<std::string> cells = {u == 0 ? "All assets" : gu.unit,
                                        gu.within ? number(gu.within->num[i]) : "-", "", ""};
      if (u > 0) {
        const NearbyAsset& n = near.nearest[u - 1];
        if (n.asset != UINT32_MAX) {
          cells[2] = set.names[n.asset].empty() ? "(unnamed)" : set.names[n.asset];
          cells[3] = number(std::round(n.distance)) + " m";
        }
      } else {
        cells[2] = std::to_string(near.assets.size()) + " assets within " + d + " m of the area";
      }
      if (per) {
        cells.push_back(gu.per_1000 ? number(gu.per_1000->num[i]) : "no data");
        std::string lm = "-";
        if (!F.la_of.empty()) {
          auto it = gu.la_mean.find(F.la_of[i]);
          lm = it == gu.la_mean.end() ? "no data" : number(it->second);
        }
        cells.push_back(lm);
        cells.push_back(number(gu.all_mean));
      }
      std::vector<bool> marked(cells.size(), false);
      for (size_t c = 1; c < cells.size(); ++c) marked[c] = cells[c] == "no data";
      table_row(f, cols, cells, kSmall, u == 0, marked);
    }
    f.y += 2;
    std::string note = "Distances are exact from the asset to the area's boundary (0 inside). ";
    if (per)
      note += "Per 1,000 figures: assets within " + d + " m per 1,000 " + per_label +
              "; comparators are plain means over the areas the asset data covers (" +
              thousands(long(g.covered)) + " of " + thousands(long(g.areas)) + ").";
    if (!g.missing_column.empty()) {
      const Column& mc = g.table.column(g.missing_list_column);
      note +=
          " Categories with nothing within " + d + " m: " + (mc.cell(i).empty() ? "none" : mc.cell(i)) + ".";
    }
    paragraph(f, note, kSmall, false, kGrey);
  }

  void provenance(PageFlow& f) {
    heading(f, "Provenance", 30);
    for (const auto& line : provenance_files) paragraph(f, line, 6.5, false, kGrey);
    std::vector<std::string> vintages;
    for (const auto& [col, m] : o.labels.columns)
      if (!m.source.empty() || !m.year.empty())
        vintages.push_back((m.label.empty() ? col : m.label) + ": " + m.source +
                           (m.year.empty() ? "" : " " + m.year));
    if (!vintages.empty()) paragraph(f, "Data vintages: " + join_list(vintages, 50) + ".", 6.5, false, kGrey);
    std::string methods =
        "Methods: ranks and deciles as nbhd rank (ties share the lowest rank); comparators as nbhd aggregate "
        "(" +
        std::string(o.weight.empty() ? "mean" : "weighted mean by " + o.weight) + ")";
    if (F.flag) methods += "; dual disadvantage as nbhd flag (both ranked over the areas with both values)";
    if (F.change) methods += "; change as nbhd change";
    if (!F.lisa_cluster.empty()) methods += "; LISA as nbhd lisa (seed 123456789)";
    if (F.gaps) methods += "; assets and gaps as nbhd assets --near / --per-area (coverage rule on)";
    paragraph(f, methods + ".", 6.5, false, kGrey);
    if (!o.command_line.empty()) paragraph(f, "Command: " + o.command_line, 6.5, false, kGrey);
    paragraph(f, "Contains OS data © Crown copyright and database right. Made with nbhd.", 6.5, false, kGrey);
  }

  std::vector<CairoSurfacePtr> compose(size_t i) {
    PageFlow f(area_name(i));
    header(f, i);
    focus_map(f, i);
    key_figures(f, i);
    dual(f, i);
    change(f, i);
    lisa(f, i);
    assets(f, i);
    provenance(f);
    return f.finish();
  }

  // --- The summary page of a brief on several areas: the set as a whole, before each area's pages. ---

  void summary_header(PageFlow& f, const std::vector<size_t>& areas, const std::string& title) {
    cairo_t* cr = f.cr();
    const double text_w = kW - kLocatorSize - 12;
    draw(cr, kM, f.y + 9, "Neighbourhood brief: summary", 9, true, kAccent);
    draw(cr, kM + text_w, f.y + 9, o.date.empty() ? today_utc() : o.date, 9, false, kGrey, Align::Right);
    double y = f.y + 16;
    double size = fit_size(cr, title, 18, true, text_w, 12);
    for (const auto& line : wrap(cr, title, size, true, text_w)) {
      draw(cr, kM, y + size, line, size, true, kInk);
      y += size * 1.25;
    }
    std::vector<std::string> las;
    if (!F.la_of.empty())
      for (size_t i : areas)
        if (!F.la_of[i].empty()) {
          std::string la = F.la_name(F.la_of[i]) + " (" + F.la_of[i] + ")";
          if (std::find(las.begin(), las.end(), la) == las.end()) las.push_back(la);
        }
    std::string kind = ons_code_kind(L.codes[areas[0]]);
    std::string where = std::to_string(areas.size()) + " areas" + (kind.empty() ? "" : " (" + kind + ")") +
                        (las.empty() ? "" : " in " + join_list(las, 4)) + "; a page on each follows";
    y = draw_wrapped(cr, kM, y + 12, where, 9.5, false, kInk, text_w, 12);
    y += 6;
    for (const auto& ind : F.indicators) {
      if (y > f.y + kLocatorSize - 10) break;
      size_t worst = 0;
      for (size_t i : areas) worst += ind.national.decile[i] == 1;
      y = draw_wrapped(cr, kM, y + 9,
                       ind.label + ": " + std::to_string(worst) + " of " + std::to_string(areas.size()) +
                           " areas in the national worst decile",
                       8.5, false, kGrey, text_w, 11) -
          2;
    }
    MultiPolygon all;
    for (size_t i : areas) all.insert(all.end(), L.geoms[i].begin(), L.geoms[i].end());
    draw_locator(cr, maps, all, kM + kW - kLocatorSize, f.y + 2);
    f.y = std::max(y, f.y + kLocatorSize + 14);
  }

  void summary_figures(PageFlow& f, const std::vector<size_t>& areas, const std::vector<double>& set_mean) {
    if (F.indicators.empty()) return;
    // The local-authority comparator when every area is in one authority.
    std::string la = F.la_of.empty() ? "" : F.la_of[areas[0]];
    for (size_t i : areas)
      if (F.la_of.empty() || F.la_of[i] != la) la.clear();
    const std::string la_name = la.empty() ? "LA" : F.la_name(la);
    const std::string mean = o.weight.empty() ? "mean" : "mean weighted by " + o.labels.label(o.weight);
    const std::string n = std::to_string(areas.size());
    std::vector<Col> cols = {{"Indicator", 170, Align::Left},
                             {"The " + n + " areas", 75, Align::Right},
                             {"In the worst national decile", 80, Align::Right},
                             {"Deciles", 50, Align::Right},
                             {la_name, 74, Align::Right},
                             {F.all_label, 74, Align::Right}};
    heading(f, "Key figures for the " + n + " areas", 40);
    table_header(f, cols, kSmall + 0.5);
    for (size_t k = 0; k < F.indicators.size(); ++k) {
      const IndicatorFigures& ind = F.indicators[k];
      size_t worst = 0, ranked = 0;
      int lo = 11, hi = 0;
      for (size_t i : areas) {
        const int d = ind.national.decile[i];
        if (!d) continue;
        ++ranked, worst += d == 1, lo = std::min(lo, d), hi = std::max(hi, d);
      }
      indicator_row(f, cols, ind,
                    {std::isnan(set_mean[k]) ? "no data" : number(set_mean[k]),
                     ranked ? std::to_string(worst) + " of " + std::to_string(ranked) : "no data",
                     ranked ? (lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi))
                            : "no data",
                     la_mean_of(ind, la), number(ind.all_mean)});
    }
    f.y += 2;
    paragraph(
        f,
        "Values are each indicator's " + mean +
            " over the areas, as nbhd aggregate computes a ward's from "
            "its areas" +
            (la.empty() ? "; the areas lie in more than one local authority, so no LA comparator." : ".") +
            " Decile 1 is the worst tenth nationally.",
        kSmall, false, kGrey);
  }

  void summary_dual(PageFlow& f, const std::vector<size_t>& areas) {
    if (!F.flag) return;
    const FlagResult& r = *F.flag;
    heading(f, "Dual disadvantage", 30);
    std::vector<std::string> on;
    for (size_t i : areas)
      if (r.flagged[i]) on.push_back(area_name(i) + " (" + L.codes[i] + ")");
    const std::string a = o.labels.label(o.flag_a->column), b = o.labels.label(o.flag_b->column);
    paragraph(f,
              std::to_string(on.size()) + " of the " + std::to_string(areas.size()) +
                  " areas are on the list of the worst " + format_number(o.worst_share * 100) + "% of both " +
                  a + " and " + b + " (" + thousands(long(r.flagged_count)) + " of " +
                  thousands(long(r.considered)) + " areas nationally)" +
                  (on.empty() ? "." : ": " + join_list(on, 60) + "."),
              kBody, !on.empty(), on.empty() ? kInk : kWarn);
  }

  void summary_assets(PageFlow& f, const std::vector<size_t>& areas) {
    if (!F.asset_index) return;
    const std::string d = format_number(o.within_m);
    heading(f, "Assets within " + d + " m of any of the areas", 40);
    NearResult near = assets_near(L, areas, *F.asset_index, o.within_m);
    const AssetSet& set = F.asset_index->set();
    std::vector<size_t> count(set.categories.size(), 0);
    for (const NearbyAsset& a : near.assets) ++count[set.category[a.asset]];
    std::vector<Col> cols = {{"Category", 150, Align::Left},
                             {"Within " + d + " m", 70, Align::Right},
                             {"Nearest to the areas", 238, Align::Left},
                             {"Distance", 65, Align::Right}};
    table_header(f, cols, kSmall);
    table_row(f, cols,
              {"All assets", thousands(long(near.assets.size())),
               "each asset counted once, however many of the areas it is near", ""},
              kSmall, true);
    for (size_t c = 0; c < set.categories.size(); ++c) {
      const NearbyAsset& n = near.nearest[c];
      std::vector<std::string> cells = {set.categories[c], thousands(long(count[c])), "", ""};
      if (n.asset != UINT32_MAX) {
        cells[2] = set.names[n.asset].empty() ? "(unnamed)" : set.names[n.asset];
        cells[3] = number(std::round(n.distance)) + " m";
      }
      table_row(f, cols, cells, kSmall, false);
    }
    f.y += 2;
    paragraph(f,
              "Distances are to the nearest of the areas' boundaries (0 inside one). Rates per 1,000 and the "
              "comparators are on each area's page.",
              kSmall, false, kGrey);
  }

  void area_list(PageFlow& f, const std::vector<size_t>& areas) {
    heading(f, "The areas", 40);
    std::vector<Col> cols = {{"Code", 70, Align::Left}, {"Name", 150, Align::Left}};
    const IndicatorFigures* first = F.indicators.empty() ? nullptr : &F.indicators.front();
    if (first) {
      cols.push_back({first->label, 80, Align::Right});
      cols.push_back({"National decile", 70, Align::Right});
    }
    if (F.flag) cols.push_back({"Dual disadvantage", 80, Align::Left});
    table_header(f, cols, kSmall);
    for (size_t i : areas) {
      std::vector<std::string> cells = {L.codes[i], area_name(i)};
      if (first) {
        double v = first->values->num[i];
        cells.push_back(std::isnan(v) ? "no data" : format_value(v));
        cells.push_back(first->national.decile[i] ? std::to_string(first->national.decile[i]) : "no data");
      }
      if (F.flag) cells.push_back(F.flag->flagged[i] ? "on the list" : "");
      std::vector<bool> marked(cells.size(), false);
      for (size_t c = 2; c < cells.size(); ++c) marked[c] = cells[c] == "no data";
      table_row(f, cols, cells, kSmall, false, marked);
    }
  }

  std::vector<CairoSurfacePtr> compose_summary(const std::vector<size_t>& areas, const std::string& title,
                                               const std::vector<double>& set_mean) {
    PageFlow f(title);
    summary_header(f, areas, title);
    {
      auto fm = nbhd::focus_map(maps, L, areas, kW, kFocusHeight);
      f.need(fm->height);
      draw_focus_map(f.cr(), *fm, kM, f.y);
      f.y += fm->height;
    }
    summary_figures(f, areas, set_mean);
    summary_dual(f, areas);
    summary_assets(f, areas);
    area_list(f, areas);
    return f.finish();
  }

  static std::string format_value(double v) {
    // The value as the table holds it, rounded to 4 decimals for the page.
    double r = std::round(v * 10000) / 10000;
    return r == std::floor(r) ? number(r) : format_number(r);
  }
};

}  // namespace

std::vector<CairoSurfacePtr> compose_brief_summary(const AreaLayer& layer, const BriefOptions& opt,
                                                   const BriefFigures& figs, const BriefMaps& maps,
                                                   const std::vector<size_t>& areas,
                                                   const std::string& title) {
  Composer c{layer, opt, figs, maps, {}};
  return c.compose_summary(areas, title, set_means(layer, opt, areas));
}

std::vector<CairoSurfacePtr> compose_brief_pages(const AreaLayer& layer, const BriefOptions& opt,
                                                 const BriefFigures& figs, const BriefMaps& maps,
                                                 const std::vector<std::string>& provenance, size_t area) {
  Composer c{layer, opt, figs, maps, provenance};
  return c.compose(area);
}

}  // namespace nbhd
