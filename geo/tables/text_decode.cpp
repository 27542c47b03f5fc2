#include "geo/tables/text_decode.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "base/error.hpp"

namespace nbhd {

namespace {

bool has_utf16_bom(std::string_view b) {
  return b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'));
}

// Owns an iconv descriptor.
struct Iconv {
  iconv_t cd;
  explicit Iconv(const char* from) : cd(iconv_open("UTF-8", from)) {}
  ~Iconv() {
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
};

std::string convert(std::string_view in, const char* from, const std::string& name,
                    const std::string& source) {
  Iconv conv(from);
  if (conv.cd == reinterpret_cast<iconv_t>(-1))
    throw Error("cannot convert " + source + " from " + name + " (this system lacks the conversion)");
  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write the input
  size_t src_left = in.size();
  size_t done = 0;
  while (src_left > 0) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    size_t r = iconv(conv.cd, &src, &src_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (r != size_t(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ or EINVAL: bytes the encoding does not define, or a truncated sequence at the end.
    size_t line = 1 + size_t(std::count(out.data(), out.data() + done, '\n'));
    throw Error(source + " line " + std::to_string(line) + ": the text is not valid " + name +
                    "; give the file's encoding (utf-8, utf-16, cp1252 or latin1)",
                Need::Encoding);
  }
  out.resize(done);
  return out;
}

}  // namespace

std::string likely_encoding(std::string_view b) {
  const size_t n = std::min<size_t>(b.size(), 4096);
  size_t nul = 0;
  for (size_t i = 0; i < n; ++i) nul += b[i] == '\0';
  if (n >= 2 && nul * 4 >= n) return "utf-16";
  return "cp1252";
}

std::string decode_table_text(std::string bytes, const std::string& source, const std::string& encoding,
                              std::string* used) {
  if (used) used->clear();
  auto set_used = [&](const char* u) {
    if (used) *used = u;
  };
  if (encoding.empty() || encoding == "utf-8") {
    if (encoding.empty() && has_utf16_bom(bytes)) {
      set_used("UTF-16");
      return convert(bytes, "UTF-16", "UTF-16", source);  // glibc reads the BOM and drops it
    }
    return bytes;
  }
  if (encoding == "utf-16") {
    set_used("UTF-16");
    if (has_utf16_bom(bytes)) return convert(bytes, "UTF-16", "UTF-16", source);
    // No BOM: ASCII text has its NUL bytes second (little-endian, as Windows writes) or first.
    size_t odd = 0, even = 0;
    for (size_t i = 0; i < std::min<size_t>(bytes.size(), 4096); ++i)
      if (bytes[i] == '\0') ++(i % 2 ? odd : even);
    return convert(bytes, even > odd ? "UTF-16BE" : "UTF-16LE", "UTF-16", source);
  }
  if (encoding == "cp1252") {
    set_used("cp1252");
    return convert(bytes, "CP1252", "cp1252", source);
  }
  if (encoding == "latin1") {
    set_used("latin1");
    return convert(bytes, "ISO-8859-1", "latin1", source);
  }
  throw Error("unknown encoding '" + encoding + "' for " + source + "; give utf-8, utf-16, cp1252 or latin1",
              Need::Encoding);
}

TextFault find_text_fault(std::string_view s) {
  // ASCII runs without NUL are skipped 8 bytes at a time and lines are counted only when a fault is found:
  // most tables are ASCII.
  auto at = [&](TextFault::Kind k, size_t i) {
    return TextFault{k, 1 + size_t(std::count(s.begin(), s.begin() + std::ptrdiff_t(i), '\n'))};
  };
  for (size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const bool has_zero = ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0;
      if ((w & 0x8080808080808080ull) == 0 && !has_zero) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return at(TextFault::Nul, i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return at(TextFault::NotUtf8, i);
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return at(TextFault::NotUtf8, i);
    i += len;
  }
  return {};
}

}  // namespace nbhd
