// The atlas PDF drawn as parts in parallel and joined, with each page's map body written as PDF operators
// of our own under the page Cairo draws: the same bytes whatever the thread count, pages in order, and
// pages that look like the pages Cairo draws whole (both rasterised by poppler's pdftoppm).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "render/atlas/atlas.hpp"
#include "support/demo_layer.hpp"
#include "support/image_check.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

namespace fs = std::filesystem;

AtlasOptions demo_options(const fs::path& out) {
  AtlasOptions o;
  o.style.column = "IMD_score";
  o.by = "ward24_code";
  o.page = page_from_paper("A4", 50, true);
  o.out = out;
  o.pdf_date = "2000-01-01T00:00:00";
  o.only = {"E05900002", "E05900003", "E05900004", "E05900005", "E05900006"};
  return o;
}

std::string sh_quote(const fs::path& p) {
  return "'" + p.string() + "'";
}

TEST(AtlasPdf, PartsGiveTheSameFileWhateverTheThreadCountWithPagesInOrder) {
  auto dir = test::scratch_dir();
  std::vector<std::string> bytes;
  AtlasPlan plan;
  for (unsigned threads : {1u, 2u, 3u}) {
    AtlasOptions o = demo_options(dir / ("t" + std::to_string(threads) + ".pdf"));
    o.threads = threads;
    o.pdf_part_pages = 2;  // three parts of groups and the contents part
    AtlasResult r = write_atlas(test::demo_layer(), o);
    plan = r.plan;
    bytes.push_back(test::read_file(o.out));
  }
  EXPECT_EQ(bytes[0], bytes[1]);
  EXPECT_EQ(bytes[0], bytes[2]);
  ASSERT_EQ(plan.groups.size(), 5u);
  fs::path txt = dir / "t1.txt";
  ASSERT_EQ(std::system(("pdftotext " + sh_quote(dir / "t1.pdf") + " " + sh_quote(txt)).c_str()), 0);
  std::vector<std::string> pages;
  std::stringstream all(test::read_file(txt));
  for (std::string page; std::getline(all, page, '\f');) pages.push_back(page);
  ASSERT_GE(pages.size(), 6u);
  EXPECT_NE(pages[0].find("Contents"), std::string::npos) << pages[0];
  for (size_t g = 0; g < plan.groups.size(); ++g)
    EXPECT_NE(pages[1 + g].find(plan.groups[g].name + " (" + plan.groups[g].code + ")"), std::string::npos)
        << "page " << g + 2 << ": " << pages[1 + g];
  EXPECT_NE(test::pdfinfo(dir / "t1.pdf").find("CreationDate:    Sat Jan  1 00:00:00 2000"),
            std::string::npos)
      << test::pdfinfo(dir / "t1.pdf");
}

TEST(AtlasPdf, MapBodiesWrittenDirectlyLookLikeCairosWholePages) {
  auto dir = test::scratch_dir();
  AtlasOptions direct = demo_options(dir / "direct.pdf");
  AtlasOptions cairo = demo_options(dir / "cairo.pdf");
  cairo.pdf_direct_content = false;
  write_atlas(test::demo_layer(), direct);
  write_atlas(test::demo_layer(), cairo);
  EXPECT_LT(fs::file_size(dir / "direct.pdf"), fs::file_size(dir / "cairo.pdf"));
  for (const char* name : {"direct", "cairo"})
    ASSERT_EQ(std::system(("pdftoppm -png -r 60 " + sh_quote(dir / (std::string(name) + ".pdf")) + " " +
                           sh_quote(dir / name))
                              .c_str()),
              0);
  for (int page = 2; page <= 6; ++page) {  // pdftoppm names pages name-N
    test::Pixels a = test::read_png(dir / ("direct-" + std::to_string(page) + ".png"));
    test::Pixels b = test::read_png(dir / ("cairo-" + std::to_string(page) + ".png"));
    ASSERT_EQ(a.w, b.w);
    ASSERT_EQ(a.h, b.h);
    ASSERT_GT(a.w, 600);
    long differ = 0, coloured = 0;
    for (size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
      int d = 0;
      for (size_t k = 0; k < 3; ++k) d = std::max(d, std::abs(int(a.rgba[i + k]) - int(b.rgba[i + k])));
      differ += d > 8;
      coloured += a.rgba[i] != a.rgba[i + 1] || a.rgba[i + 1] != a.rgba[i + 2];
    }
    EXPECT_GT(coloured, long(a.w) * a.h / 10) << "page " << page << " shows a coloured map";
    EXPECT_LT(double(differ) / (a.w * a.h), 0.01) << "page " << page << ": " << differ << " pixels differ";
  }
}

}  // namespace
}  // namespace nbhd
