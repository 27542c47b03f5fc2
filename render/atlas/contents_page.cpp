#include "render/atlas/contents_page.hpp"

#include <algorithm>

#include "render/document/fonts.hpp"

namespace nbhd {

namespace {

constexpr double kMargin = 40, kTitleSize = 16, kHeadSize = 9, kRowSize = 9, kRow = 13.5;

// Top of the first row, below the title and the column headings.
constexpr double kRowsTop = kMargin + kTitleSize * 1.6 + kHeadSize * 5;

void show(cairo_t* cr, double x, double baseline, const std::string& s, double size, bool bold,
          bool right = false) {
  if (s.empty()) return;
  cairo_set_font_face(cr, bold ? map_fonts().bold() : map_fonts().regular());
  cairo_set_font_size(cr, size);
  if (right) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    x -= e.x_advance;
  }
  cairo_move_to(cr, x, baseline);
  cairo_show_text(cr, s.c_str());
  cairo_new_path(cr);
}

}  // namespace

int contents_rows_per_page(const PageSpec& page) {
  return std::max(1, int((page.height_pt - kMargin - kRowsTop) / kRow));
}

void draw_contents_page(cairo_t* cr, const PageSpec& page, const std::string& title,
                        const std::vector<ContentsRow>& rows, int sheet, int sheets) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, 0, 0, page.width_pt, page.height_pt);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 33 / 255.0, 33 / 255.0, 33 / 255.0);
  std::string head =
      "Contents" +
      (sheets > 1 ? " (" + std::to_string(sheet + 1) + " of " + std::to_string(sheets) + ")" : std::string());
  double y = kMargin + kTitleSize;
  show(cr, kMargin, y, head, kTitleSize, true);
  y += kTitleSize * 0.6 + kHeadSize * 1.4;
  show(cr, kMargin, y, title, kHeadSize, false);
  const double page_col = kMargin + 34, code_col = page_col + 12;
  double name_col = code_col + 80;
  y = kRowsTop;
  cairo_set_source_rgb(cr, 100 / 255.0, 100 / 255.0, 100 / 255.0);
  show(cr, page_col, y - kRow, "Page", kHeadSize, true, true);
  show(cr, code_col, y - kRow, "Code", kHeadSize, true);
  show(cr, name_col, y - kRow, "Name", kHeadSize, true);
  cairo_set_source_rgb(cr, 33 / 255.0, 33 / 255.0, 33 / 255.0);
  for (const auto& r : rows) {
    show(cr, page_col, y, std::to_string(r.page), kRowSize, false, true);
    show(cr, code_col, y, r.code, kRowSize, false);
    show(cr, name_col, y, r.name, kRowSize, false);
    y += kRow;
  }
  cairo_restore(cr);
}

}  // namespace nbhd
