#pragma once
// An atlas's contents: the atlas title, then one row per group (page number, code, name), as many rows as
// fit a page; longer lists run on over further contents pages. Drawn with Cairo in page points, so the PDF,
// PNG and SVG atlases share it.
#include <cairo.h>

#include <string>
#include <vector>

#include "render/document/map_document.hpp"

namespace nbhd {

struct ContentsRow {
  int page = 0;
  std::string code, name;
};

// Rows that fit one contents page of `page`'s size (at least 1).
int contents_rows_per_page(const PageSpec& page);

// Contents page `sheet` (0-based) of `sheets`, holding `rows` (that page's rows only).
void draw_contents_page(cairo_t* cr, const PageSpec& page, const std::string& title,
                        const std::vector<ContentsRow>& rows, int sheet, int sheets);

}  // namespace nbhd
