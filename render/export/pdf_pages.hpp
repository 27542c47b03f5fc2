#pragma once
// Editing PDF files' pages with libqpdf, for documents drawn in parts (the atlas). Cairo writes a PDF in one
// thread, so a long document is drawn as several part files at once and joined here; and a page's map body
// can be written as a content stream of our own (pdf_content.hpp) and put under the Cairo-drawn page.
//
// Contract: streams pass through as they are (no decompressing or recompressing), so joining ~300 A4 pages
// (about 10 MB) takes a few hundred milliseconds. The output's file identifier is computed from its
// content, so the same inputs always give the same bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nbhd {

// Writes the pages of `parts` (at least one), in order, to `out` (replaced if it exists; callers write to a
// temporary and rename). The first part's document information (title, creator, creation date) is kept,
// the others' dropped. Fonts embedded in several parts stay one copy per part (their subsets differ).
// Throws nbhd::Error naming the part that cannot be read or the output that cannot be written.
void merge_pdfs(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& out);

// Rewrites the PDF `file` in place (through a temporary beside it) with `under[i]`, when set, drawn under
// page i's own content: a /FlateDecode content stream (deflate_stream) that needs no resources. `under`
// has one entry per page.
void underlay_pdf_pages(const std::filesystem::path& file,
                        const std::vector<std::optional<std::string>>& under);

}  // namespace nbhd
