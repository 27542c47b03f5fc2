// The interface's look (app/viewer/ui_look.hpp): a proportional UI font from the system, scaled by the
// monitor's content scale, and every text colour of the theme readable on the background it is drawn on.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/viewer/ui_look.hpp"
#include "support/test_data.hpp"
#include "support/viewer_run.hpp"

namespace nbhd::view {
namespace {

// An ImGui context for the duration of a test, without a window (the font atlas is built in memory).
struct Context {
  Context() { ImGui::CreateContext(); }
  ~Context() { ImGui::DestroyContext(); }
};

TEST(UiLook, ContrastRatioMatchesWcagExamples) {
  // WCAG 2's own anchors: black on white 21:1, a colour on itself 1:1, #777777 on white 4.48:1.
  EXPECT_NEAR(contrast_ratio({0, 0, 0, 1}, {1, 1, 1, 1}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({0.3f, 0.5f, 0.7f, 1}, {0.3f, 0.5f, 0.7f, 1}), 1.0, 1e-9);
  float g = 0x77 / 255.0f;
  EXPECT_NEAR(contrast_ratio({g, g, g, 1}, {1, 1, 1, 1}), 4.48, 0.01);
}

TEST(UiLook, EveryTextColourReadsOnWhatItIsDrawnOn) {
  Context ctx;
  apply_ui_look(1);
  const ImGuiStyle& st = ImGui::GetStyle();
  struct Pair {
    ImGuiCol fg, bg;
    const char* what;
  };
  const Pair pairs[] = {
      {ImGuiCol_Text, ImGuiCol_WindowBg, "text on a panel"},
      {ImGuiCol_TextDisabled, ImGuiCol_WindowBg, "hints and units on a panel"},
      {ImGuiCol_Text, ImGuiCol_FrameBg, "text in an input box"},
      {ImGuiCol_TextDisabled, ImGuiCol_FrameBg, "a hint in an empty input box"},
      {ImGuiCol_Text, ImGuiCol_Button, "a button's label"},
      {ImGuiCol_Text, ImGuiCol_Header, "a selected row"},
      {ImGuiCol_Text, ImGuiCol_TitleBgActive, "a panel's title"},
      {ImGuiCol_Text, ImGuiCol_PopupBg, "a tooltip"},
      {ImGuiCol_Text, ImGuiCol_TableHeaderBg, "a table header"},
  };
  // The side panels are painted opaque (backdrop.hpp); a translucent widget colour is seen composited
  // over them.
  ImVec4 panel = st.Colors[ImGuiCol_WindowBg];
  panel.w = 1;
  auto over_panel = [&](ImVec4 c) {
    return ImVec4(c.x * c.w + panel.x * (1 - c.w), c.y * c.w + panel.y * (1 - c.w),
                  c.z * c.w + panel.z * (1 - c.w), 1);
  };
  for (const Pair& p : pairs)
    EXPECT_GE(contrast_ratio(st.Colors[p.fg], over_panel(st.Colors[p.bg])), 4.5) << p.what;
}

TEST(UiLook, TheFontIsDejaVuSansScaledByTheContentScale) {
  for (float scale : {1.0f, 2.0f}) {
    Context ctx;
    UiLook look = apply_ui_look(scale);
    ASSERT_FALSE(look.font_file.empty()) << "DejaVu Sans not found: install fonts-dejavu-core";
    EXPECT_EQ(std::filesystem::path(look.font_file).filename(), "DejaVuSans.ttf");
    EXPECT_EQ(look.font_px, kUiFontPx * scale);
    EXPECT_EQ(look.scale, scale);
  }
}

TEST(ViewerLook, TheWindowMeasuresAProportionalFont) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  ASSERT_EQ(test::run_view_script(
                dir, test::demo_view_args(),
                std::string(test::kWaitLoadedAndFit) + "dump " + (dir / "view.json").string() + "\n", &log),
            0)
      << log;
  auto font = test::read_json(dir / "view.json")["ui_font"];
  EXPECT_EQ(std::filesystem::path(font["file"].get<std::string>()).filename(), "DejaVuSans.ttf");
  EXPECT_EQ(font["px"].get<double>(), kUiFontPx);
  // DejaVu Sans: 'i' is 0.278 em, 'M' 0.863 em (a monospaced font gives both the same width); ImGui sizes
  // a font by ascent + descent, 1.164 em for DejaVu.
  double em = kUiFontPx / 1.164, i10 = font["width_i10"], m10 = font["width_M10"];
  EXPECT_NEAR(i10, 10 * 0.278 * em, 0.05 * i10);
  EXPECT_NEAR(m10, 10 * 0.863 * em, 0.05 * m10);
}

TEST(ViewerLook, SidePanelsWidenByDraggingTheirInnerEdgeAndTheMapKeepsTheRest) {
  NBHD_REQUIRE_XVFB();
  auto dir = test::scratch_dir();
  std::string log;
  // The window is 1280 x 800: the right panel's inner edge is at x = 950, the left one's at 330.
  std::string script = std::string(test::kWaitLoadedAndFit) + "dump " + (dir / "before.json").string() +
                       "\ndrag 950 400 830 400\nframes 2\ndrag 330 400 400 400\nframes 2\ndump " +
                       (dir / "after.json").string() + "\n";
  ASSERT_EQ(test::run_view_script(dir, test::demo_view_args(), script, &log), 0) << log;
  auto before = test::read_json(dir / "before.json"), after = test::read_json(dir / "after.json");
  EXPECT_EQ(before["panels"]["left_w"].get<double>(), 330);
  EXPECT_EQ(before["panels"]["right_w"].get<double>(), 330);
  EXPECT_NEAR(after["panels"]["right_w"].get<double>(), 450, 3);
  EXPECT_NEAR(after["panels"]["left_w"].get<double>(), 400, 3);
  // The map is drawn only in what the panels leave: [left_w, 1280 - right_w].
  auto area = after["map_area"];
  EXPECT_NEAR(area[0].get<double>(), after["panels"]["left_w"].get<double>(), 1);
  EXPECT_NEAR(area[2].get<double>(), 1280 - after["panels"]["right_w"].get<double>(), 1);
  // Nothing else moved: no selection, the same indicator.
  EXPECT_TRUE(after["selection"].empty());
  EXPECT_EQ(after["column"], before["column"]);
}

}  // namespace
}  // namespace nbhd::view
