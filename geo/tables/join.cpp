#include "geo/tables/join.hpp"

#include <limits>
#include <unordered_set>

#include "base/error.hpp"
#include "base/string_index.hpp"
#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"

namespace nbhd {

namespace {

std::vector<std::string> key_values(const Column& c) {
  std::vector<std::string> v(c.size());
  for (size_t i = 0; i < c.size(); ++i) v[i] = std::string(trim(c.cell(i)));
  return v;
}

std::string kind_of(const std::vector<std::string>& codes) {
  for (const auto& c : codes)
    if (!c.empty()) {
      std::string p = ons_prefix(c);
      return p.empty() ? "" : ons_code_kind(c) + " (" + p + ")";
    }
  return "";
}

}  // namespace

JoinReport join_table(AreaLayer& layer, const Table& table, const JoinOptions& opt) {
  JoinReport r;
  r.table = table.source();
  r.rows = table.rows();
  r.how_read = table.how_read();
  StringIndex area_index(layer.size());  // views of layer.codes, which this function does not change
  for (size_t i = 0; i < layer.size(); ++i) area_index.insert(layer.codes[i], i);

  // Key column: given, or the column whose values match the most area codes.
  const Column* key = nullptr;
  if (!opt.key_field.empty()) {
    key = &table.column(opt.key_field);
  } else {
    size_t best = 0;
    for (const auto& c : table.cols()) {
      if (c.numeric()) continue;  // area codes are text; a numeric key must be named
      size_t hits = 0;
      for (const auto& v : c.text)
        if (area_index.contains(trim(v))) ++hits;
      if (hits > best) best = hits, key = &c;
    }
    if (!key) {
      // Nothing matches: say which column looks like codes, and of which geography, if any.
      std::vector<std::vector<std::string>> cols;
      std::vector<const std::vector<std::string>*> ptrs;
      for (const auto& c : table.cols()) cols.push_back(c.numeric() ? std::vector<std::string>{} : c.text);
      for (const auto& c : cols) ptrs.push_back(&c);
      KeyGuess g = guess_key_column(ptrs);
      std::string area_kind = kind_of(layer.codes);
      if (g.column >= 0 && g.kind == layer.code_kind) {
        // The same geography with no code in common: other places, or another year's boundaries.
        const Column& c = table.col(static_cast<size_t>(g.column));
        std::string example;
        for (const auto& v : c.text)
          if (!trim(v).empty()) {
            example = std::string(trim(v));
            break;
          }
        throw Error(table.source() + ": none of the " + g.kind + " codes in column '" + c.name + "' (e.g. " +
                    example + ") matches an area of " + layer.source + " (e.g. " + layer.codes[0] +
                    "); check that both cover "
                    "the same places and the same year of boundaries (LSOA 2011 and 2021 codes differ)");
      }
      if (g.column >= 0)
        throw Error(table.source() + ": column '" + table.col(static_cast<size_t>(g.column)).name +
                    "' holds " + g.kind + " codes (" + g.prefixes + ") but the areas in " + layer.source +
                    " are " + area_kind + "; join a table of " + layer.code_kind +
                    " values, or aggregate this one first");
      throw Error(table.source() + ": no column holds codes matching the areas' " + layer.key_field +
                  " (e.g. " + (layer.codes.empty() ? std::string("?") : layer.codes[0]) +
                  "); name the key as TABLE:COLUMN");
    }
  }
  r.key_field = key->name;
  std::vector<std::string> keys = key_values(*key);

  // Duplicate keys and the row for each area.
  StringIndex first_row(keys.size());
  std::vector<size_t> row_of(layer.size(), std::numeric_limits<size_t>::max());
  std::unordered_set<std::string_view> dup_seen;
  for (size_t row = 0; row < keys.size(); ++row) {
    if (keys[row].empty()) continue;
    auto [first, fresh] = first_row.insert(keys[row], row);
    if (!fresh) {
      if (dup_seen.insert(keys[row]).second) r.duplicate_keys.push_back(keys[row]);
      if (opt.on_duplicate == OnDuplicate::Error)
        throw Error(table.source() + ": " + r.key_field + "=" + keys[row] + " appears on data rows " +
                        std::to_string(first + 1) + " and " + std::to_string(row + 1) +
                        "; remove the duplicates or keep the first row of each",
                    Need::OnDuplicate);
      continue;
    }
    if (auto a = area_index.find(keys[row]))
      row_of[*a] = row;
    else
      r.rows_without_area.push_back(keys[row]);
  }
  for (size_t i = 0; i < layer.size(); ++i) {
    if (row_of[i] == std::numeric_limits<size_t>::max())
      r.areas_without_row.push_back(layer.codes[i]);
    else
      ++r.matched;
  }
  if (r.matched == 0) {
    std::string tk = kind_of(keys), ak = kind_of(layer.codes);
    std::string why = (!tk.empty() && !ak.empty() && tk != ak)
                          ? "its codes are " + tk + " codes but the areas are " + ak +
                                " codes; join a table of the same geography, or aggregate it first"
                          : "check that " + r.key_field + " holds the same codes as " + layer.key_field;
    throw Error(table.source() + ": no row matches an area of " + layer.source + " by " + r.key_field + "; " +
                why);
  }
  {
    std::string tk = kind_of(keys), ak = kind_of(layer.codes);
    if (!tk.empty() && !ak.empty() && tk != ak)
      r.key_kind_note = "table codes look like " + tk + " codes but the areas are " + ak + " codes";
  }

  // Copy the columns, renaming on clashes.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (layer.attrs.columns() == 0) layer.attrs.set_rows(layer.size());
  size_t unread = 0;
  auto add_unread_before = [&](size_t k) {  // skipped columns keep their place among the copied ones
    for (; unread < table.unread().size() && table.unread_position(unread) == k; ++unread)
      layer.attrs.add_unread(table.unread()[unread]);
  };
  for (size_t k = 0; k < table.columns(); ++k) {
    add_unread_before(k);
    const Column& c = table.col(k);
    if (&c == key) continue;
    Column out;
    out.name = c.name;
    for (int n = 2; layer.attrs.find(out.name); ++n) out.name = c.name + "_" + std::to_string(n);
    out.type = c.type;
    if (c.numeric()) {
      out.num.assign(layer.size(), nan);
      for (size_t i = 0; i < layer.size(); ++i)
        if (row_of[i] != std::numeric_limits<size_t>::max()) out.num[i] = c.num[row_of[i]];
      r.numeric_columns.push_back(out.name);
      for (const auto& [name, cells] : table.suppressed())
        if (name == c.name) r.suppressed.emplace_back(out.name, cells);
    } else {
      out.text.assign(layer.size(), "");
      for (size_t i = 0; i < layer.size(); ++i)
        if (row_of[i] != std::numeric_limits<size_t>::max()) out.text[i] = c.text[row_of[i]];
    }
    r.added_columns.push_back(out.name);
    layer.attrs.add(std::move(out));
  }
  add_unread_before(table.columns());
  r.unread_columns = table.unread().size();
  return r;
}

std::string format_report(const JoinReport& r) {
  std::string s = "join " + r.table + " by " + r.key_field + ": " + std::to_string(r.matched) +
                  " areas matched of " + std::to_string(r.matched + r.areas_without_row.size()) + "; " +
                  std::to_string(r.rows) + " rows\n";
  if (!r.how_read.empty()) s += "  read: " + r.how_read + "\n";
  s += "  areas without a row: " + std::to_string(r.areas_without_row.size());
  if (!r.areas_without_row.empty()) s += " (" + join_list(r.areas_without_row, 10) + ")";
  s += "\n  rows without an area: " + std::to_string(r.rows_without_area.size());
  if (!r.rows_without_area.empty()) s += " (" + join_list(r.rows_without_area, 10) + ")";
  s += "\n  duplicate keys: " + std::to_string(r.duplicate_keys.size());
  if (!r.duplicate_keys.empty()) s += " (" + join_list(r.duplicate_keys, 10) + "; first row kept)";
  s += "\n  columns added: " + std::to_string(r.added_columns.size()) + " (" +
       std::to_string(r.numeric_columns.size()) + " numeric)";
  if (r.unread_columns > 0) s += "; " + std::to_string(r.unread_columns) + " more not read (not needed here)";
  s += "\n";
  if (!r.suppressed.empty()) {
    std::vector<std::string> each;
    for (const auto& [name, cells] : r.suppressed) each.push_back(name + " " + std::to_string(cells));
    s += "  suppressed values (\"..\", \"x\", ...) read as missing: " + join_list(each, 10) + "\n";
  }
  if (!r.key_kind_note.empty()) s += "  note: " + r.key_kind_note + "\n";
  return s;
}

}  // namespace nbhd
