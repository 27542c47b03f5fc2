#pragma once
// The map font: DejaVu Sans (regular and bold) loaded straight from its TrueType files through FreeType,
// so every output (PNG, SVG, PDF) uses the same real font with £, ©, ’ and accented names, independent of
// fontconfig's choices.
#include <cairo.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace nbhd {

class Fonts {
 public:
  // Loads the faces; throws nbhd::Error naming the files and the package (fonts-dejavu-core) when absent.
  Fonts();
  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  cairo_font_face_t* regular() const { return regular_; }
  cairo_font_face_t* bold() const { return bold_; }

  // Characters of UTF-8 `text` that the regular face has no glyph for ("" when none).
  std::string missing_glyphs(std::string_view text) const;

 private:
  cairo_font_face_t* regular_ = nullptr;  // owned references (cairo_font_face_destroy)
  cairo_font_face_t* bold_ = nullptr;
};

// Where a DejaVu file (e.g. "DejaVuSans.ttf") is installed: the same look-up the map font and the
// viewer's interface font use. Throws nbhd::Error naming the package when it is absent.
std::filesystem::path dejavu_file(const char* file);

// The process-wide fonts, loaded on first use.
const Fonts& map_fonts();

}  // namespace nbhd
