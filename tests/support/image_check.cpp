#include "support/image_check.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace nbhd::test {

Pixels read_png(const std::filesystem::path& p) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&img, p.c_str()))
    throw std::runtime_error("cannot read PNG " + p.string() + ": " + img.message);
  img.format = PNG_FORMAT_RGBA;
  Pixels px;
  px.w = int(img.width);
  px.h = int(img.height);
  px.rgba.resize(PNG_IMAGE_SIZE(img));
  if (!png_image_finish_read(&img, nullptr, px.rgba.data(), 0, nullptr))
    throw std::runtime_error("cannot decode PNG " + p.string() + ": " + img.message);
  return px;
}

namespace {
std::string style_fill(const std::string& style) {
  auto at = style.find("fill:");
  if (at == std::string::npos) return "";
  auto end = style.find(';', at);
  return style.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5);
}

void collect(xmlNode* n, bool in_defs, std::vector<std::string>& out) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    std::string name = reinterpret_cast<const char*>(n->name);
    bool defs = in_defs || name == "defs" || name == "symbol" || name == "clipPath";
    if (name == "path" && !defs) {
      std::string fill;
      if (xmlChar* f = xmlGetProp(n, BAD_CAST "fill")) {
        fill = reinterpret_cast<const char*>(f);
        xmlFree(f);
      } else if (xmlChar* s = xmlGetProp(n, BAD_CAST "style")) {
        fill = style_fill(reinterpret_cast<const char*>(s));
        xmlFree(s);
      }
      out.push_back(fill);
    }
    collect(n->children, defs, out);
  }
}
}  // namespace

std::vector<std::string> svg_path_fills(const std::filesystem::path& p) {
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      xmlReadFile(p.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_HUGE), xmlFreeDoc);
  if (!doc) throw std::runtime_error("SVG " + p.string() + " is not well-formed XML");
  std::vector<std::string> out;
  collect(xmlDocGetRootElement(doc.get()), false, out);
  return out;
}

namespace {
void collect_text(xmlNode* n, std::vector<SvgText>& out) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (std::string(reinterpret_cast<const char*>(n->name)) == "text") {
      SvgText t;
      auto prop = [&](const char* name) {
        std::string v;
        if (xmlChar* a = xmlGetProp(n, BAD_CAST name)) {
          v = reinterpret_cast<const char*>(a);
          xmlFree(a);
        }
        return v;
      };
      xmlChar* c = xmlNodeGetContent(n);
      t.text = c ? reinterpret_cast<const char*>(c) : "";
      xmlFree(c);
      t.x = std::atof(prop("x").c_str()), t.y = std::atof(prop("y").c_str());
      t.font_family = prop("font-family");
      for (xmlNode* up = n->parent; t.font_family.empty() && up && up->type == XML_ELEMENT_NODE;
           up = up->parent)
        if (xmlChar* f = xmlGetProp(up, BAD_CAST "font-family")) {
          t.font_family = reinterpret_cast<const char*>(f);
          xmlFree(f);
        }
      t.stroke = prop("stroke");
      out.push_back(t);
    }
    collect_text(n->children, out);
  }
}
}  // namespace

std::vector<SvgText> svg_texts(const std::filesystem::path& p) {
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      xmlReadFile(p.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_HUGE), xmlFreeDoc);
  if (!doc) throw std::runtime_error("SVG " + p.string() + " is not well-formed XML");
  std::vector<SvgText> out;
  collect_text(xmlDocGetRootElement(doc.get()), out);
  return out;
}

std::string pdfinfo(const std::filesystem::path& p) {
  std::string cmd = "pdfinfo '" + p.string() + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return "";
  std::string out;
  std::array<char, 512> buf;
  while (fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  return out;
}

}  // namespace nbhd::test

namespace nbhd::test {

std::pair<int, int> scan_png_rows(const std::filesystem::path& p,
                                  const std::function<void(int y, const uint8_t* rgba)>& row) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(p.c_str(), "rb"), std::fclose);
  if (!f) throw std::runtime_error("cannot open " + p.string());
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  struct Guard {
    png_structp* p;
    png_infop* i;
    ~Guard() { png_destroy_read_struct(p, i, nullptr); }
  } guard{&png, &info};
  if (setjmp(png_jmpbuf(png))) throw std::runtime_error("corrupt PNG " + p.string());
  png_init_io(png, f.get());
  png_read_info(png, info);
  int w = int(png_get_image_width(png, info)), h = int(png_get_image_height(png, info));
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
  png_read_update_info(png, info);
  std::vector<uint8_t> buf(size_t(w) * 4);
  for (int y = 0; y < h; ++y) {
    png_read_row(png, buf.data(), nullptr);
    row(y, buf.data());
  }
  png_read_end(png, nullptr);
  return {w, h};
}

}  // namespace nbhd::test
