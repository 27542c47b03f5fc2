#include "render/export/html_export.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "render/document/ground_scale.hpp"
#include "render/style/category_sets.hpp"

namespace nbhd {

namespace {

// JSON string literal, safe inside a <script> element ("</" and "<!--" never appear).
void put_string(std::string& o, std::string_view s) {
  o += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        o += "\\\"";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\r':
        o += "\\r";
        break;
      case '\t':
        o += "\\t";
        break;
      case '<':
        o += "\\u003c";
        break;
      case '>':
        o += "\\u003e";
        break;
      case '&':
        o += "\\u0026";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += char(c);
        }
    }
  }
  o += '"';
}

void put_number(std::string& o, double v) {
  if (!std::isfinite(v)) {
    o += "null";
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  o += buf;
}

void put_int(std::string& o, long long v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%lld", v);
  o += buf;
}

std::string hex(Rgba c) {
  char buf[12];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

void put_entry(std::string& o, const LegendEntry& e) {
  o += "{\"label\":";
  put_string(o, e.label);
  o += ",\"colour\":\"" + hex(e.colour) + "\",\"count\":";
  put_int(o, e.count);
  o += '}';
}

using Pt = std::pair<double, double>;

// Douglas-Peucker on the open chain a[i..j] (both kept): marks the points to keep.
void dp(const std::vector<Pt>& a, size_t i, size_t j, double tol2, std::vector<char>& keep) {
  // Iterative with an explicit stack: rings of a national boundary file can have 10^5 vertices.
  std::vector<std::pair<size_t, size_t>> stack{{i, j}};
  while (!stack.empty()) {
    auto [s, e] = stack.back();
    stack.pop_back();
    if (e <= s + 1) continue;
    double ax = a[s].first, ay = a[s].second, dx = a[e].first - ax, dy = a[e].second - ay;
    double len2 = dx * dx + dy * dy;
    double best = -1;
    size_t at = s;
    for (size_t k = s + 1; k < e; ++k) {
      double px = a[k].first - ax, py = a[k].second - ay, d2;
      if (len2 == 0) {
        d2 = px * px + py * py;
      } else {
        double cr = px * dy - py * dx;
        d2 = cr * cr / len2;
      }
      if (d2 > best) best = d2, at = k;
    }
    if (best > tol2) {
      keep[at] = 1;
      stack.push_back({s, at});
      stack.push_back({at, e});
    }
  }
}

// Appends a signed integer as a zigzag varint in characters '?'..'~' (5 bits each, the sixth bit says
// "more follows"): none of them is '<', '&' or a quote, so the text can sit in a <script> element as is.
void put_varint(std::string& o, long long d) {
  unsigned long long v = (static_cast<unsigned long long>(d) << 1) ^ static_cast<unsigned long long>(d >> 63);
  do {
    unsigned c = unsigned(v & 31);
    v >>= 5;
    if (v) c |= 32;
    o += char(63 + c);
  } while (v);
}

// One ring in fit pixels -> simplified, quantised to 1/q px: its point count, then each point as the
// difference from the previous point written (`at`, carried from ring to ring), closing point omitted.
// Keeps at least three points, so a sub-pixel area still paints a speck.
size_t put_ring(std::string& o, const std::vector<Pt>& ring, double tol_px, double q,
                std::pair<long long, long long>& at) {
  size_t n = ring.size();
  if (n > 1 && ring.front() == ring.back()) --n;
  std::vector<char> keep(n + 1, 0);
  std::vector<Pt> a(ring.begin(), ring.begin() + long(n));
  a.push_back(a.front());  // closed chain a[0..n]
  keep[0] = keep[n] = 1;
  // Split at the point farthest from the first, then simplify both halves.
  size_t far = 0;
  double best = -1;
  for (size_t k = 1; k < n; ++k) {
    double dx = a[k].first - a[0].first, dy = a[k].second - a[0].second;
    if (dx * dx + dy * dy > best) best = dx * dx + dy * dy, far = k;
  }
  if (far > 0) {
    keep[far] = 1;
    dp(a, 0, far, tol_px * tol_px, keep);
    dp(a, far, n, tol_px * tol_px, keep);
    if (std::count(keep.begin(), keep.begin() + long(n), 1) < 3) {
      // Add the point farthest from the chord first-far to make a triangle.
      double bd = -1;
      size_t pick = 0;
      for (size_t k = 1; k < n; ++k) {
        if (k == far) continue;
        double dx = a[far].first - a[0].first, dy = a[far].second - a[0].second;
        double px = a[k].first - a[0].first, py = a[k].second - a[0].second;
        double d = std::abs(px * dy - py * dx);
        if (d > bd) bd = d, pick = k;
      }
      if (pick) keep[pick] = 1;
    }
  }
  std::vector<std::pair<long long, long long>> pts;
  for (size_t k = 0; k < n; ++k) {
    if (!keep[k]) continue;
    std::pair<long long, long long> p{std::llround(a[k].first * q), std::llround(a[k].second * q)};
    if (pts.empty() || p != pts.back()) pts.push_back(p);
  }
  put_varint(o, (long long)pts.size());
  for (const auto& p : pts) {
    put_varint(o, p.first - at.first);
    put_varint(o, p.second - at.second);
    at = p;
  }
  return pts.size();
}

// Per geometry its ring count, then its rings (put_ring), every point a difference from the one before.
// Returns the points written. Polls `progress` every 512 geometries (level 0: first half, 1: second).
template <class ToFit>
size_t encode_geoms(std::string& g, const std::vector<MultiPolygon>& geoms, const ToFit& to_fit, double tol,
                    double q, const Progress& progress, int level) {
  std::vector<Pt> ring;
  std::pair<long long, long long> at{0, 0};
  size_t written = 0;
  for (size_t i = 0; i < geoms.size(); ++i) {
    if (i % 512 == 0 && progress)
      report(progress, (level + double(i) / double(geoms.size())) / 2, "writing the map page");
    long long rings = 0;
    for (const Polygon& p : geoms[i])
      for (const Ring& r : p.rings) rings += r.size() >= 3;
    put_varint(g, rings);
    for (const Polygon& p : geoms[i])
      for (const Ring& r : p.rings) {
        if (r.size() < 3) continue;
        ring.clear();
        for (const Point& pt : r) ring.push_back(to_fit(pt));
        written += put_ring(g, ring, tol, q, at);
      }
  }
  return written;
}

const char* tercile(int k) {
  return k == 0 ? "low" : k == 1 ? "middle" : "high";
}

}  // namespace

HtmlTooltips html_tooltips(const AreaLayer& layer, const StyleSpec& spec, const MapStyle& style,
                           const Table* extra) {
  auto numeric = [&](const std::string& name) -> const Column& {
    if (extra && extra->find(name)) return extra->numeric(name);
    return layer.attrs.numeric(name);
  };
  HtmlTooltips t;
  t.codes = layer.codes;
  t.names = layer.names;
  if (!spec.column.empty()) {  // a viewer showing no column yet: codes and names only
    t.value_names.push_back(spec.column);
    t.values.push_back(numeric(spec.column).num);
  }
  if (!spec.bivariate.empty()) {
    t.value_names.push_back(spec.bivariate);
    t.values.push_back(numeric(spec.bivariate).num);
  }
  if (style.bivariate) {
    for (int cell = 0; cell < 9; ++cell)
      t.class_names.push_back(style.bivariate->x_title + " " + tercile(cell % 3) + ", " +
                              style.bivariate->y_title + " " + tercile(cell / 3));
  } else if (const CategorySet* set = find_category_set(spec.palette)) {
    for (const auto& c : set->classes) t.class_names.push_back(c.label);
  } else if (style.classification) {
    t.class_names = style.classification->labels;
  }
  t.class_names.push_back(kNoDataLabel);
  int nodata = int(t.class_names.size()) - 1;
  for (size_t i = 0; i < layer.size(); ++i) {
    int k = i < style.class_of.size() ? style.class_of[i] : -1;
    t.class_of.push_back(k >= 0 && k < nodata ? k : nodata);
  }
  return t;
}

HtmlStats export_html(const MapDocument& doc, const std::filesystem::path& out, const HtmlOptions& opt) {
  static const std::vector<MultiPolygon> kNone;
  const std::vector<MultiPolygon>& areas = doc.areas ? *doc.areas : kNone;
  const HtmlTooltips* tt = opt.tooltips;
  if (tt && (tt->codes.size() != areas.size() || tt->class_of.size() != areas.size()))
    throw Error("internal error: tooltips for " + std::to_string(tt->codes.size()) + " areas, the map has " +
                std::to_string(areas.size()) + "; please report this");
  AtomicOutput atomic(out, opt.overwrite);
  HtmlStats st;

  // World -> fit pixels (y down): the document's extent fitted into fit_px on its longer side.
  BBox ext = doc.extent.empty() ? BBox{0, 0, 1, 1} : doc.extent;
  double ew = std::max(ext.width(), 1e-9), eh = std::max(ext.height(), 1e-9);
  double s = opt.fit_px / std::max(ew, eh);
  double W = std::ceil(ew * s), H = std::ceil(eh * s);
  double metres_per_px = 1 / s;
  try {
    metres_per_px =
        ground_metres_per_unit(doc.crs, {(ext.minx + ext.maxx) / 2, (ext.miny + ext.maxy) / 2}) / s;
  } catch (const Error&) {
    // An unknown CRS: the scale bar then counts map units as metres, as a projected CRS would.
  }

  std::string o;
  o.reserve(1 << 20);
  o += "{\"title\":";
  put_string(o, doc.title);
  o += ",\"subtitle\":";
  put_string(o, doc.subtitle);
  o += ",\"legend_title\":";
  put_string(o, doc.legend_title);
  o += ",\"attribution\":[";
  for (size_t i = 0; i < doc.attribution.size(); ++i) {
    if (i) o += ',';
    put_string(o, doc.attribution[i]);
  }
  o += "],\"w\":";
  put_number(o, W);
  o += ",\"h\":";
  put_number(o, H);
  o += ",\"m_per_px\":";
  put_number(o, metres_per_px);
  o += ",\"q\":[2,16],\"background\":\"" + hex(doc.background) + "\"";
  o += ",\"border\":";
  if (doc.border_width_pt > 0) {
    o += "{\"colour\":\"" + hex(doc.border_colour) + "\",\"width\":";
    put_number(o, doc.border_width_pt);
    o += '}';
  } else {
    o += "null";
  }
  o += ",\"selection_colour\":\"" + hex(doc.selection_colour) + "\",\"selection\":[";
  for (size_t i = 0; i < doc.selection.size(); ++i) {
    if (i) o += ',';
    put_int(o, doc.selection[i]);
  }
  o += "],\"legend\":[";
  if (!doc.bivariate)
    for (size_t i = 0; i < doc.legend.size(); ++i) {
      if (i) o += ',';
      put_entry(o, doc.legend[i]);
    }
  o += "],\"no_data\":";
  if (doc.no_data)
    put_entry(o, *doc.no_data);
  else
    o += "null";
  o += ",\"bivariate\":";
  if (doc.bivariate) {
    o += "{\"x_title\":";
    put_string(o, doc.bivariate->x_title);
    o += ",\"y_title\":";
    put_string(o, doc.bivariate->y_title);
    o += ",\"cells\":[";
    for (size_t i = 0; i < 9; ++i) {
      if (i) o += ',';
      o += "{\"colour\":\"" + hex(doc.bivariate->cells[i]) + "\",\"count\":";
      put_int(o, doc.bivariate->counts[i]);
      o += '}';
    }
    o += "]}";
  } else {
    o += "null";
  }

  // Colours: a table of the distinct fills, one index per area (the page paints one path per colour).
  std::map<std::string, int> colour_index;
  std::vector<std::string> colours;
  std::vector<int> fill_of;
  for (const Rgba& c : doc.fills) {
    auto [it, fresh] = colour_index.try_emplace(hex(c), int(colours.size()));
    if (fresh) colours.push_back(it->first);
    fill_of.push_back(it->second);
  }
  o += ",\"colours\":[";
  for (size_t i = 0; i < colours.size(); ++i) o += (i ? ",\"" : "\"") + colours[i] + "\"";
  o += "],\"fill\":[";
  for (size_t i = 0; i < fill_of.size(); ++i) {
    if (i) o += ',';
    put_int(o, fill_of[i]);
  }
  o += ']';

  // Tooltips
  o += ",\"code\":[";
  for (size_t i = 0; i < areas.size(); ++i) {
    if (i) o += ',';
    if (tt)
      put_string(o, tt->codes[i]);
    else
      put_int(o, long(i));
  }
  o += "],\"name\":[";
  for (size_t i = 0; tt && i < tt->names.size(); ++i) {
    if (i) o += ',';
    put_string(o, tt->names[i]);
  }
  o += "],\"fields\":[";
  for (size_t k = 0; tt && k < tt->value_names.size(); ++k) {
    if (k) o += ',';
    put_string(o, tt->value_names[k]);
  }
  o += "],\"values\":[";
  for (size_t k = 0; tt && k < tt->values.size(); ++k) {
    o += k ? ",[" : "[";
    for (size_t i = 0; i < tt->values[k].size(); ++i) {
      if (i) o += ',';
      put_number(o, tt->values[k][i]);
    }
    o += ']';
  }
  o += "],\"class_names\":[";
  for (size_t k = 0; tt && k < tt->class_names.size(); ++k) {
    if (k) o += ',';
    put_string(o, tt->class_names[k]);
  }
  o += "],\"class\":[";
  for (size_t i = 0; tt && i < tt->class_of.size(); ++i) {
    if (i) o += ',';
    put_int(o, tt->class_of[i]);
  }
  o += ']';

  // Geometry: per level, per area its ring count, then its rings (parts' exteriors and holes alike; painted
  // even-odd), in text of their own (<script type="text/plain" id="nbhd-coarse"/"nbhd-fine">).
  auto to_fit = [&](Point pt) { return Pt{(pt.x - ext.minx) * s, (ext.maxy - pt.y) * s}; };
  const double tol[2] = {opt.simplify_px, opt.simplify_px / 8};
  const double q[2] = {2, 16};
  std::vector<std::pair<std::string, std::string>> texts;  // id, text
  for (int level = 0; level < 2; ++level) {
    std::string g;
    g.reserve(1 << 20);
    size_t n = encode_geoms(g, areas, to_fit, tol[level], q[level], opt.progress, level);
    (level == 0 ? st.coarse_vertices : st.fine_vertices) += n;
    texts.emplace_back(level == 0 ? "nbhd-coarse" : "nbhd-fine", std::move(g));
  }
  for (const auto& a : areas)
    for (const auto& p : a)
      for (const auto& r : p.rings) st.source_vertices += r.size();
  // Boundary layers drawn over the areas (fine level), and point symbols (assets).
  o += ",\"outlines\":[";
  for (size_t k = 0; k < doc.outlines.size(); ++k) {
    const OutlineLayer& L = doc.outlines[k];
    const std::vector<MultiPolygon>& geoms = L.geoms ? *L.geoms : kNone;
    if (k) o += ',';
    o += "{\"label\":";
    put_string(o, L.label);
    o += ",\"colour\":\"" + hex(L.colour) + "\",\"width\":";
    put_number(o, L.width_pt);
    o += ",\"n\":";
    put_int(o, (long long)geoms.size());
    o += '}';
    std::string g;
    encode_geoms(g, geoms, to_fit, tol[1], q[1], {}, 0);
    texts.emplace_back("nbhd-outline-" + std::to_string(k), std::move(g));
  }
  o += "],\"points\":";
  if (doc.points && doc.points->pts) {
    const PointSymbols& P = *doc.points;
    o += "{\"title\":";
    put_string(o, P.title);
    o += ",\"radius\":";
    put_number(o, P.radius_pt);
    o += ",\"legend\":[";
    for (size_t i = 0; i < P.legend.size(); ++i) {
      if (i) o += ',';
      put_entry(o, P.legend[i]);
    }
    std::map<std::string, int> index;
    std::vector<std::string> cols;
    std::string colour_of;
    for (size_t i = 0; i < P.pts->size(); ++i) {
      Rgba c = i < P.colours.size() ? P.colours[i] : Rgba{0, 0, 0, 255};
      auto [it, fresh] = index.try_emplace(hex(c), int(cols.size()));
      if (fresh) cols.push_back(it->first);
      if (i) colour_of += ',';
      put_int(colour_of, it->second);
    }
    o += "],\"colours\":[";
    for (size_t i = 0; i < cols.size(); ++i) o += (i ? ",\"" : "\"") + cols[i] + "\"";
    o += "],\"colour\":[" + colour_of + "],\"n\":";
    put_int(o, (long long)P.pts->size());
    o += '}';
    std::string g;
    std::pair<long long, long long> at{0, 0};
    for (const Point& pt : *P.pts) {
      Pt f = to_fit(pt);
      long long x = std::llround(f.first * q[1]), y = std::llround(f.second * q[1]);
      put_varint(g, x - at.first);
      put_varint(g, y - at.second);
      at = {x, y};
    }
    texts.emplace_back("nbhd-points", std::move(g));
  } else {
    o += "null";
  }
  o += '}';
  report(opt.progress, 1, "writing the map page");

  std::string page;
  size_t text_bytes = 0;
  for (const auto& t : texts) text_bytes += t.second.size();
  page.reserve(o.size() + text_bytes + 32768);
  page += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>";
  for (char c : doc.title.empty() ? std::string("Map") : doc.title) {
    if (c == '<')
      page += "&lt;";
    else if (c == '&')
      page += "&amp;";
    else
      page += c;
  }
  page += "</title>\n<meta name=\"generator\" content=\"nbhd\">\n<style>";
  page += html_page_style();
  page +=
      "</style></head>\n<body>\n<canvas id=\"map\"></canvas>\n<div id=\"titlebox\"></div>\n"
      "<div id=\"legend\"></div>\n<div id=\"zoom\"><button id=\"zin\" title=\"Zoom in\">+</button>"
      "<button id=\"zout\" title=\"Zoom out\">&minus;</button><button id=\"zfit\" title=\"Fit the map\">"
      "&#8962;</button></div>\n<div id=\"scalebar\"><div id=\"scaleline\"></div><span id=\"scaletext\">"
      "</span></div>\n<div id=\"attribution\"></div>\n<div id=\"tooltip\"></div>\n"
      "<pre id=\"nbhd-selftest\" hidden></pre>\n<script id=\"nbhd-data\" type=\"application/json\">";
  page += o;
  page += "</script>\n";
  for (const auto& [id, text] : texts)
    page += "<script id=\"" + id + "\" type=\"text/plain\">" + text + "</script>\n";
  page += "<script>";
  page += html_page_script();
  page += "</script>\n</body></html>\n";
  st.bytes = page.size();

  std::FILE* f = std::fopen(atomic.temp_path().c_str(), "wb");
  if (!f) throw Error("cannot write " + out.string() + ": " + std::strerror(errno));
  bool ok = std::fwrite(page.data(), 1, page.size(), f) == page.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok)
    throw Error("cannot write " + out.string() + ": " + std::strerror(errno) + "; free some disk space");
  atomic.commit();
  return st;
}

}  // namespace nbhd
