#pragma once
// Writing a MapDocument to PNG (rasterised on the CPU with exact-area coverage by default, or with the
// viewer's GL engine, in strips streamed to the encoder), SVG or PDF (Cairo vectors) with one shared layout.
// Files are written atomically.
#include <filesystem>
#include <string>

#include "render/document/layout.hpp"
#include "render/document/map_document.hpp"
#include "render/export/html_export.hpp"
#include "render/export/png_writer.hpp"
#include "render/scene/offscreen.hpp"

namespace nbhd {

// How PNG map content is rasterised. Measured on the national LSOA map (bench/bench_render_phases.cpp):
// the CPU coverage rasteriser is several times faster than llvmpipe with 4x MSAA and anti-aliases exactly,
// so it is the default; GL is the viewer's engine and stays available (and tested) for export.
enum class Raster { Cpu, Gl };

struct ExportOptions {
  Raster raster = Raster::Cpu;
  OffscreenOptions gl;
  PngOptions png;
  bool overwrite = true;
  // PNG: pixels rendered and encoded per strip (bounds memory). 2 Mpx (8 MB of ARGB) measured ~6% less
  // CPU than 16 Mpx on the national 4000x4000 map (less fresh memory to fault and zero), same pixels.
  long long strip_pixels = 2 << 20;
  bool layout = true;  // false: the map alone fills the page (no title/legend/frame)
  // Polled while tessellating, rasterising, encoding and drawing vectors, every few milliseconds of work
  // (Ctrl-C in nbhd render); when it asks to stop, export_map throws nbhd::Cancelled, removes the
  // temporary and leaves any existing output untouched.
  Progress progress;
  // .html: the interactive page (its own overwrite and progress are taken from the fields above).
  HtmlOptions html;
};

struct ExportTimings {
  double tessellate_s = 0, upload_s = 0, context_s = 0, raster_s = 0, encode_s = 0, total_s = 0;
};

struct ExportResult {
  MapLayout layout;  // in points
  PageSpec page;
  std::string format;    // "png", "svg", "pdf", "html"
  std::string renderer;  // PNG: "cpu coverage rasteriser" or the GL renderer's name
  size_t tiles_w = 0;    // PNG with Raster::Gl: the largest GL tile width used
  ExportTimings timings;
  HtmlStats html;  // .html only
};

// Dispatches on the extension of `out` (.png, .svg, .pdf, .html; anything else is an nbhd::Error naming it).
ExportResult export_map(const MapDocument& doc, const PageSpec& page, const std::filesystem::path& out,
                        const ExportOptions& opt = {});

}  // namespace nbhd
