#pragma once
// Running `nbhd view` as a real window under Xvfb, driven by --script, and reading back what it reports:
// the harness the viewer window tests (tests/app/viewer_*test.cpp) share. Each test keeps its own data set,
// script preamble and expectations, and passes them in.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "geo/model/geometry.hpp"
#include "geo/spatial/geos_handle.hpp"
#include "render/style/color.hpp"

namespace nbhd::test {

// The window the viewer tests open: Xvfb's screen and the script's `size` line.
inline constexpr int kViewerWidth = 1280, kViewerHeight = 800;

// True when xvfb-run is on the PATH (apt-get install xvfb xauth).
bool have_xvfb();

// Skips the current test when xvfb-run is not installed.
#define NBHD_REQUIRE_XVFB()                                                                                \
  do {                                                                                                     \
    if (!::nbhd::test::have_xvfb())                                                                        \
      GTEST_SKIP() << "xvfb-run not installed (apt-get install xvfb xauth); skipping viewer window tests"; \
  } while (0)

// `p` in single quotes, for the sh command lines below (the test paths hold no single quote).
std::string quoted(const std::filesystem::path& p);

// `nbhd view` arguments for the demo borough with its indicators, mapped by IMD score (by default 5
// quantiles, YlOrRd).
std::string demo_view_args();

// Script lines that wait for the data to load, fit it to the window (F) and let two frames settle.
inline constexpr const char* kWaitLoadedAndFit = "wait-loaded\nkey F\nframes 2\n";

// Writes dir/script.txt: "size W H", then `script` (newline-terminated lines), then "quit". Returns its path.
std::filesystem::path write_view_script(const std::filesystem::path& dir, const std::string& script,
                                        int width = kViewerWidth, int height = kViewerHeight);

// "xvfb-run -a -s '-screen 0 WxHx24' ": the start of a command line run on a fresh virtual display.
std::string xvfb_run_prefix(int width = kViewerWidth, int height = kViewerHeight);

// Runs the sh command line `cmd` with stdout and stderr into `log_file`, reads that file into *log, and
// returns the exit status (-1 when the shell did not exit normally).
int run_logged(const std::string& cmd, const std::filesystem::path& log_file, std::string* log);

// Runs `nbhd view ARGS --script dir/script.txt` under Xvfb on a WxH screen, the script being
// write_view_script's (size line, `script`, quit). The output goes to dir/log.txt and into *log; returns
// the exit status.
int run_view_script(const std::filesystem::path& dir, const std::string& args, const std::string& script,
                    std::string* log, int width = kViewerWidth, int height = kViewerHeight);

// "minx,miny,maxx,maxy" of an extent (a dump's export "extent") with every digit a double holds, so
// nbhd render --bbox reads back the very same numbers.
std::string bbox_arg(const nlohmann::json& extent);

// Parses a JSON file (a `dump` of the viewer's state, for instance).
nlohmann::json read_json(const std::filesystem::path& p);

// The viewer's world (metres) -> window pixel transform, from a "world_to_px" object ({scale, ox, oy}) as
// `dump` reports it for the view and for an export. y grows downwards on screen.
struct WorldToPx {
  double s, ox, oy;
  explicit WorldToPx(const nlohmann::json& t) : s(t["scale"]), ox(t["ox"]), oy(t["oy"]) {}
  double px(double x) const { return s * x + ox; }
  double py(double y) const { return -s * y + oy; }
};

// True when window pixel (x, y) shows map in the 1280 x 800 window: between the side panels (330 px each)
// and above the status bar.
bool on_map(double x, double y);

// A point inside an area (GEOS point on surface) and its distance to the area's boundary, in metres.
struct InteriorPoint {
  double x, y, clearance;
};
InteriorPoint interior_point(GeosContext& g, const MultiPolygon& mp);

// ColorBrewer YlOrRd, 5 classes (colorbrewer2.org), written out independently of the app's tables.
inline constexpr Rgba kYlOrRd5[] = {{0xff, 0xff, 0xb2, 255},
                                    {0xfe, 0xcc, 0x5c, 255},
                                    {0xfd, 0x8d, 0x3c, 255},
                                    {0xf0, 0x3b, 0x20, 255},
                                    {0xbd, 0x00, 0x26, 255}};

}  // namespace nbhd::test
