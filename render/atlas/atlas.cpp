#include "render/atlas/atlas.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/shared_progress.hpp"
#include "base/thread_pool.hpp"
#include "render/atlas/contents_page.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/document/extent.hpp"
#include "render/document/labels.hpp"
#include "render/document/layout.hpp"
#include "render/export/export.hpp"
#include "render/export/pdf_content.hpp"
#include "render/export/pdf_pages.hpp"
#include "render/style/palette.hpp"

namespace nbhd {

namespace fs = std::filesystem;

AtlasFormat parse_atlas_format(const std::string& name) {
  if (name == "pdf") return AtlasFormat::Pdf;
  if (name == "png") return AtlasFormat::Png;
  if (name == "svg") return AtlasFormat::Svg;
  throw Error("unknown atlas format '" + name + "'; use pdf, png or svg");
}

namespace {

const char* ext_of(AtlasFormat f) {
  return f == AtlasFormat::Pdf ? ".pdf" : f == AtlasFormat::Png ? ".png" : ".svg";
}

std::string field_list(const AreaLayer& L) {
  std::string s;
  for (const auto& c : L.attrs.cols()) s += (s.empty() ? "" : ", ") + c.name;
  return s;
}

// The fill of an area of another group, drawn for context: half its colour turned grey, then `share` of
// white mixed in, so it reads as lighter and duller than any class of the page's own areas.
Rgba faded(Rgba c, double share) {
  double grey = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
  auto mix = [&](uint8_t v) {
    double dull = (v + grey) / 2;
    return uint8_t(std::lround(dull + (255 - dull) * share));
  };
  return Rgba{mix(c.r), mix(c.g), mix(c.b), c.a};
}

// What every page shares: the layer, the national style, the base document (words, legend, attribution).
struct AtlasShared {
  const AreaLayer& layer;
  const AtlasOptions& o;
  const AtlasPlan& plan;
  MapStyle style;    // national (shared breaks)
  MapDocument base;  // build_map_document's, without fills
  const std::vector<double>* values = nullptr;
  std::vector<BBox> boxes;        // per area
  std::vector<int32_t> group_of;  // per area: index into plan.groups, -1 = none
};

// One page's map: the areas in its frame (copied: the document points into them) and its document.
struct PageMap {
  std::vector<MultiPolygon> geoms;
  MapDocument doc;
  MapLayout layout;
  AtlasPage info;
};

std::unique_ptr<PageMap> build_page(const AtlasShared& s, size_t gi) {
  const AtlasGroup& g = s.plan.groups[gi];
  auto p = std::make_unique<PageMap>();
  MapDocument& doc = p->doc;
  doc = s.base;
  doc.title = g.name.empty() ? g.code : g.name + " (" + g.code + ")";
  doc.subtitle = s.base.title;
  BBox ext;
  for (uint32_t a : g.areas) ext.expand(s.boxes[a]);
  doc.extent = padded(ext, s.o.padding);

  // Colours: the national classes, or the group's own.
  std::vector<Rgba> class_colour;
  Rgba nodata_colour = rgba(s.o.style.nodata);
  std::optional<Classification> local;
  if (s.o.local_breaks) {
    std::vector<double> v;
    v.reserve(g.areas.size());
    for (uint32_t a : g.areas) v.push_back((*s.values)[a]);
    ClassifyOptions co;
    co.method = s.o.style.method;
    co.classes = s.o.style.classes;
    co.column = s.o.style.column;
    if (s.o.style.centre) {
      co.method = ClassifyMethod::Manual;
      co.manual_breaks = diverging_breaks(v, *s.o.style.centre, s.o.style.classes);
    }
    local = classify(v, co);
    Palette pal =
        make_palette(s.style.palette, std::max(local->classes(), 1), s.o.style.reverse, s.o.style.nodata);
    doc.legend.clear();
    for (int k = 0; k < local->classes(); ++k) {
      class_colour.push_back(rgba(pal.classes[size_t(k)]));
      doc.legend.push_back(
          {local->labels[size_t(k)], class_colour.back(), (long long)local->counts[size_t(k)]});
    }
    doc.no_data.reset();
    if (local->nodata > 0) doc.no_data = LegendEntry{kNoDataLabel, nodata_colour, (long long)local->nodata};
  } else {
    // Shared breaks: the national legend, counted over the group.
    std::vector<long long> counts(doc.legend.size(), 0);
    long long missing = 0;
    for (uint32_t a : g.areas) {
      int k = s.style.class_of[a];
      if (k >= 0 && size_t(k) < counts.size())
        ++counts[size_t(k)];
      else
        ++missing;
    }
    for (size_t k = 0; k < doc.legend.size(); ++k) doc.legend[k].count = counts[k];
    doc.no_data.reset();
    if (missing > 0) doc.no_data = LegendEntry{kNoDataLabel, nodata_colour, missing};
  }
  auto fill_of = [&](uint32_t a) -> Rgba {
    if (!local) return s.style.fills[a];
    int k = local->class_for((*s.values)[a]);
    return k < 0 || size_t(k) >= class_colour.size() ? nodata_colour : class_colour[size_t(k)];
  };

  // The frame's extent decides which areas are drawn: only those are copied.
  doc.areas = nullptr;
  doc.fills.clear();
  MapLayout probe = compute_layout(doc, s.o.page);
  for (uint32_t a = 0; a < s.layer.size(); ++a) {
    if (!s.boxes[a].intersects(probe.visible)) continue;
    p->geoms.push_back(s.layer.geoms[a]);
    Rgba c = fill_of(a);
    doc.fills.push_back(s.group_of[a] == int32_t(gi) ? c : faded(c, s.o.fade));
  }
  doc.areas = &p->geoms;
  doc.border_width_pt = s.o.doc.border_width_pt.value_or(p->geoms.size() > 4000 ? 0.0 : 0.2);
  p->layout = compute_layout(doc, s.o.page);
  p->info = AtlasPage{doc.title, doc.legend, doc.no_data, p->layout.frame, p->layout.world_to_pt};
  return p;
}

// zlib level of the map bodies' streams: zlib's default, as Cairo's. On the 296-page national atlas (one
// thread) level 1 took 1.4 s and made 11.5 MB, level 6 2.4 s and 9.2 MB (Cairo's whole-page writer: 5.4 s,
// 10.9 MB): the smaller file is worth the second, as atlases are sent by email.
constexpr int kMapDeflateLevel = 6;

// The whole PDF page in points: background, areas (a path per colour: the PDF is written serially, in
// Cairo's operations), outlines, labels, layout.
void draw_page_vectors(cairo_t* cr, const PageMap& p, const PageSpec& page) {
  draw_background(cr, p.doc, page);
  draw_map_vectors(cr, p.doc, p.layout, {}, AreaPaths::PerColour);
  draw_labels(cr, p.layout.labels);
  draw_layout(cr, p.doc, p.layout);
}

std::vector<std::vector<ContentsRow>> contents_sheets(const AtlasPlan& plan, const PageSpec& page) {
  int per = contents_rows_per_page(page);
  std::vector<std::vector<ContentsRow>> sheets(size_t(plan.contents_pages));
  for (size_t i = 0; i < plan.groups.size(); ++i)
    sheets[i / size_t(per)].push_back({plan.groups[i].page, plan.groups[i].code, plan.groups[i].name});
  return sheets;
}

std::string page_name(int page, int pages) {
  std::string n = std::to_string(page);
  int width = std::max(3, int(std::to_string(pages).size()));
  return "page_" + std::string(size_t(std::max(0, width - int(n.size()))), '0') + n;
}

void write_contents_file(const fs::path& file, AtlasFormat f, const PageSpec& page, const std::string& title,
                         const std::vector<ContentsRow>& rows, int sheet, int sheets) {
  if (f == AtlasFormat::Png) {
    CairoSurfacePtr surf(cairo_image_surface_create(CAIRO_FORMAT_RGB24, page.width_px, page.height_px));
    {
      CairoPtr cr(cairo_create(surf.get()));
      cairo_scale(cr.get(), page.px_per_pt, page.px_per_pt);
      draw_contents_page(cr.get(), page, title, rows, sheet, sheets);
    }
    if (cairo_surface_write_to_png(surf.get(), file.c_str()) != CAIRO_STATUS_SUCCESS)
      throw Error("cannot write " + file.string() + "; check the free disk space");
  } else {
    CairoSurfacePtr surf(cairo_svg_surface_create(file.c_str(), page.width_pt, page.height_pt));
    cairo_svg_surface_set_document_unit(surf.get(), CAIRO_SVG_UNIT_PT);
    {
      CairoPtr cr(cairo_create(surf.get()));
      draw_contents_page(cr.get(), page, title, rows, sheet, sheets);
    }
    cairo_surface_finish(surf.get());
    if (cairo_surface_status(surf.get()) != CAIRO_STATUS_SUCCESS)
      throw Error("cannot write " + file.string() + "; check the free disk space");
  }
}

// A PDF part: the contents sheets, or the pages of groups [g0, g1).
struct PdfPart {
  bool contents = false;
  size_t g0 = 0, g1 = 0;
  fs::path file;
};

// The map body's colours are all opaque (PdfContentSink writes no transparency).
bool opaque_vectors(const MapDocument& d) {
  if (!is_opaque(d.background) || !is_opaque(d.border_colour)) return false;
  for (const Rgba& c : d.fills)
    if (!is_opaque(c)) return false;
  for (const auto& o : d.outlines)
    if (!is_opaque(o.colour)) return false;
  return d.selection.empty() && !d.points;
}

void write_pdf_part(const AtlasShared& s, const PdfPart& part, std::vector<AtlasPage>& infos,
                    SharedProgress& sp, std::atomic<size_t>& done) {
  const AtlasOptions& o = s.o;
  const PageSpec& page = o.page;
  auto failed = [&](cairo_surface_t* surf, const char* advice) {
    return Error("cannot write " + o.out.string() + ": " +
                 cairo_status_to_string(cairo_surface_status(surf)) + advice);
  };
  CairoSurfacePtr pdf(cairo_pdf_surface_create(part.file.c_str(), page.width_pt, page.height_pt));
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS) throw failed(pdf.get(), "");
  // Only the first part's document information survives the join; every part gets it all the same.
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, s.base.title.c_str());
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "nbhd");
  if (!o.pdf_date.empty())
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATE_DATE, o.pdf_date.c_str());
  // Per page of the part: the map body as a content stream of our own, put under Cairo's page afterwards.
  std::vector<std::optional<std::string>> under;
  {
    CairoPtr cr(cairo_create(pdf.get()));
    if (part.contents) {
      auto sheets = contents_sheets(s.plan, page);
      for (size_t i = 0; i < sheets.size(); ++i) {
        draw_contents_page(cr.get(), page, s.base.title, sheets[i], int(i), int(sheets.size()));
        cairo_show_page(cr.get());
        under.emplace_back();
      }
    }
    for (size_t g = part.g0; g < part.g1; ++g) {
      if (!sp.poll(double(done.load()) / double(s.plan.groups.size()))) return;
      auto p = build_page(s, g);
      if (o.pdf_direct_content && opaque_vectors(p->doc)) {
        PdfContentSink body(page.height_pt);
        body.fill_rect(0, 0, page.width_pt, page.height_pt, p->doc.background);
        draw_map_vectors(body, p->doc, p->layout, {}, AreaPaths::PerColour);
        under.push_back(deflate_stream(body.finish(), kMapDeflateLevel));
        draw_labels(cr.get(), p->layout.labels);
        draw_layout(cr.get(), p->doc, p->layout);
      } else {
        draw_page_vectors(cr.get(), *p, page);
        under.emplace_back();
      }
      cairo_show_page(cr.get());
      infos[g] = std::move(p->info);
      ++done;
    }
  }
  cairo_surface_finish(pdf.get());
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS)
    throw failed(pdf.get(), "; check the free disk space");
  pdf.reset();
  if (std::any_of(under.begin(), under.end(), [](const auto& u) { return u.has_value(); }))
    underlay_pdf_pages(part.file, under);
}

// The pages are drawn as parts of a fixed number of pages (not one per thread, so the parts, and the
// joined file, are the same whatever the thread count), each part its own Cairo PDF written by one thread
// in a scratch folder beside the output, then the parts are joined in order (pdf_pages). Memory holds one
// page per thread; the parts are on disk.
void write_pdf(const AtlasShared& s, AtlasResult& res, unsigned threads) {
  const AtlasOptions& o = s.o;
  AtomicOutput atomic(o.out, o.overwrite);
  const fs::path& scratch = atomic.scratch_folder();  // the parts, removed with the temporary
  const size_t n = s.plan.groups.size(), per = std::max<size_t>(1, o.pdf_part_pages);
  std::vector<PdfPart> parts;
  auto part_file = [&](size_t k) {
    std::string num = std::to_string(k);
    return scratch / ("part_" + std::string(num.size() < 5 ? 5 - num.size() : 0, '0') + num + ".pdf");
  };
  parts.push_back({true, 0, 0, part_file(0)});
  for (size_t g = 0; g < n; g += per)
    parts.push_back({false, g, std::min(n, g + per), part_file(parts.size())});
  std::vector<AtlasPage> infos(n);
  std::atomic<size_t> done{0};
  SharedProgress sp(o.progress, "drawing pages");
  parallel_for(parts.size(), 1, threads, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1 && !sp.cancelled(); ++i) write_pdf_part(s, parts[i], infos, sp, done);
  });
  sp.throw_if_cancelled();
  report(o.progress, 1, "joining pages");
  std::vector<fs::path> files;
  for (const auto& p : parts) files.push_back(p.file);
  merge_pdfs(files, atomic.temp_path());
  atomic.commit();
  for (auto& info : infos) res.pages.push_back(std::move(info));
  res.files.push_back(o.out);
}

void write_folder(const AtlasShared& s, AtlasResult& res, unsigned threads) {
  const AtlasOptions& o = s.o;
  AtomicFolder tmp(o.out);
  const int pages = s.plan.pages();
  auto sheets = contents_sheets(s.plan, o.page);
  for (size_t i = 0; i < sheets.size(); ++i)
    res.files.push_back(o.out / (page_name(int(i) + 1, pages) + ext_of(o.format)));
  const size_t n = s.plan.groups.size(), tasks = sheets.size() + n;
  std::vector<AtlasPage> infos(n);
  std::atomic<size_t> done{0};
  SharedProgress sp(o.progress, "drawing pages");
  // One page per task, the contents sheets first among them (drawn alone they kept a core idle for a page's
  // time): each export streams its strips (PNG) or vectors (SVG), so memory holds one page's strip per
  // thread. The export itself runs its bands on the pool too (nested use is safe).
  parallel_for(tasks, 1, threads, [&](size_t t0, size_t t1) {
    for (size_t t = t0; t < t1; ++t) {
      if (sp.cancelled()) return;
      if (t < sheets.size()) {
        write_contents_file(tmp.path() / (page_name(int(t) + 1, pages) + ext_of(o.format)), o.format, o.page,
                            s.base.title, sheets[t], int(t), int(sheets.size()));
        continue;
      }
      const size_t i = t - sheets.size();
      auto p = build_page(s, i);
      ExportOptions eo;
      eo.overwrite = true;
      eo.progress = [&](double f, std::string_view) {
        return sp.poll((double(done.load()) + f) / double(n));
      };
      export_map(p->doc, o.page, tmp.path() / (page_name(s.plan.groups[i].page, pages) + ext_of(o.format)),
                 eo);
      infos[i] = std::move(p->info);
      sp.poll(double(++done) / double(n));
    }
  });
  sp.throw_if_cancelled();
  for (size_t i = 0; i < n; ++i) {
    res.files.push_back(o.out / (page_name(s.plan.groups[i].page, pages) + ext_of(o.format)));
    res.pages.push_back(std::move(infos[i]));
  }
  tmp.commit();
}

}  // namespace

void check_atlas_output(const AtlasOptions& o) {
  if (o.format == AtlasFormat::Pdf) {
    if (o.out.extension() != ".pdf")
      throw Error("a PDF atlas is one file: name it .pdf, not " + o.out.string());
    AtomicOutput probe(o.out, o.overwrite);
    return;
  }
  if (o.out.extension() == ".pdf")
    throw Error("a " + std::string(ext_of(o.format) + 1) +
                " atlas is a folder of pages; name a folder, not " + o.out.string());
  if (fs::exists(o.out) && !fs::is_directory(o.out))
    throw Error("cannot write " + o.out.string() + ": it is a file, and the " +
                std::string(ext_of(o.format) + 1) + " atlas writes a folder of pages; name a folder");
  if (fs::exists(o.out) && !o.overwrite)
    throw Error("cannot write " + o.out.string() + ": the folder exists; allow replacing it",
                Need::Overwrite);
}

AtlasPlan plan_atlas(const AreaLayer& L, const AtlasOptions& o) {
  if (!(o.padding >= 0 && o.padding <= 2))
    throw Error("the padding around each group must be between 0 and 2 (a fraction of its size)");
  if (!(o.fade >= 0 && o.fade <= 1)) throw Error("the fading of neighbouring areas must be between 0 and 1");
  auto by = L.attrs.find(o.by);
  if (o.by.empty() || !by)
    throw Error(L.source + " has no field '" + o.by +
                "' to make the atlas's pages by; its fields are: " + field_list(L));
  AtlasPlan plan;
  plan.name_field = o.name_field;
  if (plan.name_field.empty() && o.by.size() > 5 && o.by.compare(o.by.size() - 5, 5, "_code") == 0 &&
      L.attrs.find(o.by.substr(0, o.by.size() - 5) + "_name"))
    plan.name_field = o.by.substr(0, o.by.size() - 5) + "_name";
  std::optional<size_t> name;
  if (!plan.name_field.empty()) {
    name = L.attrs.find(plan.name_field);
    if (!name)
      throw Error(L.source + " has no field '" + plan.name_field +
                  "' for the pages' titles; its fields are: " + field_list(L));
  }
  const Column& byc = L.attrs.col(*by);
  std::map<std::string, size_t> index;
  std::vector<AtlasGroup> all;
  for (size_t i = 0; i < L.size(); ++i) {
    std::string code = byc.cell(i);
    if (code.empty()) continue;  // an area in no group: drawn only as a neighbour
    auto [it, fresh] = index.emplace(code, all.size());
    if (fresh) {
      all.push_back(AtlasGroup{code, name ? L.attrs.col(*name).cell(i) : std::string(), {}, 0});
    }
    all[it->second].areas.push_back(uint32_t(i));
  }
  if (all.empty())
    throw Error(L.source + ": field '" + o.by +
                "' is blank for every area; choose a field that names groups");
  if (!o.only.empty()) {
    std::string unknown;
    std::vector<std::string> seen;
    for (const auto& c : o.only) {
      if (index.count(c) == 0) {
        unknown += (unknown.empty() ? "" : ", ") + c;
        continue;
      }
      if (std::find(seen.begin(), seen.end(), c) == seen.end()) seen.push_back(c);
    }
    if (!unknown.empty()) {
      auto it = index.begin();
      std::string examples = it->first;
      if (++it != index.end()) examples += ", " + it->first;
      throw Error("no area of " + L.source + " has " + o.by + " " + unknown +
                  ": no page can be made for it; give codes of that field, such as " + examples);
    }
    std::sort(seen.begin(), seen.end());
    for (const auto& c : seen) plan.groups.push_back(std::move(all[index[c]]));
  } else {
    for (auto& [code, k] : index) plan.groups.push_back(std::move(all[k]));
  }
  if (o.max_pages > 0 && plan.groups.size() > o.max_pages) plan.groups.resize(o.max_pages);
  int per = contents_rows_per_page(o.page);
  plan.contents_pages = std::max(1, (int(plan.groups.size()) + per - 1) / per);
  for (size_t i = 0; i < plan.groups.size(); ++i) plan.groups[i].page = plan.contents_pages + int(i) + 1;
  return plan;
}

AtlasResult write_atlas(const AreaLayer& L, const AtlasOptions& o, const Table* extra) {
  check_atlas_output(o);
  AtlasResult res;
  res.plan = plan_atlas(L, o);
  if (!o.style.bivariate.empty()) throw Error("an atlas maps one column; a bivariate atlas is not supported");
  AtlasShared s{L, o, res.plan, style_map(L, o.style, extra), {}, nullptr, {}, {}};
  s.values = extra && extra->find(o.style.column) ? &extra->numeric(o.style.column).num
                                                  : &L.attrs.numeric(o.style.column).num;
  MapDocumentOptions mo = o.doc;
  mo.column = o.style.column;
  mo.focus.clear();
  mo.bbox.reset();
  mo.selection.clear();
  s.base = build_map_document(L, s.style, o.outlines, nullptr, mo);
  s.base.fills.clear();
  s.base.areas = nullptr;
  s.base.labels.clear();  // names of the layer's areas would point into the national layer's order
  s.boxes.reserve(L.size());
  for (const auto& g : L.geoms) s.boxes.push_back(bbox_of(g));
  s.group_of.assign(L.size(), -1);
  for (size_t gi = 0; gi < res.plan.groups.size(); ++gi)
    for (uint32_t a : res.plan.groups[gi].areas) s.group_of[a] = int32_t(gi);
  unsigned threads = o.threads ? o.threads : pool_threads();
  if (o.format == AtlasFormat::Pdf)
    write_pdf(s, res, threads);
  else
    write_folder(s, res, threads);
  return res;
}

}  // namespace nbhd
