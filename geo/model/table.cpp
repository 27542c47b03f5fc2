#include "geo/model/table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

const char* to_string(ColumnType t) {
  switch (t) {
    case ColumnType::Integer:
      return "integer";
    case ColumnType::Real:
      return "real";
    case ColumnType::Boolean:
      return "boolean";
    case ColumnType::Text:
      return "text";
  }
  return "?";
}

std::string Column::cell(size_t row) const {
  if (!numeric()) return text[row];
  double v = num[row];
  if (std::isnan(v)) return "";
  return format_number(v);
}

std::optional<size_t> Table::find(std::string_view name) const {
  for (size_t i = 0; i < cols_.size(); ++i)
    if (cols_[i].name == name) return i;
  return std::nullopt;
}

const Column& Table::column(std::string_view name) const {
  if (auto i = find(name)) return cols_[*i];
  if (std::find(unread_.begin(), unread_.end(), name) != unread_.end())
    throw Error("internal error: column '" + std::string(name) + "' of " + source_ +
                " was skipped while reading; please report this");
  std::vector<std::string> names;  // in the source's order, skipped columns included
  size_t u = 0;
  for (size_t i = 0; i <= cols_.size(); ++i) {
    for (; u < unread_.size() && unread_at_[u] == i; ++u) names.push_back(unread_[u]);
    if (i < cols_.size()) names.push_back(cols_[i].name);
  }
  throw Error(unknown_name_message("column", name, names, source_));
}

const Column& Table::numeric(std::string_view name) const {
  const Column& c = column(name);
  if (!c.numeric())
    throw Error("column '" + c.name + "' in " + source_ + " is not numeric (it holds text such as '" +
                first_value(c.text) + "'); choose a numeric column");
  return c;
}

Column& Table::add(Column c) {
  if (find(c.name))
    throw Error("column '" + c.name + "' appears twice in " + source_ + "; rename one of them");
  if (cols_.empty() && rows_ == 0) rows_ = c.size();
  if (c.size() != rows_)
    throw Error("internal: column '" + c.name + "' has " + std::to_string(c.size()) + " rows, table " +
                source_ + " has " + std::to_string(rows_));
  cols_.push_back(std::move(c));
  return cols_.back();
}

std::string_view trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n')) --b;
  return s.substr(a, b - a);
}

namespace {
// Clinger's fast path for the common cell ("26525", "-1.771", "0.013"): at most 15 significant digits and
// no exponent give an integer m < 2^53 and a power 10^k (k <= 15) that are both exact doubles, so m / 10^k
// is the correctly rounded value, the same double from_chars returns. nullopt: not that shape.
std::optional<double> simple_decimal(std::string_view s) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  size_t i = 0;
  const bool neg = s[0] == '-';
  if (neg) ++i;
  uint64_t m = 0;
  int digits = 0, frac = 0;
  const size_t int_start = i;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) m = m * 10 + uint64_t(s[i] - '0');
  if (i == int_start) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    const size_t frac_start = ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) m = m * 10 + uint64_t(s[i] - '0');
    frac = int(i - frac_start);
    if (frac == 0) return std::nullopt;
  }
  if (i != s.size() || digits > 15) return std::nullopt;
  double v = double(m) / kPow10[frac];
  return neg ? -v : v;
}
}  // namespace

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (auto v = simple_decimal(s)) return v;
  if (s.front() == '+') s.remove_prefix(1);  // from_chars rejects a leading '+'
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  if (!std::isfinite(v)) return std::nullopt;  // "inf"/"nan" text is not a measurement
  return v;
}

double CellTyper::add(std::string_view cell) {
  any_ = true;
  if (maybe_bool_ && (iequals(cell, "true") || iequals(cell, "false"))) {
    maybe_num_ = false;
    return (cell[0] == 't' || cell[0] == 'T') ? 1.0 : 0.0;
  }
  if (maybe_num_) {
    if (auto v = parse_number(cell)) {
      maybe_bool_ = false;
      // Integral and exact in a double: written back as an integer.
      if (*v != std::floor(*v) || std::abs(*v) > 9007199254740992.0) all_int_ = false;
      return *v;
    }
  }
  maybe_num_ = maybe_bool_ = false;
  return std::numeric_limits<double>::quiet_NaN();
}

ColumnType CellTyper::type() const {
  if (is_text()) return ColumnType::Text;
  if (any_ && maybe_bool_) return ColumnType::Boolean;
  return any_ && all_int_ ? ColumnType::Integer : ColumnType::Real;
}

Column make_column(std::string name, const std::vector<std::string_view>& cells) {
  Column c;
  c.name = std::move(name);
  CellTyper typer;
  std::vector<double> num;
  num.reserve(cells.size());
  for (const auto& raw : cells) {
    auto s = trim(raw);
    num.push_back(s.empty() || typer.is_text() ? std::numeric_limits<double>::quiet_NaN() : typer.add(s));
  }
  c.type = typer.type();
  if (c.numeric()) {
    c.num = std::move(num);
  } else {
    c.type = ColumnType::Text;
    c.text.reserve(cells.size());
    for (auto raw : cells) c.text.emplace_back(trim(raw));
  }
  return c;
}

}  // namespace nbhd
