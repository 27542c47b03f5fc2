#pragma once
// The bytes of a table file as UTF-8 text. Spreadsheets save CSV in several encodings: UTF-8 with or
// without a byte-order mark ("CSV UTF-8"), UTF-16 with one ("Unicode Text"), and Windows-1252 ("CSV" on
// Windows). UTF-8 passes through untouched (the CSV reader checks it); the others are converted with
// iconv, from their BOM or from the encoding the user names.
#include <string>
#include <string_view>

namespace nbhd {

// Converts `bytes` to UTF-8. `encoding`: "" (UTF-8, or UTF-16 when the file starts with its BOM), "utf-8",
// "utf-16", "cp1252" or "latin1". `used` gets the encoding converted from ("" for UTF-8). Throws
// nbhd::Error for an unknown encoding name or bytes that are not valid in the named encoding.
std::string decode_table_text(std::string bytes, const std::string& source, const std::string& encoding,
                              std::string* used);

// The encoding a text that is not UTF-8 most likely is: "utf-16" (NUL bytes in every other place),
// otherwise "cp1252" (what Excel writes on Windows, a superset of Latin-1's letters).
std::string likely_encoding(std::string_view bytes);

// The first fault that stops text being read as UTF-8 table text.
struct TextFault {
  enum Kind { None, NotUtf8, Nul } kind = None;
  size_t line = 0;  // 1-based
};
TextFault find_text_fault(std::string_view s);

}  // namespace nbhd
