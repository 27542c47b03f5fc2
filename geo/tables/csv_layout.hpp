#pragma once
// How a table is laid out as people save it: which delimiter separates its fields, which row is its header
// (title and notes lines often sit above it), and which rows below the data are notes. Decided from the
// first rows only, so a national table reads as fast as before; the same header and note rules serve
// workbook sheets (table_io).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

// One row of the first rows of a CSV text, split leniently (no errors: the reader proper reports them).
struct PrefixRow {
  size_t offset = 0;                    // byte offset of the row's start
  size_t line = 1;                      // 1-based line it starts on
  std::vector<std::string_view> cells;  // quoted cells keep their doubled quotes
};

// Splits up to `max_rows` rows (blank lines skipped) from the start of `text`.
std::vector<PrefixRow> split_prefix(std::string_view text, char delim, size_t max_rows);

// The delimiter of a CSV text among ',', ';', '\t' and '|': the one that splits the first rows into the
// same number (> 1) of fields most often. `fallback` (from the file name) wins ties and single columns.
char sniff_delimiter(std::string_view text, char fallback);

// "comma", "semicolon", "tab", "pipe".
const char* delimiter_name(char delim);

// The index of the header among the first rows (each given as its cells): the first row with two or more
// non-blank cells. Rows above it hold one cell at most: titles, notes, blank padding. A table of one
// column has its header first.
size_t find_header_row(const std::vector<std::vector<std::string_view>>& rows);

// A row of notes under the data (or among titles): one non-blank cell, the first, and it reads as a
// sentence (it holds a space or a colon), e.g. "Source: ONS" padded with empty cells.
bool is_note_row(const std::vector<std::string_view>& cells);

}  // namespace nbhd
