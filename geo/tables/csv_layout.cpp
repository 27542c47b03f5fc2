#include "geo/tables/csv_layout.hpp"

#include <algorithm>
#include <map>

#include "geo/model/table.hpp"

namespace nbhd {

std::vector<PrefixRow> split_prefix(std::string_view text, char delim, size_t max_rows) {
  std::vector<PrefixRow> rows;
  size_t i = 0, line = 1;
  const size_t n = text.size();
  while (i < n && rows.size() < max_rows) {
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {  // blank line
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    PrefixRow row;
    row.offset = i;
    row.line = line;
    size_t start = i;
    bool quoted = false, in_quotes = false;
    for (;; ++i) {
      if (i < n && in_quotes) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"')
            ++i;
          else
            in_quotes = false;
        } else if (text[i] == '\n') {
          ++line;
        }
        continue;
      }
      if (i < n && text[i] == '"' && !quoted && trim(text.substr(start, i - start)).empty()) {
        quoted = in_quotes = true;
        continue;
      }
      if (i >= n || text[i] == delim || text[i] == '\n') {
        std::string_view cell = text.substr(start, i - start);
        if (!cell.empty() && cell.back() == '\r') cell.remove_suffix(1);
        cell = trim(cell);
        if (quoted && cell.size() >= 2) cell = cell.substr(1, cell.size() - 2);
        row.cells.push_back(cell);
        if (i < n && text[i] == delim) {
          start = i + 1;
          quoted = false;
          continue;
        }
        if (i < n) {
          ++i;
          ++line;
        }
        break;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

char sniff_delimiter(std::string_view text, char fallback) {
  // 64 KiB and 30 rows say it for any real table; cut at a line end so the last row is whole.
  std::string_view prefix = text.substr(0, 65536);
  if (prefix.size() < text.size())
    if (size_t nl = prefix.rfind('\n'); nl != std::string_view::npos) prefix = prefix.substr(0, nl + 1);
  char best = fallback;
  size_t best_score = 0;
  const char order[] = {fallback, ',', '\t', ';', '|'};
  for (char d : order) {
    std::map<size_t, size_t> freq;  // field count -> rows
    for (const auto& r : split_prefix(prefix, d, 30)) ++freq[r.cells.size()];
    size_t score = 0;
    for (auto [fields, rows] : freq)
      if (fields > 1 && rows > score) score = rows;
    if (score > best_score) best = d, best_score = score;
  }
  return best;
}

const char* delimiter_name(char delim) {
  switch (delim) {
    case ';':
      return "semicolon";
    case '\t':
      return "tab";
    case '|':
      return "pipe";
    default:
      return "comma";
  }
}

namespace {
size_t non_blank(const std::vector<std::string_view>& cells) {
  return size_t(
      std::count_if(cells.begin(), cells.end(), [](std::string_view c) { return !trim(c).empty(); }));
}
}  // namespace

size_t find_header_row(const std::vector<std::vector<std::string_view>>& rows) {
  for (size_t r = 0; r < rows.size(); ++r)
    if (non_blank(rows[r]) >= 2) return r;
  return 0;
}

bool is_note_row(const std::vector<std::string_view>& cells) {
  if (cells.empty()) return false;
  for (size_t c = 1; c < cells.size(); ++c)
    if (!trim(cells[c]).empty()) return false;
  std::string_view first = trim(cells[0]);
  return first.find_first_of(" :") != std::string_view::npos;
}

}  // namespace nbhd
