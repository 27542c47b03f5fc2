#include "render/export/svg_text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace nbhd {

namespace {

std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  return out;
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  std::string s = b;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string hex(Rgba c) {
  char b[8];
  std::snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
  return b;
}

}  // namespace

std::string svg_text_group(const TextSink& texts, double k) {
  std::ostringstream o;
  o << "<g font-family=\"DejaVu Sans\" xml:space=\"preserve\">\n";
  for (const TextItem& t : texts) {
    o << "<text x=\"" << num(t.x * k) << "\" y=\"" << num(t.baseline * k) << "\" font-size=\""
      << num(t.size_pt * k) << "\"";
    if (t.bold) o << " font-weight=\"bold\"";
    o << " fill=\"" << hex(t.colour) << "\"";
    if (t.colour.a != 255) o << " fill-opacity=\"" << num(t.colour.a / 255.0) << "\"";
    if (t.halo_pt > 0) {
      o << " stroke=\"" << hex(t.halo_colour) << "\" stroke-opacity=\"" << num(t.halo_colour.a / 255.0)
        << "\" stroke-width=\"" << num(2 * t.halo_pt * k)
        << "\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
    }
    if (t.angle_deg != 0)
      o << " transform=\"rotate(" << num(t.angle_deg) << " " << num(t.x * k) << " " << num(t.baseline * k)
        << ")\"";
    o << ">" << escaped(t.text) << "</text>\n";
  }
  o << "</g>\n";
  return o.str();
}

void append_to_svg(const std::filesystem::path& path, const std::string& group, const std::string& shown_as) {
  if (!std::filesystem::is_regular_file(path)) return;  // written through to a device: nothing to read back
  std::string svg;
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in) throw Error("cannot write " + shown_as + ": " + std::strerror(errno));
    svg = ss.str();
  }
  size_t end = svg.rfind("</svg>");
  if (end == std::string::npos)
    throw Error("internal error: Cairo wrote no </svg> to " + shown_as + "; please report this");
  svg.insert(end, group);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << svg;
  out.flush();
  if (!out) throw Error("cannot write " + shown_as + ": " + std::strerror(errno) + "; free some disk space");
}

}  // namespace nbhd
