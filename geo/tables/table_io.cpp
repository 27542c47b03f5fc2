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

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/vector/gdal_handle.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

// Returns the 1-based line of the first invalid UTF-8 sequence, or 0 when the text is valid. ASCII runs are
// skipped 8 bytes at a time and lines are counted only when a bad sequence is found: most tables are ASCII.
size_t invalid_utf8_line(std::string_view s) {
  auto line_at = [&](size_t i) {
    return 1 + size_t(std::count(s.begin(), s.begin() + std::ptrdiff_t(i), '\n'));
  };
  for (size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return line_at(i);
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return line_at(i);
    i += len;
  }
  return 0;
}

}  // namespace

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
};

}  // namespace

Table parse_csv(std::string_view text, const std::string& source,
                const std::vector<std::string>* numeric_columns) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (trim(text).empty())
    throw Error(source + " is empty; an indicator table needs a header row and data rows");
  if (size_t bad = invalid_utf8_line(text))
    throw Error(source + " line " + std::to_string(bad) +
                ": text is not valid UTF-8; re-save the file as UTF-8 (CSV UTF-8 in Excel)");
  const char delim = (source.size() > 4 && lower(source.substr(source.size() - 4)) == ".tsv") ? '\t' : ',';

  const char* const begin = text.data();
  const char* const end = begin + text.size();
  std::deque<std::string> unescaped;  // quoted cells with doubled quotes; a deque keeps views valid
  size_t line = 1;

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

  std::vector<std::string_view> row;
  const char* p = skip_blank_lines(begin);
  if (p == end) throw Error(source + " is empty; an indicator table needs a header row and data rows");
  p = read_row(p, row);
  std::vector<std::string> header(row.begin(), row.end());
  const size_t ncol = header.size();
  for (size_t c = 0; c < ncol; ++c) {
    if (trim(header[c]).empty())
      throw Error(source + " line 1: column " + std::to_string(c + 1) +
                  " has no name; give every column a header");
    for (size_t d = 0; d < c; ++d)
      if (header[d] == header[c])
        throw Error(source + " line 1: column name '" + header[c] + "' appears twice; rename one of them");
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
  };
  while ((p = skip_blank_lines(p)) < end) {
    const size_t r = row_start.size();
    row_start.push_back(p);
    row_line.push_back(line);
    const size_t this_line = line;
    p = read_row(p, row);
    if (row.size() != ncol)
      throw Error(source + " line " + std::to_string(this_line) + ": " + std::to_string(row.size()) +
                  (row.size() == 1 ? " field" : " fields") + " but the header has " + std::to_string(ncol) +
                  "; check for unquoted commas or missing cells");
    for (size_t c = 0; c < ncol; ++c) {
      ColumnBuilder& b = cols[c];
      if (b.skipped) continue;
      std::string_view cell = trim(row[c]);
      if (!b.needed && !b.typer.any() && !cell.empty() && parse_number(cell)) {
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
      double v = b.typer.add(cell);
      if (b.typer.is_text()) {
        to_text(c, r);
        b.text.emplace_back(cell);
      } else {
        b.num.push_back(v);
      }
    }
  }

  Table t(source);
  t.set_rows(row_start.size());
  for (size_t c = 0; c < ncol; ++c) {
    ColumnBuilder& b = cols[c];
    if (b.skipped || (!b.needed && !b.typer.any())) {  // an unneeded all-blank column is skipped too
      t.add_unread(header[c]);
      continue;
    }
    Column col;
    col.name = header[c];
    col.type = b.typer.type();
    if (col.numeric())
      col.num = std::move(b.num);
    else
      col.text = std::move(b.text);
    t.add(std::move(col));
  }
  return t;
}

namespace {

Table read_csv_file(const std::string& path, const std::vector<std::string>* numeric_columns) {
  // One allocation of the file's size and one read: no stream buffers or copies.
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error("cannot read " + path + "; check the file's permissions");
  std::string text(static_cast<size_t>(fs::file_size(path)), '\0');
  if (!f.read(text.data(), static_cast<std::streamsize>(text.size())))
    throw Error("cannot read " + path + "; check the file's permissions");
  Table t = parse_csv(text, path, numeric_columns);
  if (t.rows() == 0) throw Error(path + " has a header but no data rows; export the table with its rows");
  return t;
}

Table read_xlsx_file(const std::string& path, const std::string& sheet) {
  ensure_gdal();
  // GDAL 3.6 takes these as configuration, not open, options, and reads them when a sheet is first
  // loaded (lazily), so they stay set for the whole read: the first row is always the header (an all-text
  // sheet would otherwise get Field1..N), and cells come as text so our own typing applies.
  struct XlsxConfig {
    XlsxConfig() {
      CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
      CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "STRING");
    }
    ~XlsxConfig() {
      CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr);
      CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", nullptr);
    }
  } config;
  GdalDataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) {
    const std::string why = last_gdal_error();
    throw Error("cannot open " + path + " as a spreadsheet (" +
                (why.empty() ? "not a valid .xlsx file" : why) + "); save it again as .xlsx or .csv");
  }
  OGRLayerH layer = nullptr;
  if (sheet.empty()) {
    if (GDALDatasetGetLayerCount(ds.get()) == 0) throw Error(path + " has no sheets");
    layer = GDALDatasetGetLayer(ds.get(), 0);
  } else {
    layer = GDALDatasetGetLayerByName(ds.get(), sheet.c_str());
    if (!layer) {
      std::vector<std::string> names;
      for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i)
        names.push_back(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i)));
      throw Error(unknown_name_message("sheet", sheet, names, path));
    }
  }
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int nf = OGR_FD_GetFieldCount(defn);
  std::vector<std::vector<std::string>> cells(nf);
  OGR_L_ResetReading(layer);
  while (OgrFeature f{OGR_L_GetNextFeature(layer)}) {
    for (int i = 0; i < nf; ++i)
      cells[i].emplace_back(OGR_F_IsFieldSetAndNotNull(f.get(), i) ? OGR_F_GetFieldAsString(f.get(), i) : "");
  }
  Table t(path);
  t.set_rows(nf ? cells[0].size() : 0);
  for (int i = 0; i < nf; ++i)
    t.add(make_column(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)),
                      std::vector<std::string_view>(cells[i].begin(), cells[i].end())));
  if (t.rows() == 0) throw Error(path + " has a header but no data rows; export the table with its rows");
  return t;
}

}  // namespace

Table read_table(const std::string& path, const std::string& sheet,
                 const std::vector<std::string>* numeric_columns) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error("cannot find " + path + "; check the path");
  if (fs::is_directory(path, ec)) throw Error(path + " is a folder, not a table; give a .csv or .xlsx file");
  std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".xlsx") return read_xlsx_file(path, sheet);
  if (ext == ".xls" || ext == ".ods")
    throw Error(path + ": " + ext + " files are not supported; save the sheet as .xlsx or .csv");
  return read_csv_file(path, numeric_columns);
}

}  // namespace nbhd
