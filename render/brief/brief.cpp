#include "render/brief/brief.hpp"

#include <cairo-pdf.h>

#include <sys/stat.h>

#include <ctime>
#include <memory>
#include <optional>

#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/vector/file_hash.hpp"
#include "render/brief/brief_figures.hpp"
#include "render/brief/brief_map.hpp"
#include "render/brief/brief_page.hpp"
#include "render/document/cairo_handle.hpp"
#include "render/document/layout.hpp"

namespace nbhd {

namespace {

std::string mtime_text(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return "?";
  std::tm tm{};
  gmtime_r(&st.st_mtime, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

void check_cairo(cairo_surface_t* s, const std::filesystem::path& out) {
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    throw Error("cannot write " + out.string() + ": " + cairo_status_to_string(cairo_surface_status(s)) +
                "; check the folder and the free space");
}
// A set's title: the containing area's name and code when the brief is --within one (the "_name" field
// beside the field that holds the code, e.g. ward24_name for ward24_code), else "N areas".
std::string set_title(const AreaLayer& layer, const BriefOptions& opt, const std::vector<size_t>& areas) {
  if (!opt.within.empty() && !areas.empty()) {
    for (const auto& c : layer.attrs.cols()) {
      if (c.numeric() || c.cell(areas[0]) != opt.within) continue;
      std::string stem = c.name;
      if (auto p = stem.rfind("_code"); p != std::string::npos && p + 5 == stem.size()) {
        stem.replace(p, 5, "_name");
        if (auto k = layer.attrs.find(stem); k && !layer.attrs.col(*k).cell(areas[0]).empty())
          return layer.attrs.col(*k).cell(areas[0]) + " (" + opt.within + ")";
      }
      break;
    }
    return opt.within + " (" + std::to_string(areas.size()) + " areas)";
  }
  return std::to_string(areas.size()) + " areas";
}

}  // namespace

std::vector<size_t> brief_areas(const AreaLayer& layer, const BriefOptions& opt) {
  if (opt.areas.empty() == opt.within.empty())
    throw Error("say which areas the brief is about: give area codes or a containing area's code, not both");
  std::vector<size_t> out;
  if (!opt.within.empty()) {
    std::vector<const Column*> fields;
    if (!opt.within_field.empty()) {
      fields.push_back(&layer.attrs.column(opt.within_field));
    } else {
      for (size_t c = 0; c < layer.attrs.columns(); ++c)
        if (!layer.attrs.col(c).numeric()) fields.push_back(&layer.attrs.col(c));
    }
    for (const Column* c : fields) {
      for (size_t i = 0; i < layer.size(); ++i)
        if (c->text[i] == opt.within) out.push_back(i);
      if (!out.empty()) break;
    }
    if (out.empty())
      throw Error(
          "no area of " + layer.source + " lies within '" + opt.within + "'" +
          (opt.within_field.empty() ? " (no field of the areas holds that code)"
                                    : " (field " + opt.within_field + ")") +
          "; give a ward or local-authority code the areas carry, or join a lookup table that holds it");
  } else {
    for (const auto& code : opt.areas) {
      size_t i = layer.index_of(code);
      if (i == static_cast<size_t>(-1))
        throw Error("area code '" + code + "' is not in " + layer.source + " (key field " + layer.key_field +
                    ", e.g. " + (layer.codes.empty() ? std::string("none") : layer.codes.front()) +
                    "); check the code and the boundary file");
      out.push_back(i);
    }
  }
  if (out.size() > kMaxBriefPages)
    throw Error("'" + (opt.within.empty() ? std::string("the codes") : opt.within) + "' names " +
                std::to_string(out.size()) + " areas; a brief covers at most " +
                std::to_string(kMaxBriefPages) +
                " (one page each): choose fewer areas, or a smaller containing area");
  return out;
}

BriefResult write_brief(const AreaLayer& layer, const BriefOptions& opt, const std::filesystem::path& out) {
  std::string ext = out.extension().string();
  for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".pdf")
    throw Error("a brief is a PDF: name the output " + out.stem().string() + ".pdf, not " + out.string());
  if (opt.png_dpi != 0 && !(opt.png_dpi >= kMinBriefDpi && opt.png_dpi <= kMaxBriefDpi))
    throw Error("the PNG resolution must be between 30 and 600 dpi, got " + format_number(opt.png_dpi));
  if (opt.flag_a.has_value() != opt.flag_b.has_value())
    throw Error("dual disadvantage needs two columns: give both or neither");
  const bool change_any = !opt.change_rank_a.empty() || !opt.change_rank_b.empty() ||
                          !opt.change_decile_a.empty() || !opt.change_decile_b.empty();
  if (change_any && (opt.change_rank_a.empty() || opt.change_rank_b.empty() || opt.change_decile_a.empty() ||
                     opt.change_decile_b.empty()))
    throw Error("change needs a rank and a decile column for each of the two periods");
  std::vector<size_t> areas = brief_areas(layer, opt);

  // Every output is opened (and checked) before any work; the PNG pages' names depend on the page count,
  // so they are opened as the pages come.
  AtomicOutput pdf_out(out, opt.overwrite);

  // The inputs' hashes (tens of megabytes) are read on pool threads while this thread computes the figures
  // and prepares the maps.
  std::vector<std::string> prov(opt.inputs.size());
  TaskGroup hashing;
  for (size_t k = 0; k < opt.inputs.size(); ++k)
    hashing.run([&, k] {
      const auto& p = opt.inputs[k];
      std::error_code ec;
      auto size = std::filesystem::file_size(p, ec);
      prov[k] = p.filename().string() + " — " + (ec ? std::string("?") : thousands(long(size)) + " bytes") +
                ", modified " + mtime_text(p) + ", SHA-256 " + file_sha256(p);
    });
  std::optional<BriefFigures> figs_made;
  std::optional<BriefMaps> maps_made;
  hashing.run_here([&] {
    report(opt.progress, 0, "figures");
    figs_made.emplace(compute_brief_figures(layer, opt, progress_slice(opt.progress, 0, 0.6)));
    report(opt.progress, 0.65, "maps");
    maps_made.emplace(prepare_brief_maps(layer, opt, *figs_made));
  });
  hashing.wait();
  const BriefFigures& figs = *figs_made;
  const BriefMaps& maps = *maps_made;

  BriefResult res;
  std::vector<std::unique_ptr<AtomicOutput>> pngs;
  {
    CairoSurfacePtr pdf(cairo_pdf_surface_create(pdf_out.temp_path().c_str(), kBriefPageW, kBriefPageH));
    check_cairo(pdf.get(), out);
    const std::string title =
        "Neighbourhood brief: " + (areas.size() == 1
                                       ? (layer.names.empty() ? layer.codes[areas[0]] : layer.names[areas[0]])
                                       : set_title(layer, opt, areas));
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "nbhd");
    CairoPtr pcr(cairo_create(pdf.get()));
    auto emit = [&](const std::vector<CairoSurfacePtr>& pages) {
      for (const auto& page : pages) {
        cairo_set_source_surface(pcr.get(), page.get(), 0, 0);
        cairo_paint(pcr.get());
        cairo_show_page(pcr.get());
        ++res.pages;
        if (opt.png_dpi > 0) {
          auto png_path =
              out.parent_path() / (out.stem().string() + "-" + std::to_string(res.pages) + ".png");
          pngs.push_back(std::make_unique<AtomicOutput>(png_path, opt.overwrite));
          const double k2 = opt.png_dpi / 72;
          CairoSurfacePtr img(cairo_image_surface_create(
              CAIRO_FORMAT_RGB24, int(std::lround(kBriefPageW * k2)), int(std::lround(kBriefPageH * k2))));
          CairoPtr icr(cairo_create(img.get()));
          cairo_set_source_rgb(icr.get(), 1, 1, 1);
          cairo_paint(icr.get());
          cairo_scale(icr.get(), k2, k2);
          cairo_set_source_surface(icr.get(), page.get(), 0, 0);
          cairo_paint(icr.get());
          icr.reset();
          if (cairo_surface_write_to_png(img.get(), pngs.back()->temp_path().c_str()) != CAIRO_STATUS_SUCCESS)
            throw Error("cannot write " + png_path.string() + "; check the folder and the free space");
        }
      }
    };
    // Several areas: a summary of the set first, then each area's pages.
    if (areas.size() > 1) {
      report(opt.progress, 0.7, "summary");
      emit(compose_brief_summary(layer, opt, figs, maps, areas, set_title(layer, opt, areas)));
    }
    for (size_t k = 0; k < areas.size(); ++k) {
      report(opt.progress, 0.7 + 0.3 * double(k) / double(areas.size()), "pages");
      emit(compose_brief_pages(layer, opt, figs, maps, prov, areas[k]));
      res.codes.push_back(layer.codes[areas[k]]);
    }
    pcr.reset();
    cairo_surface_finish(pdf.get());
    check_cairo(pdf.get(), out);
  }
  report(opt.progress, 1, "writing");
  pdf_out.commit();
  res.files.push_back(out);
  for (auto& p : pngs) {
    p->commit();
    res.files.push_back(p->final_path());
  }
  return res;
}

}  // namespace nbhd
