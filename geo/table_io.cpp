#include "geo/table_io.hpp"

#include <gdal.h>
#include <ogr_api.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "geo/error.hpp"
#include "geo/gdal_handle.hpp"
#include "geo/text.hpp"

namespace fs = std::filesystem;

namespace nbhd {

namespace {

// Returns the 1-based line of the first invalid UTF-8 sequence, or 0 when the text is valid.
size_t invalid_utf8_line(std::string_view s) {
  size_t line = 1;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') ++line;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return line;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return line;
    i += len;
  }
  return 0;
}

}  // namespace

Table parse_csv(std::string_view text, const std::string& source) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (trim(text).empty()) throw Error(source + " is empty; an indicator table needs a header row and data rows");
  if (size_t bad = invalid_utf8_line(text))
    throw Error(source + " line " + std::to_string(bad) +
                ": text is not valid UTF-8; re-save the file as UTF-8 (CSV UTF-8 in Excel)");
  const char delim = (source.size() > 4 && lower(source.substr(source.size() - 4)) == ".tsv") ? '\t' : ',';

  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> row_line;  // 1-based line where each row starts
  std::vector<std::string> row;
  std::string field;
  size_t line = 1, start_line = 1;
  bool in_quotes = false, field_quoted = false, row_started = false;
  size_t quote_line = 0;
  const size_t n = text.size();
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    // A line with nothing at all on it (blank line) is skipped, not a row of one blank cell.
    if (!(row.size() == 1 && row[0].empty() && !field_quoted)) {
      rows.push_back(std::move(row));
      row_line.push_back(start_line);
    }
    row.clear();
    row_started = false;
  };
  for (size_t i = 0; i < n; ++i) {
    char c = text[i];
    if (!row_started) {
      row_started = true;
      start_line = line;
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!trim(field).empty())
        throw Error(source + " line " + std::to_string(line) +
                    ": a quote appears inside an unquoted field; quote the whole field and double inner quotes (\"\")");
      field.clear();
      in_quotes = true;
      field_quoted = true;
      quote_line = line;
    } else if (c == delim) {
      end_field();
    } else if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
      // CRLF: the \n ends the row
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      field += c;
    }
  }
  if (in_quotes)
    throw Error(source + " line " + std::to_string(quote_line) +
                ": a quoted field is never closed; add the missing closing quote (\")");
  if (row_started) end_row();

  if (rows.empty()) throw Error(source + " is empty; an indicator table needs a header row and data rows");
  std::vector<std::string> header = std::move(rows[0]);
  const size_t ncol = header.size();
  for (size_t c = 0; c < ncol; ++c) {
    if (trim(header[c]).empty())
      throw Error(source + " line 1: column " + std::to_string(c + 1) + " has no name; give every column a header");
    for (size_t d = 0; d < c; ++d)
      if (header[d] == header[c])
        throw Error(source + " line 1: column name '" + header[c] + "' appears twice; rename one of them");
  }
  for (size_t r = 1; r < rows.size(); ++r)
    if (rows[r].size() != ncol)
      throw Error(source + " line " + std::to_string(row_line[r]) + ": " + std::to_string(rows[r].size()) +
                  " fields but the header has " + std::to_string(ncol) +
                  "; check for unquoted commas or missing cells");

  Table t(source);
  const size_t nrows = rows.size() - 1;
  t.set_rows(nrows);
  for (size_t c = 0; c < ncol; ++c) {
    std::vector<std::string> cells;
    cells.reserve(nrows);
    for (size_t r = 1; r < rows.size(); ++r) cells.push_back(std::move(rows[r][c]));
    t.add(make_column(header[c], std::move(cells)));
  }
  return t;
}

namespace {

Table read_csv_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error("cannot read " + path + "; check the file's permissions");
  std::stringstream ss;
  ss << f.rdbuf();
  Table t = parse_csv(ss.str(), path);
  if (t.rows() == 0) throw Error(path + " has a header but no data rows; export the table with its rows");
  return t;
}

Table read_xlsx_file(const std::string& path, const std::string& sheet) {
  ensure_gdal();
  const char* open_opts[] = {"HEADERS=FORCE", "FIELD_TYPES=STRING", nullptr};
  GdalDataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_opts, nullptr));
  if (!ds) throw Error("cannot open " + path + " as a spreadsheet: " + last_gdal_error() + "; save it as .xlsx or .csv");
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
    t.add(make_column(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)), std::move(cells[i])));
  if (t.rows() == 0) throw Error(path + " has a header but no data rows; export the table with its rows");
  return t;
}

}  // namespace

Table read_table(const std::string& path, const std::string& sheet) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error("cannot find " + path + "; check the path");
  if (fs::is_directory(path, ec)) throw Error(path + " is a folder, not a table; give a .csv or .xlsx file");
  std::string ext = lower(fs::path(path).extension().string());
  if (ext == ".xlsx") return read_xlsx_file(path, sheet);
  if (ext == ".xls" || ext == ".ods")
    throw Error(path + ": " + ext + " files are not supported; save the sheet as .xlsx or .csv");
  return read_csv_file(path);
}

}  // namespace nbhd
