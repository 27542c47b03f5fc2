#include "support/viewer_run.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "support/test_data.hpp"

namespace fs = std::filesystem;

namespace nbhd::test {

bool have_xvfb() {
  return std::system("command -v xvfb-run >/dev/null 2>&1") == 0;
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string bbox_arg(const nlohmann::json& e) {
  std::string s;
  for (size_t i = 0; i < 4; ++i) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", e[i].get<double>());
    s += (i ? "," : "") + std::string(buf);
  }
  return s;
}

std::string demo_view_args() {
  auto d = demo_dir();
  return quoted(d / "lsoa.gpkg") + " --indicators " + quoted(d / "indicators.csv") + " --column IMD_score";
}

fs::path write_view_script(const fs::path& dir, const std::string& script, int width, int height) {
  fs::path sf = dir / "script.txt";
  std::ofstream(sf) << "size " << width << " " << height << "\n" << script << "quit\n";
  return sf;
}

std::string xvfb_run_prefix(int width, int height) {
  return "xvfb-run -a -s '-screen 0 " + std::to_string(width) + "x" + std::to_string(height) + "x24' ";
}

int run_logged(const std::string& cmd, const fs::path& log_file, std::string* log) {
  std::string full = cmd + " >" + quoted(log_file) + " 2>&1";
  int rc = std::system(full.c_str());
  std::ifstream f(log_file);
  log->assign(std::istreambuf_iterator<char>(f), {});
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int run_view_script(const fs::path& dir, const std::string& args, const std::string& script, std::string* log,
                    int width, int height) {
  fs::path sf = write_view_script(dir, script, width, height);
  std::string cmd =
      xvfb_run_prefix(width, height) + quoted(nbhd_binary()) + " view " + args + " --script " + quoted(sf);
  return run_logged(cmd, dir / "log.txt", log);
}

nlohmann::json read_json(const fs::path& p) {
  std::ifstream f(p);
  return nlohmann::json::parse(f);
}

bool on_map(double x, double y) {
  return x > 345 && x < 935 && y > 15 && y < 760;
}

InteriorPoint interior_point(GeosContext& g, const MultiPolygon& mp) {
  GeomPtr geom = to_geos(g, mp);
  GeomPtr pos = own(g, GEOSPointOnSurface_r(g, geom.get()));
  GeomPtr boundary = own(g, GEOSBoundary_r(g, geom.get()));
  InteriorPoint r{};
  GEOSDistance_r(g, pos.get(), boundary.get(), &r.clearance);
  GEOSGeomGetX_r(g, pos.get(), &r.x);
  GEOSGeomGetY_r(g, pos.get(), &r.y);
  return r;
}

}  // namespace nbhd::test
