// `nbhd render -o map.html` on the demo borough: the page is self-contained, holds every area with its code,
// geometry and values, its legend equals the PNG's, it is written atomically; and in a real headless
// browser (Debian's chromium) it loads without script errors, shows the legend and a hover over an area
// shows that area's code, name, value and class.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/demo_layer.hpp"
#include "support/test_data.hpp"

namespace nbhd {
namespace {

std::string demo_args(const std::string& extra = "") {
  auto dir = test::demo_dir();
  return "render '" + (dir / "lsoa.gpkg").string() + "' --indicators '" + (dir / "indicators.csv").string() +
         "' --column IMD_decile --method unique --palette RdBu " + extra;
}

// The text of the element `<TAG id="ID" ...>` up to its closing tag.
std::string element_text(const std::string& page, const std::string& id, const std::string& close) {
  size_t at = page.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  size_t start = page.find('>', at) + 1;
  size_t end = page.find(close, start);
  return end == std::string::npos ? "" : page.substr(start, end - start);
}

// Decodes the page's geometry text (zigzag varints, 5 bits per character from '?'), independently of the
// page's script: per area its rings, per ring its point count.
std::vector<std::vector<size_t>> decode_rings(const std::string& s, size_t areas) {
  size_t pos = 0;
  auto next = [&]() -> long long {
    unsigned long long v = 0;
    int shift = 0;
    unsigned c;
    do {
      if (pos >= s.size()) throw std::runtime_error("geometry text ends early");
      c = unsigned(s[pos++] - 63);
      v |= (unsigned long long)(c & 31) << shift;
      shift += 5;
    } while (c & 32);
    return (long long)(v >> 1) ^ -(long long)(v & 1);
  };
  std::vector<std::vector<size_t>> out(areas);
  for (size_t i = 0; i < areas; ++i) {
    long long rings = next();
    for (long long r = 0; r < rings; ++r) {
      long long n = next();
      for (long long k = 0; k < 2 * n; ++k) next();
      out[i].push_back(size_t(n));
    }
  }
  EXPECT_EQ(pos, s.size()) << "geometry text longer than its areas";
  return out;
}

TEST(HtmlMap, SelfContainedWithEveryAreaAndThePngLegend) {
  const AreaLayer& layer = test::demo_layer();
  auto dir = test::scratch_dir();
  auto html = dir / "map.html", png = dir / "map.png";
  std::string j_html, j_png, err;
  ASSERT_EQ(test::run_nbhd(demo_args("--json -o '" + html.string() + "'"), &j_html, &err), 0) << err;
  ASSERT_EQ(
      test::run_nbhd(demo_args("--width 800 --height 600 --json -o '" + png.string() + "'"), &j_png, &err), 0)
      << err;
  std::string page = test::read_file(html);
  ASSERT_FALSE(page.empty());

  // Nothing from the network: no URL, no external script, style or font.
  for (const char* bad : {"http://", "https://", "<script src", "<link", "@import", "url("}) {
    std::string lower = page;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    EXPECT_EQ(lower.find(bad), std::string::npos) << bad;
  }

  auto data = nlohmann::json::parse(element_text(page, "nbhd-data", "</script>"));
  // One feature per area, with its code, name and value, in the layer's order.
  ASSERT_EQ(data["code"].size(), layer.size());
  const auto& decile = layer.attrs.numeric("IMD_decile").num;
  for (size_t i = 0; i < layer.size(); ++i) {
    EXPECT_EQ(data["code"][i], layer.codes[i]);
    EXPECT_EQ(data["name"][i], layer.names[i]);
    if (std::isnan(decile[i]))
      EXPECT_TRUE(data["values"][0][i].is_null());
    else
      EXPECT_EQ(data["values"][0][i].get<double>(), decile[i]);
  }
  // Both levels of detail hold every ring of every area (as a triangle at least).
  for (const char* level : {"nbhd-coarse", "nbhd-fine"}) {
    auto rings = decode_rings(element_text(page, level, "</script>"), layer.size());
    for (size_t i = 0; i < layer.size(); ++i) {
      size_t want = 0;
      for (const auto& p : layer.geoms[i]) want += p.rings.size();
      ASSERT_EQ(rings[i].size(), want) << level << " area " << layer.codes[i];
      for (size_t n : rings[i]) EXPECT_GE(n, 3u) << level << " area " << layer.codes[i];
    }
  }

  // The legend is the PNG's: same labels, colours and counts, then no data.
  auto jp = nlohmann::json::parse(j_png);
  ASSERT_EQ(data["legend"].size(), jp["classes"].size());
  for (size_t k = 0; k < data["legend"].size(); ++k) {
    EXPECT_EQ(data["legend"][k]["label"], jp["classes"][k]["label"]);
    EXPECT_EQ(data["legend"][k]["colour"], jp["classes"][k]["colour"]);
    EXPECT_EQ(data["legend"][k]["count"], jp["classes"][k]["count"]);
  }
  EXPECT_EQ(data["no_data"].is_null(), !jp.contains("no_data"));
  if (jp.contains("no_data")) {
    EXPECT_EQ(data["no_data"]["count"], jp["no_data"]["count"]);
  }
  // Each area's fill is its class colour in the legend.
  for (size_t i = 0; i < layer.size(); ++i) {
    if (std::isnan(decile[i])) continue;
    std::string colour = data["colours"][data["fill"][i].get<size_t>()];
    bool found = false;
    for (const auto& e : data["legend"])
      if (e["label"] == std::to_string(int(decile[i]))) found = e["colour"] == colour;
    EXPECT_TRUE(found) << layer.codes[i];
  }
  auto jh = nlohmann::json::parse(j_html);
  EXPECT_EQ(jh["format"], "html");
  EXPECT_EQ(jh["html"]["bytes"].get<size_t>(), page.size());
}

TEST(HtmlMap, WrittenAtomically) {
  auto dir = test::scratch_dir();
  auto out = dir / "map.html";
  std::ofstream(out) << "earlier map";
  std::string err;
  // An existing file is refused without --force and left as it was.
  EXPECT_EQ(test::run_nbhd(demo_args("-o '" + out.string() + "'"), nullptr, &err), 2);
  EXPECT_NE(err.find("exists"), std::string::npos) << err;
  EXPECT_EQ(test::read_file(out), "earlier map");
  // A bad column fails before anything is written.
  EXPECT_EQ(test::run_nbhd(demo_args("--column nope --force -o '" + out.string() + "'"), nullptr, &err), 2);
  EXPECT_EQ(test::read_file(out), "earlier map");
  // With --force it is replaced whole, and no temporary is left beside it.
  ASSERT_EQ(test::run_nbhd(demo_args("--force -o '" + out.string() + "'"), nullptr, &err), 0) << err;
  EXPECT_EQ(test::read_file(out).rfind("<!DOCTYPE html>", 0), 0u);
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_EQ(e.path().filename(), "map.html");
  }
  EXPECT_EQ(files, 1u);
}

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return name;
  }
  return "";
}

std::string unescape(std::string s) {
  for (auto [from, to] :
       {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += std::strlen(to))
      s.replace(at, std::strlen(from), to);
  return s;
}

// Loads the page in headless chromium with #selftest=CODE and returns the self-test's "key=value" lines.
std::map<std::string, std::string> browser_selftest(const std::string& browser,
                                                    const std::filesystem::path& html,
                                                    const std::string& code) {
  auto dir = html.parent_path();
  auto dom = dir / "dom.html";
  // Its own profile folder, so tests running in parallel never share one; --no-sandbox to run as root.
  std::string cmd =
      "timeout 90 " + browser + " --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='" +
      (dir / "chromium-profile").string() + "' --window-size=1200,900 --dump-dom 'file://" + html.string() +
      "#selftest=" + code + "' >'" + dom.string() + "' 2>'" + (dir / "chromium.log").string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << test::read_file(dir / "chromium.log");
  std::string text = unescape(element_text(test::read_file(dom), "nbhd-selftest", "</pre>"));
  std::map<std::string, std::string> kv;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    size_t eq = line.find('=');
    if (eq != std::string::npos) {
      std::string key = line.substr(0, eq);
      kv[key] += (kv.count(key) && !kv[key].empty() ? "\n" : "") + line.substr(eq + 1);
    }
    start = end + 1;
  }
  return kv;
}

TEST(HtmlMapBrowser, LoadsWithoutErrorsShowsLegendAndHoverShowsTheAreasValues) {
  std::string browser = find_chromium();
  if (browser.empty())
    GTEST_SKIP() << "chromium not installed (apt-get install chromium; scripts/setup.sh installs it): "
                    "skipping the browser test of the HTML map";
  const AreaLayer& layer = test::demo_layer();
  auto dir = test::scratch_dir();
  auto html = dir / "map.html";
  std::string err;
  ASSERT_EQ(test::run_nbhd(demo_args("-o '" + html.string() + "'"), nullptr, &err), 0) << err;
  const auto& decile = layer.attrs.numeric("IMD_decile").num;
  // An area in the most deprived decile (one chromium run: a few seconds).
  size_t i = 0;
  while (i < layer.size() && decile[i] != 1) ++i;
  ASSERT_LT(i, layer.size());
  {
    auto kv = browser_selftest(browser, html, layer.codes[i]);
    EXPECT_EQ(kv["errors"], "0") << kv["error"];
    EXPECT_EQ(kv["areas"], std::to_string(layer.size()));
    EXPECT_EQ(kv["tooltip_visible"], "true");
    std::string d = std::to_string(int(decile[i]));
    EXPECT_EQ(kv["tooltip"],
              layer.codes[i] + " | " + layer.names[i] + " | IMD_decile: " + d + " | class: " + d);
    // The legend: its title, then one line per class with its count (as the PNG legend counts them).
    std::string want = "IMD_decile";
    for (int k = 1; k <= 10; ++k) {
      long long n = std::count(decile.begin(), decile.end(), double(k));
      if (n > 0) want += " | " + std::to_string(k) + " " + std::to_string(n);
    }
    long long blank = std::count_if(decile.begin(), decile.end(), [](double v) { return std::isnan(v); });
    if (blank > 0) want += " | No data " + std::to_string(blank);
    EXPECT_EQ(kv["legend"], want);
    EXPECT_FALSE(kv["load_ms"].empty());
    // Pan and zoom through the page's handlers: + doubles the scale, the wheel zooms out, a drag of
    // (50, 30) px moves the map as much; the scale bar, title and attribution are shown.
    EXPECT_EQ(kv["zoom_in"], "2.00");
    EXPECT_EQ(kv["wheel_out"], "true");
    EXPECT_EQ(kv["drag"], "50,30");
    EXPECT_TRUE(std::regex_match(kv["scalebar"], std::regex("[125]0* (m|km)"))) << kv["scalebar"];
    EXPECT_EQ(kv["title"], "IMD_decile by LSOA");
    EXPECT_EQ(kv["attribution"], "Contains OS data © Crown copyright and database right");
  }
}

}  // namespace
}  // namespace nbhd
