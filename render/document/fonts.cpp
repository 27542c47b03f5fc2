#include "render/document/fonts.hpp"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <filesystem>
#include <vector>

#include "base/error.hpp"

namespace nbhd {

std::filesystem::path dejavu_file(const char* file) {
  const std::filesystem::path dirs[] = {"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
                                        "/usr/local/share/fonts"};
  for (const auto& d : dirs)
    if (std::filesystem::exists(d / file)) return d / file;
  throw Error(std::string("cannot find the font ") + file +
              " in /usr/share/fonts/truetype/dejavu; install the Debian package fonts-dejavu-core");
}

namespace {

// FreeType library for the whole process; faces are released through cairo when their font face dies.
FT_Library ft_library() {
  struct Lib {
    FT_Library lib = nullptr;
    Lib() {
      if (FT_Init_FreeType(&lib)) throw Error("cannot start FreeType to draw map text");
    }
    ~Lib() { FT_Done_FreeType(lib); }
  };
  static Lib lib;
  return lib.lib;
}

const cairo_user_data_key_t kFaceKey{};

cairo_font_face_t* load_face(const char* file) {
  auto p = dejavu_file(file);
  FT_Face face = nullptr;
  if (FT_New_Face(ft_library(), p.c_str(), 0, &face))
    throw Error("cannot read the font " + p.string() + "; reinstall the Debian package fonts-dejavu-core");
  cairo_font_face_t* cf = cairo_ft_font_face_create_for_ft_face(face, 0);
  // The FT_Face must outlive every cairo use of it: cairo calls this when the font face is destroyed.
  cairo_font_face_set_user_data(cf, &kFaceKey, face, [](void* f) { FT_Done_Face(static_cast<FT_Face>(f)); });
  return cf;
}

// Decodes one UTF-8 code point; advances i. Invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

}  // namespace

Fonts::Fonts() {
  regular_ = load_face("DejaVuSans.ttf");
  try {
    bold_ = load_face("DejaVuSans-Bold.ttf");
  } catch (...) {
    cairo_font_face_destroy(regular_);
    throw;
  }
}

Fonts::~Fonts() {
  cairo_font_face_destroy(regular_);
  cairo_font_face_destroy(bold_);
}

std::string Fonts::missing_glyphs(std::string_view text) const {
  auto* face = static_cast<FT_Face>(cairo_font_face_get_user_data(regular_, &kFaceKey));
  std::string missing;
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = next_code_point(text, i);
    if (cp < 0x20) continue;
    if (FT_Get_Char_Index(face, FT_ULong(cp)) == 0) missing.append(text.substr(start, i - start));
  }
  return missing;
}

const Fonts& map_fonts() {
  static Fonts fonts;
  return fonts;
}

}  // namespace nbhd
