#include "geo/tables/table_io.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"
#include "geo/tables/csv_layout.hpp"
#include "geo/tables/csv_write.hpp"
#include "geo/tables/published_number.hpp"
#include "geo/tables/text_decode.hpp"
#include "geo/vector/gdal_handle.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

// Types a column while the rows stream past, so numeric columns never hold their cells as text (a
// national table has ~1.5M cells; fresh memory is what costs most here). A column that turns out to be
// text re-reads its earlier cells from the row offsets.
struct ColumnBuilder {
  CellTyper typer;
  bool needed = true;  // false: skip the column if its first value is a number
  bool skipped = false;
  std::vector<double> num;
  std::vector<std::string> text;  // only once the column is known to be text
  size_t suppressed = 0;          // marker cells read as missing
};

}  // namespace

namespace {

char fallback_delimiter(const std::string& source) {
  std::string ext = lower(fs::path(source).extension().string());
  return ext == ".tsv" || ext == ".tab" ? '\t' : ',';
}

const char* delimiter_plural(char delim) {
  switch (delim) {
    case ';':
      return "semicolons";
    case '\t':
      return "tabs";
    case '|':
      return "pipes";
    default:
      return "commas";
  }
}

// Refuses text the reader cannot take as UTF-8, saying which encoding it most likely is.
void check_text(std::string_view text, const std::string& source) {
  TextFault fault = find_text_fault(text);
  if (fault.kind == TextFault::None) return;
  const std::string enc = likely_encoding(text);
  if (fault.kind == TextFault::NotUtf8 || enc == "utf-16")
    throw Error(source + " line " + std::to_string(fault.line) + ": text is not valid UTF-8 (it looks like " +
                    enc + "); re-save the file as UTF-8 (CSV UTF-8 in Excel) or give its encoding",
                Need::Encoding);
  throw Error(source + " line " + std::to_string(fault.line) +
              ": the text holds a NUL byte, which no table cell can; remove it or re-save the file as UTF-8");
}

}  // namespace

Table parse_csv(std::string_view text, const std::string& source,
                const std::vector<std::string>* numeric_columns) {
  TableReadOptions o;
  o.numeric_columns = numeric_columns;
  return parse_csv(text, source, o);
}

Table parse_csv(std::string_view text, const std::string& source, const TableReadOptions& o) {
  const std::vector<std::string>* numeric_columns = o.numeric_columns;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (trim(text).empty())
    throw Error(source + " is empty; an indicator table needs a header row and data rows");
  check_text(text, source);
  const char fallback = fallback_delimiter(source);
  const char delim = sniff_delimiter(text, fallback);
  std::vector<std::string> how;  // what the report says about the reading
  if (delim != fallback) how.push_back(std::string(delimiter_name(delim)) + "-separated");

  // The header: the line given, or the first row of two or more cells (title lines above it skipped).
  size_t header_offset = 0, header_line = 1;
  if (o.header_row > 0) {
    for (size_t l = 1; l < o.header_row; ++l) {
      size_t nl = text.find('\n', header_offset);
      if (nl == std::string_view::npos || nl + 1 == text.size())
        throw Error(source + " has " + std::to_string(l) + (l == 1 ? " line" : " lines") +
                        ", so no header on line " + std::to_string(o.header_row) +
                        "; give the line that holds the column names",
                    Need::HeaderRow);
      header_offset = nl + 1;
    }
    header_line = o.header_row;
  } else {
    std::vector<PrefixRow> first = split_prefix(text.substr(0, 65536), delim, 30);
    std::vector<std::vector<std::string_view>> cells;
    for (auto& r : first) cells.push_back(r.cells);
    if (!first.empty()) {
      const PrefixRow& h = first[find_header_row(cells)];
      header_offset = h.offset;
      header_line = h.line;
    }
  }
  if (header_line > 1) how.push_back("header on line " + std::to_string(header_line));

  const char* const begin = text.data();
  const char* const end = begin + text.size();
  std::deque<std::string> unescaped;  // quoted cells with doubled quotes; a deque keeps views valid
  size_t line = header_line;

  // Reads the row starting at p into `row` (views); returns the position after it.
  auto read_row = [&](const char* p, std::vector<std::string_view>& row) -> const char* {
    row.clear();
    for (;;) {
      const char* f = p;
      while (f < end && (*f == ' ' || *f == '\t') && *f != delim) ++f;
      if (f < end && *f == '"') {
        const size_t quote_line = line;
        const char* q = f + 1;
        bool doubled = false;
        const char* hit;
        for (;;) {
          hit = static_cast<const char*>(std::memchr(q, '"', static_cast<size_t>(end - q)));
          if (!hit)
            throw Error(source + " line " + std::to_string(quote_line) +
                        ": a quoted field is never closed; add the missing closing quote (\")");
          line += static_cast<size_t>(std::count(q, hit, '\n'));
          if (hit + 1 < end && hit[1] == '"') {
            doubled = true;
            q = hit + 2;
            continue;
          }
          break;
        }
        std::string_view raw(f + 1, static_cast<size_t>(hit - f - 1));
        if (has_formula_guard(raw)) raw.remove_prefix(1);  // csv_field's guard against spreadsheet formulas
        if (doubled) {
          std::string u;
          u.reserve(raw.size());
          for (size_t k = 0; k < raw.size(); ++k) {
            u += raw[k];
            if (raw[k] == '"') ++k;
          }
          unescaped.push_back(std::move(u));
          row.push_back(unescaped.back());
        } else {
          row.push_back(raw);
        }
        p = hit + 1;
        while (p < end && (*p == ' ' || *p == '\t') && *p != delim) ++p;
        if (p < end && *p != delim && *p != '\n' && *p != '\r')
          throw Error(source + " line " + std::to_string(line) +
                      ": text follows a closing quote; quote the whole field and double inner quotes (\"\")");
      } else {
        const char* e = p;
        while (e < end && *e != delim && *e != '\n' && *e != '"') ++e;
        if (e < end && *e == '"')
          throw Error(source + " line " + std::to_string(line) +
                      ": a quote appears inside an unquoted field; quote the whole field and double inner "
                      "quotes (\"\")");
        const char* stop = e;
        if (stop > p && stop[-1] == '\r' && (stop == end || *stop == '\n')) --stop;
        row.emplace_back(p, static_cast<size_t>(stop - p));
        p = e;
      }
      if (p < end && *p == delim) {
        ++p;
        if (p == end) row.emplace_back();  // trailing delimiter at end of file: one more empty field
        continue;
      }
      if (p < end && *p == '\r') ++p;
      if (p < end && *p == '\n') {
        ++p;
        ++line;
      }
      return p;
    }
  };
  auto skip_blank_lines = [&](const char* p) {
    while (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))) {
      p += (*p == '\r') ? 2 : 1;
      ++line;
    }
    return p;
  };
  // The rows from p to the end are notes (or blank), at most 100 of them: how many, or -1 when not.
  auto notes_to_end = [&](const char* p) -> long {
    const size_t saved = line;
    long n = 0;
    bool notes = true;
    std::vector<std::string_view> r;
    try {
      for (; notes && (p = skip_blank_lines(p)) < end; ++n) {
        p = read_row(p, r);
        notes = n < 100 && is_note_row(r);
      }
    } catch (const Error&) {
      notes = false;  // a broken row is no note
    }
    line = saved;
    return notes ? n : -1;
  };

  std::vector<std::string_view> row;
  const char* p = skip_blank_lines(begin + header_offset);
  if (p == end) throw Error(source + " is empty; an indicator table needs a header row and data rows");
  p = read_row(p, row);
  std::vector<std::string> header(row.begin(), row.end());
  // Columns past the last named one are padding (a spreadsheet's empty columns); their cells must be blank.
  const size_t width = header.size();
  size_t ncol = width;
  while (ncol > 1 && trim(header[ncol - 1]).empty()) --ncol;
  header.resize(ncol);
  const std::string hl = std::to_string(header_line);
  for (size_t c = 0; c < ncol; ++c) {
    if (trim(header[c]).empty())
      throw Error(source + " line " + hl + ": column " + std::to_string(c + 1) +
                  " has no name; give every column a header");
    for (size_t d = 0; d < c; ++d)
      if (header[d] == header[c])
        throw Error(source + " line " + hl + ": column name '" + header[c] +
                    "' appears twice; rename one of them");
  }

  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<ColumnBuilder> cols(ncol);
  if (numeric_columns)
    for (size_t c = 0; c < ncol; ++c)
      cols[c].needed =
          std::find(numeric_columns->begin(), numeric_columns->end(), header[c]) != numeric_columns->end();
  // Rows are at most the line count (counting is vectorised and cheap); reserving exactly avoids the
  // reallocation copies that would otherwise double the fresh memory touched.
  const size_t estimate = static_cast<size_t>(std::count(p, end, '\n')) + 1;
  for (auto& c : cols) c.num.reserve(estimate);
  std::vector<const char*> row_start;  // to re-read the cells of a column that turns out to be text
  std::vector<size_t> row_line;
  std::vector<std::string_view> again;
  auto to_text = [&](size_t c, size_t upto) {
    // Re-read rows [0, upto) for column c; their lines are known so messages stay right.
    ColumnBuilder& b = cols[c];
    b.text.reserve(estimate);
    size_t saved = line;
    for (size_t r = 0; r < upto; ++r) {
      line = row_line[r];
      read_row(row_start[r], again);
      b.text.emplace_back(trim(again[c]));
    }
    line = saved;
    b.num = {};
    b.suppressed = 0;
  };
  std::string published;  // a published number's plain form
  size_t notes_below = 0;
  while ((p = skip_blank_lines(p)) < end) {
    const size_t r = row_start.size();
    const size_t this_line = line;
    const char* const this_row = p;
    p = read_row(p, row);
    // Notes under the data ("Source: ...", padded or not) end the table when nothing but notes follows.
    if (ncol > 1 && (row.size() < 2 || trim(row[1]).empty()) && is_note_row(row)) {
      if (long n = notes_to_end(p); n >= 0) {
        notes_below = size_t(n) + 1;
        break;
      }
    }
    if (row.size() < ncol || row.size() > width)
      throw Error(source + " line " + std::to_string(this_line) + ": " + std::to_string(row.size()) +
                  (row.size() == 1 ? " field" : " fields") + " but the header has " + std::to_string(ncol) +
                  "; check for unquoted " + delimiter_plural(delim) + " or missing cells");
    for (size_t c = ncol; c < row.size(); ++c)
      if (!trim(row[c]).empty())
        throw Error(source + " line " + std::to_string(this_line) + ": a value in column " +
                    std::to_string(c + 1) + ", which has no name; give every column a header");
    row_start.push_back(this_row);
    row_line.push_back(this_line);
    for (size_t c = 0; c < ncol; ++c) {
      ColumnBuilder& b = cols[c];
      if (b.skipped) continue;
      std::string_view cell = trim(row[c]);
      if (!b.needed && !b.typer.any() && b.suppressed == 0 && !cell.empty() && parse_number(cell)) {
        b.skipped = true;  // not needed, and numeric: never parsed or stored
        b.num = {};
        continue;
      }
      if (b.typer.is_text()) {
        b.text.emplace_back(cell);
        continue;
      }
      if (cell.empty()) {
        b.num.push_back(nan);
        continue;
      }
      std::string_view value = cell;
      if (maybe_published(cell)) {
        if (is_suppression_marker(cell)) {  // withheld: missing, and counted for the report
          ++b.suppressed;
          b.num.push_back(nan);
          continue;
        }
        if (auto plain = published_number(cell, delim)) value = published = std::move(*plain);
      }
      double v = b.typer.add(value);
      if (b.typer.is_text()) {
        to_text(c, r);
        b.text.emplace_back(cell);
      } else {
        b.num.push_back(v);
      }
    }
  }
  if (notes_below > 0)
    how.push_back(std::to_string(notes_below) + (notes_below == 1 ? " line" : " lines") +
                  " of notes below the data skipped");

  Table t(source);
  const size_t nrows = row_start.size();
  t.set_rows(nrows);
  for (size_t c = 0; c < ncol; ++c) {
    ColumnBuilder& b = cols[c];
    if (b.skipped || (!b.needed && !b.typer.any() && b.suppressed == 0)) {  // unneeded all-blank: skipped too
      t.add_unread(header[c]);
      continue;
    }
    const bool markers_only = b.suppressed > 0 && !b.typer.any();  // "x" marks, say: a column of text
    if (markers_only) to_text(c, nrows);
    Column col;
    col.name = header[c];
    col.type = markers_only ? ColumnType::Text : b.typer.type();
    if (col.numeric()) {
      col.num = std::move(b.num);
      if (b.suppressed > 0) t.add_suppressed(col.name, b.suppressed);
    } else {
      col.text = std::move(b.text);
    }
    t.add(std::move(col));
  }
  t.set_how_read(join_list(how, how.size()));  // "" when read plainly
  return t;
}

namespace {

Table read_csv_file(const std::string& path, const TableReadOptions& o) {
  // One allocation of the file's size and one read: no stream buffers or copies.
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error("cannot read " + path + "; check the file's permissions");
  std::string bytes(static_cast<size_t>(fs::file_size(path)), '\0');
  if (!f.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw Error("cannot read " + path + "; check the file's permissions");
  Table t = parse_csv_bytes(std::move(bytes), path, o);
  if (t.rows() == 0) throw Error(path + " has a header but no data rows; export the table with its rows");
  return t;
}

// A column typed from a sheet's cells by the CSV reader's rules (CellTyper, published number forms,
// suppression markers).
Column sheet_column(std::string name, const std::vector<std::string_view>& cells, size_t* suppressed) {
  Column c;
  c.name = std::move(name);
  CellTyper typer;
  std::vector<double> num;
  num.reserve(cells.size());
  size_t markers = 0;
  for (auto raw : cells) {
    std::string_view s = trim(raw);
    if (s.empty() || typer.is_text()) {
      num.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    if (maybe_published(s) && is_suppression_marker(s)) {
      ++markers;
      num.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    std::optional<std::string> plain = maybe_published(s) ? published_number(s, ',') : std::nullopt;
    num.push_back(typer.add(plain ? std::string_view(*plain) : s));
  }
  if (!typer.is_text() && (typer.any() || markers == 0)) {
    c.type = typer.type();
    c.num = std::move(num);
    *suppressed = markers;
  } else {
    c.type = ColumnType::Text;
    c.text.reserve(cells.size());
    for (auto raw : cells) c.text.emplace_back(trim(raw));
    *suppressed = 0;
  }
  return c;
}

// A sheet's rows of cells as text, every row as GDAL gives it (no header row taken out).
std::vector<std::vector<std::string>> sheet_rows(OGRLayerH layer) {
  const int nf = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer));
  std::vector<std::vector<std::string>> rows;
  OGR_L_ResetReading(layer);
  while (OgrFeature f{OGR_L_GetNextFeature(layer)}) {
    std::vector<std::string> row(static_cast<size_t>(nf));
    for (int i = 0; i < nf; ++i)
      if (OGR_F_IsFieldSetAndNotNull(f.get(), i)) row[size_t(i)] = OGR_F_GetFieldAsString(f.get(), i);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string_view> views(const std::vector<std::string>& row) {
  return std::vector<std::string_view>(row.begin(), row.end());
}

// A sheet as a table: the header detected (or given) as in a CSV, notes below the data dropped.
Table sheet_table(const std::vector<std::vector<std::string>>& rows, const std::string& source,
                  const std::string& where, size_t header_row, std::vector<std::string>& how) {
  if (rows.empty())
    throw Error(source + ": " + where + " is empty; name the sheet that holds the table", Need::Sheet);
  size_t h = 0;
  if (header_row > 0) {
    if (header_row > rows.size())
      throw Error(source + ": " + where + " has " + std::to_string(rows.size()) +
                      " rows, so no header on row " + std::to_string(header_row) +
                      "; give the row that holds the column names",
                  Need::HeaderRow);
    h = header_row - 1;
  } else {
    std::vector<std::vector<std::string_view>> first;
    for (size_t r = 0; r < rows.size() && r < 30; ++r) first.push_back(views(rows[r]));
    h = find_header_row(first);
  }
  if (h > 0) how.push_back("header on row " + std::to_string(h + 1));
  const std::vector<std::string>& header = rows[h];
  size_t ncol = header.size();
  while (ncol > 1 && trim(header[ncol - 1]).empty()) --ncol;
  size_t last = rows.size();  // one past the last data row: notes and blank rows below it are dropped
  auto blank = [&](const std::vector<std::string>& r) {
    return std::all_of(r.begin(), r.end(), [](const std::string& c) { return trim(c).empty(); });
  };
  size_t notes = 0;
  while (last > h + 1 && (blank(rows[last - 1]) || (ncol > 1 && is_note_row(views(rows[last - 1]))))) {
    notes += !blank(rows[last - 1]);
    --last;
  }
  if (notes > 0)
    how.push_back(std::to_string(notes) + (notes == 1 ? " row" : " rows") +
                  " of notes below the data skipped");
  std::vector<size_t> data;  // the data rows, blank ones left out as the CSV reader skips blank lines
  for (size_t r = h + 1; r < last; ++r)
    if (!blank(rows[r])) data.push_back(r);
  const std::string hr = std::to_string(h + 1);
  for (size_t c = 0; c < ncol; ++c) {
    if (trim(header[c]).empty())
      throw Error(source + ": " + where + " row " + hr + ": column " + std::to_string(c + 1) +
                  " has no name; give every column a header");
    for (size_t d = 0; d < c; ++d)
      if (header[d] == header[c])
        throw Error(source + ": " + where + " row " + hr + ": column name '" + header[c] +
                    "' appears twice; rename one of them");
  }
  for (size_t r : data)
    for (size_t c = ncol; c < rows[r].size(); ++c)
      if (!trim(rows[r][c]).empty())
        throw Error(source + ": " + where + " row " + std::to_string(r + 1) + ": a value in column " +
                    std::to_string(c + 1) + ", which has no name; give every column a header");
  Table t(source);
  t.set_rows(data.size());
  std::vector<std::string_view> cells(data.size());
  for (size_t c = 0; c < ncol; ++c) {
    for (size_t i = 0; i < data.size(); ++i) cells[i] = rows[data[i]][c];
    size_t suppressed = 0;
    Column col = sheet_column(header[c], cells, &suppressed);
    if (suppressed > 0) t.add_suppressed(col.name, suppressed);
    t.add(std::move(col));
  }
  return t;
}

// The first column of `t` that holds area codes (GSS-shaped), or "" when none does.
std::string code_column(const Table& t) {
  std::vector<std::vector<std::string>> cols;
  for (const auto& c : t.cols()) cols.push_back(c.numeric() ? std::vector<std::string>{} : c.text);
  std::vector<const std::vector<std::string>*> ptrs;
  for (const auto& c : cols) ptrs.push_back(&c);
  KeyGuess g = guess_key_column(ptrs);
  return g.column >= 0 ? t.col(size_t(g.column)).name : "";
}

Table read_workbook(const std::string& path, const std::string& ext, const TableReadOptions& o) {
  ensure_gdal();
  // GDAL 3.6 takes these as configuration, not open, options, and reads them when a sheet is first
  // loaded (lazily), so they stay set for the whole read: no row is taken as the header (our own
  // detection finds it below any title rows), and cells come as text so our own typing applies.
  const std::string drv = ext == ".ods" ? "OGR_ODS_" : "OGR_XLSX_";
  struct SheetConfig {
    std::string headers, types;
    explicit SheetConfig(const std::string& prefix)
        : headers(prefix + "HEADERS"), types(prefix + "FIELD_TYPES") {
      CPLSetThreadLocalConfigOption(headers.c_str(), "DISABLE");
      CPLSetThreadLocalConfigOption(types.c_str(), "STRING");
    }
    ~SheetConfig() {
      CPLSetThreadLocalConfigOption(headers.c_str(), nullptr);
      CPLSetThreadLocalConfigOption(types.c_str(), nullptr);
    }
  } config(drv);
  const char* kind = ext == ".ods" ? ".ods" : ".xlsx";
  GdalDataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) {
    const std::string why = last_gdal_error();
    throw Error("cannot open " + path + " as a spreadsheet (" +
                (why.empty() ? std::string("not a valid ") + kind + " file" : why) + "); save it again as " +
                kind + " or .csv");
  }
  const int nsheets = GDALDatasetGetLayerCount(ds.get());
  if (nsheets == 0) throw Error(path + " has no sheets");
  std::vector<std::string> how;
  auto finish = [&](Table t) {
    if (t.rows() == 0) throw Error(path + " has a header but no data rows; export the table with its rows");
    t.set_how_read(join_list(how, how.size()));
    return t;
  };
  auto name_of = [&](int i) { return std::string(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i))); };
  if (!o.sheet.empty() || nsheets == 1) {
    OGRLayerH layer = o.sheet.empty() ? GDALDatasetGetLayer(ds.get(), 0)
                                      : GDALDatasetGetLayerByName(ds.get(), o.sheet.c_str());
    if (!layer) {
      std::vector<std::string> names;
      for (int i = 0; i < nsheets; ++i) names.push_back(name_of(i));
      throw Error(unknown_name_message("sheet", o.sheet, names, path), Need::Sheet);
    }
    if (nsheets > 1) how.push_back("sheet '" + o.sheet + "'");
    return finish(sheet_table(sheet_rows(layer), path, "sheet '" + std::string(OGR_L_GetName(layer)) + "'",
                              o.header_row, how));
  }
  // Several sheets: official workbooks put notes and contents first; the table is the first sheet with
  // a column of area codes.
  std::vector<std::string> seen;
  for (int i = 0; i < nsheets; ++i) {
    const std::string name = name_of(i);
    const std::string where = "sheet '" + name + "'";
    std::vector<std::string> sheet_how;
    std::string first_columns;
    try {
      Table t =
          sheet_table(sheet_rows(GDALDatasetGetLayer(ds.get(), i)), path, where, o.header_row, sheet_how);
      if (std::string key = code_column(t); !key.empty() && t.rows() > 0) {
        how.push_back(where + ", the first with a column of area codes ('" + key + "')");
        how.insert(how.end(), sheet_how.begin(), sheet_how.end());
        return finish(std::move(t));
      }
      std::vector<std::string> names;
      for (size_t c = 0; c < t.columns() && c < 3; ++c) names.push_back(t.col(c).name);
      first_columns =
          names.empty() ? "no columns" : "columns " + join_list(names, 3) + (t.columns() > 3 ? ", ..." : "");
    } catch (const Error&) {
      first_columns = "no table";
    }
    seen.push_back("'" + name + "' (" + first_columns + ")");
  }
  throw Error(path + ": no sheet has a column of area codes; name the sheet that holds the table: " +
                  join_list(seen, 20),
              Need::Sheet);
}

}  // namespace

Table parse_csv_bytes(std::string bytes, const std::string& source, const TableReadOptions& o) {
  std::string used;
  std::string text = decode_table_text(std::move(bytes), source, o.encoding, &used);
  Table t = parse_csv(text, source, o);
  if (!used.empty())
    t.set_how_read(t.how_read().empty() ? "read as " + used : "read as " + used + ", " + t.how_read());
  return t;
}

Table read_table(const std::string& path, const TableReadOptions& o) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error("cannot find " + path + "; check the path");
  if (fs::is_directory(path, ec)) throw Error(path + " is a folder, not a table; give a .csv or .xlsx file");
  std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".xlsx" || ext == ".ods") return read_workbook(path, ext, o);
  if (ext == ".xls")
    throw Error(path + ": " + ext + " files are not supported; save the sheet as .xlsx or .csv");
  return read_csv_file(path, o);
}

Table read_table(const std::string& path, const std::string& sheet,
                 const std::vector<std::string>* numeric_columns) {
  TableReadOptions o;
  o.sheet = sheet;
  o.numeric_columns = numeric_columns;
  return read_table(path, o);
}

}  // namespace nbhd
