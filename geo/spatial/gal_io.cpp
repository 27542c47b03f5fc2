#include "geo/spatial/gal_io.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/table.hpp"

namespace nbhd {

WeightsFormat weights_format(std::string_view path) {
  std::string p = lower(path);
  auto ends = [&](std::string_view s) {
    return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".gal")) return WeightsFormat::Gal;
  if (ends(".gwt")) return WeightsFormat::Gwt;
  throw Error("cannot tell the weights format of " + std::string(path) + "; name it .gal or .gwt");
}

namespace {

// Whitespace-separated tokens with their line numbers.
class Tokens {
 public:
  Tokens(std::string_view text, std::string_view source) : t_(text), source_(source) {}
  bool next(std::string_view& tok) {
    while (pos_ < t_.size() && is_space(t_[pos_])) {
      if (t_[pos_] == '\n') ++line_;
      ++pos_;
    }
    if (pos_ >= t_.size()) return false;
    size_t b = pos_;
    while (pos_ < t_.size() && !is_space(t_[pos_])) ++pos_;
    tok = t_.substr(b, pos_ - b);
    tok_line_ = line_;
    return true;
  }
  std::string_view need(const char* what) {
    std::string_view tok;
    if (!next(tok)) fail("ends early: expected " + std::string(what));
    return tok;
  }
  size_t count(const char* what) {
    std::string_view tok = need(what);
    size_t v = 0;
    auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
    if (r.ec != std::errc() || r.ptr != tok.data() + tok.size())
      fail("expected " + std::string(what) + ", a whole number, but found '" + printable(tok) + "'");
    return v;
  }
  double number(const char* what) {
    std::string_view tok = need(what);
    auto v = parse_number(tok);
    if (!v || !std::isfinite(*v))
      fail("expected " + std::string(what) + ", a number, but found '" + printable(tok) + "'");
    return *v;
  }
  // The rest of the current line (the header's layer and key names), skipped.
  void skip_line() {
    while (pos_ < t_.size() && t_[pos_] != '\n') ++pos_;
  }
  bool at_line_end() const {
    size_t p = pos_;
    while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\r')) ++p;
    return p >= t_.size() || t_[p] == '\n';
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(std::string(source_) + " line " + std::to_string(tok_line_) + ": " + what +
                "; is it a GeoDa GAL/GWT weights file?");
  }
  static std::string printable(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  std::string_view t_, source_;
  size_t pos_ = 0, line_ = 1, tok_line_ = 1;
};

}  // namespace

WeightsFile parse_weights(std::string_view text, WeightsFormat format, std::string_view source) {
  Tokens tk(text, source);
  WeightsFile f;
  std::unordered_map<std::string, uint32_t> index;
  auto id_of = [&](std::string_view tok) {
    auto [it, added] = index.try_emplace(std::string(tok), static_cast<uint32_t>(f.ids.size()));
    if (added) f.ids.emplace_back(tok);
    return it->second;
  };
  // Header: "N", or GeoDa's "0 N LAYER KEY" (the first number is a flag, 0).
  size_t first = tk.count("the number of areas");
  if (tk.at_line_end()) {
    f.header_count = first;
  } else {
    f.header_count = tk.count("the number of areas");
    tk.skip_line();
  }
  std::string_view tok;
  if (format == WeightsFormat::Gal) {
    std::vector<bool> seen;
    while (tk.next(tok)) {
      uint32_t i = id_of(tok);
      if (i < seen.size() && seen[i]) tk.fail("area '" + Tokens::printable(tok) + "' has a second row");
      seen.resize(std::max<size_t>(seen.size(), i + 1), false);
      seen[i] = true;
      size_t k = tk.count("the number of neighbours");
      for (size_t n = 0; n < k; ++n) {
        uint32_t j = id_of(tk.need("a neighbour id"));
        seen.resize(std::max<size_t>(seen.size(), j + 1), false);
        f.links.push_back({i, j, 1});
      }
    }
  } else {
    while (tk.next(tok)) {
      uint32_t i = id_of(tok);
      uint32_t j = id_of(tk.need("a neighbour id"));
      double w = tk.number("a weight");
      f.links.push_back({i, j, w});
    }
  }
  for (const auto& l : f.links)
    if (l.i == l.j) tk.fail("area '" + Tokens::printable(f.ids[l.i]) + "' is its own neighbour");
  if (f.ids.size() > f.header_count)
    throw Error(std::string(source) + ": the header says " + std::to_string(f.header_count) +
                " areas but the file names " + std::to_string(f.ids.size()) + "; the file is damaged");
  return f;
}

WeightsFile read_weights_file(const std::string& path) {
  WeightsFormat fmt = weights_format(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open weights file " + path + "; check the path");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_weights(ss.str(), fmt, path);
}

SpatialWeights weights_for_areas(const WeightsFile& f, const std::vector<std::string>& codes,
                                 std::string_view source, std::string_view layer) {
  std::unordered_map<std::string_view, uint32_t> at;
  for (size_t i = 0; i < codes.size(); ++i) at.emplace(codes[i], static_cast<uint32_t>(i));
  std::vector<uint32_t> map(f.ids.size());
  std::vector<std::string> unknown;
  for (size_t k = 0; k < f.ids.size(); ++k) {
    auto it = at.find(f.ids[k]);
    if (it == at.end())
      unknown.push_back(f.ids[k]);
    else
      map[k] = it->second;
  }
  if (!unknown.empty())
    throw Error(std::string(source) + " names " + std::to_string(unknown.size()) + " of its " +
                std::to_string(f.ids.size()) + " areas that are not in " + std::string(layer) + " (" +
                join_list(unknown, 3) + "); it was made for other areas: make weights from these boundaries");
  if (f.ids.size() < codes.size()) {
    std::vector<bool> have(codes.size(), false);
    for (uint32_t m : map) have[m] = true;
    std::vector<std::string> missing;
    for (size_t i = 0; i < codes.size(); ++i)
      if (!have[i]) missing.push_back(codes[i]);
    throw Error(std::string(source) + " has no row for " + std::to_string(missing.size()) + " of the " +
                std::to_string(codes.size()) + " areas of " + std::string(layer) + " (" +
                join_list(missing, 3) + "); it was made for other areas: make weights from these boundaries");
  }
  std::vector<Link> links;
  links.reserve(f.links.size());
  for (const auto& l : f.links) links.push_back({map[l.i], map[l.j], l.w});
  return weights_from_links(codes.size(), std::move(links), "weights file " + std::string(source));
}

std::string format_weights(const SpatialWeights& w, const std::vector<std::string>& codes,
                           WeightsFormat format, std::string_view layer, std::string_view key) {
  for (const auto& c : codes)
    if (c.empty() || c.find_first_of(" \t\r\n") != std::string::npos)
      throw Error("area code '" + c +
                      "' is blank or holds a space, which GAL/GWT files cannot hold (they separate "
                      "fields by spaces); choose another key field",
                  Need::Key);
  std::string out = "0 " + std::to_string(w.size()) + " " + std::string(layer.empty() ? "nbhd" : layer) +
                    " " + std::string(key.empty() ? "code" : key) + "\n";
  char buf[64];
  for (size_t i = 0; i < w.size(); ++i) {
    if (format == WeightsFormat::Gal) {
      out += codes[i] + " " + std::to_string(w.count(i)) + "\n";
      for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
        if (k > w.offsets[i]) out += ' ';
        out += codes[w.neighbours[k]];
      }
      out += "\n";
    } else {
      for (uint32_t k = w.offsets[i]; k < w.offsets[i + 1]; ++k) {
        std::snprintf(buf, sizeof buf, " %.17g\n", w.weights[k]);
        out += codes[i] + " " + codes[w.neighbours[k]] + buf;
      }
    }
  }
  return out;
}

}  // namespace nbhd
