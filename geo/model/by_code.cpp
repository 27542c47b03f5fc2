#include "geo/model/by_code.hpp"

#include <cmath>
#include <string_view>
#include <unordered_map>

#include "base/error.hpp"

namespace nbhd {

namespace {
template <class T, class Get>
std::vector<T> by_code(const std::vector<std::string>& codes, const Table& t, std::string_view key,
                       const Column& field, Get get, T none, std::vector<std::string>* missing) {
  const Column& k = key.empty() ? t.col(0) : t.column(key);
  std::vector<std::string> scratch;
  if (k.numeric()) {
    scratch.resize(t.rows());
    for (size_t r = 0; r < t.rows(); ++r) scratch[r] = k.cell(r);
  }
  const std::vector<std::string>& keys = k.numeric() ? scratch : k.text;
  // Rows of a lookup repeat a code with the same value (an LSOA -> local authority table keyed by the
  // authority): allowed; different values are not.
  auto same = [&](size_t x, size_t y) {
    return field.numeric()
               ? (field.num[x] == field.num[y] || (std::isnan(field.num[x]) && std::isnan(field.num[y])))
               : field.text[x] == field.text[y];
  };
  std::unordered_map<std::string_view, size_t> row;  // views of `keys`, which outlive the map
  row.reserve(t.rows() * 2);
  for (size_t r = 0; r < t.rows(); ++r) {
    auto [it, fresh] = row.emplace(keys[r], r);
    if (!fresh && !same(it->second, r))
      throw Error("code '" + keys[r] + "' appears twice in " + t.source() + " with different '" + field.name +
                  "' values; give a table with one row per code");
  }
  std::vector<T> out(codes.size(), none);
  for (size_t i = 0; i < codes.size(); ++i) {
    auto it = row.find(codes[i]);
    if (it == row.end()) {
      if (missing) missing->push_back(codes[i]);
      continue;
    }
    out[i] = get(it->second);
  }
  return out;
}
}  // namespace

std::vector<double> numbers_by_code(const std::vector<std::string>& codes, const Table& t,
                                    std::string_view key, std::string_view field,
                                    std::vector<std::string>* missing) {
  const Column& f = t.numeric(field);
  return by_code<double>(
      codes, t, key, f, [&](size_t r) { return f.num[r]; }, std::nan(""), missing);
}

std::vector<std::string> text_by_code(const std::vector<std::string>& codes, const Table& t,
                                      std::string_view key, std::string_view field,
                                      std::vector<std::string>* missing) {
  const Column& f = t.column(field);
  return by_code<std::string>(
      codes, t, key, f, [&](size_t r) { return f.cell(r); }, std::string(), missing);
}

std::vector<std::string> codes_of(const Table& t, std::string_view key) {
  const Column& k = key.empty() ? t.col(0) : t.column(key);
  std::vector<std::string> out(t.rows());
  for (size_t r = 0; r < t.rows(); ++r) out[r] = k.cell(r);
  return out;
}

}  // namespace nbhd
