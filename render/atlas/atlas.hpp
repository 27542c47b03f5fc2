#pragma once
// An atlas: one page per group of areas (a local authority, a ward: the values of a field such as
// ltla24_code), each a map of the group's areas with the areas of other groups in the frame faded, a title
// from the group's name, a legend with the group's counts, scale bar, north arrow and attribution, after a
// contents page. One multi-page PDF or a folder of PNG or SVG pages. `nbhd atlas` and the viewer's Export
// panel both call write_atlas; every page is a MapDocument drawn by the one map pipeline (layout.hpp,
// export_map).
//
// Class breaks are shared by default: the national classification (style_map over every area) colours
// every page, so one colour means one range on every page. With local breaks each page is classified on
// its group's values alone.
//
// Pages are built and drawn in parallel on the one thread pool, and memory holds one page per thread: PNG
// and SVG pages are files of their own; a PDF is drawn as parts of a fixed number of pages, each written
// by one thread, then joined in page order. The files are the same whatever the thread count.
#include <filesystem>
#include <string>
#include <vector>

#include "base/progress.hpp"
#include "geo/model/area_layer.hpp"
#include "render/document/build_map_document.hpp"
#include "render/document/layout.hpp"
#include "render/document/map_document.hpp"
#include "render/style/map_style.hpp"

namespace nbhd {

enum class AtlasFormat { Pdf, Png, Svg };

struct AtlasOptions {
  StyleSpec style;                // the mapped column and its classes (univariate)
  std::string by;                 // the grouping field, e.g. ltla24_code
  std::string name_field;         // page titles; "" = BY's "_code" as "_name" when the layer has it
  std::vector<std::string> only;  // group codes to include; empty = every group
  size_t max_pages = 0;           // the first N groups in code order; 0 = all
  bool local_breaks = false;
  double padding = 0.10;  // around the group, as a fraction of its larger side
  double fade = 0.65;     // share of white mixed into the fill of areas outside the group
  PageSpec page;
  AtlasFormat format = AtlasFormat::Pdf;
  std::filesystem::path out;  // PDF: the file; PNG/SVG: a folder that must not exist (unless overwrite)
  bool overwrite = false;
  unsigned threads = 0;  // 0 = pool_threads()
  // PDF: pages per part (parts are drawn in parallel and joined; see write_pdf). Fixed, not derived from the
  // thread count, so the file is the same bytes whatever the threads. 16 of ~300 A4 pages balanced two
  // cores within a few percent; smaller parts only add joining and font-embedding overhead.
  size_t pdf_part_pages = 16;
  // PDF: each page's map body (areas, borders, boundary outlines) written as a content stream of our own
  // (render/export/pdf_content.hpp) under the page Cairo draws (title, legend, scale bar): several times
  // faster than Cairo's writer. false: the whole page through Cairo (the reference tests compare with).
  bool pdf_direct_content = true;
  // The map's words and extras (titles, metadata labels, sources, border width): as for nbhd render.
  MapDocumentOptions doc;
  std::vector<MapOutline> outlines;
  // PDF creation date (ISO 8601, e.g. "2026-01-01T00:00:00"); "" = now. Fixed, the PDF is reproducible.
  std::string pdf_date;
  // Polled between pages and inside each page's export; asked to stop, write_atlas throws nbhd::Cancelled
  // and leaves no output (nor touches an existing one).
  Progress progress;
};

struct AtlasGroup {
  std::string code, name;
  std::vector<uint32_t> areas;  // indices into the layer
  int page = 0;                 // 1-based page number (contents pages come first)
};

struct AtlasPlan {
  std::vector<AtlasGroup> groups;  // in code order
  int contents_pages = 1;
  std::string name_field;  // the field the titles come from ("" = codes only)
  int pages() const { return contents_pages + int(groups.size()); }
};

// The groups an atlas of `layer` has under `o` (cheap: no drawing). Throws nbhd::Error for a grouping or
// name field the layer lacks, an --only code no area has, no groups at all, or options out of range.
AtlasPlan plan_atlas(const AreaLayer& layer, const AtlasOptions& o);

struct AtlasPage {
  std::string title;                // the group's name (or code)
  std::vector<LegendEntry> legend;  // classes with the group's counts
  std::optional<LegendEntry> no_data;
  RectPt frame;                // the map frame on the page (points)
  PixelTransform world_to_pt;  // world -> page points
};

struct AtlasResult {
  AtlasPlan plan;
  std::vector<AtlasPage> pages;              // one per group, in order
  std::vector<std::filesystem::path> files;  // PNG/SVG: the page files, contents first; PDF: the file
};

// Refuses an output that exists (unless overwrite), a PDF not named .pdf, or a page folder that is a
// file: cheap, so front ends call it before loading anything. write_atlas calls it too.
void check_atlas_output(const AtlasOptions& o);

// Writes the atlas (plan_atlas first). `extra`: columns computed after loading, looked up before the
// layer's (as style_map). The output appears whole or not at all.
AtlasResult write_atlas(const AreaLayer& layer, const AtlasOptions& o, const Table* extra = nullptr);

// "atlas.pdf" | "png" | "svg" names.
AtlasFormat parse_atlas_format(const std::string& name);

}  // namespace nbhd
