// Phase timings of the national map render (LSOA21, 4000 x 4000) to choose the fastest correct path by
// measurement: MSAA vs none, tile readback, PNG encoder settings. Whole-process comparisons with QGIS and
// Mapnik are in bench_render.sh.
// usage: bench_render_phases [LSOA21.gpkg] [IMD.csv] [SIZE]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include "geo/tables/join.hpp"
#include "geo/tables/table_io.hpp"
#include "geo/vector/ingest.hpp"
#include "render/export/coverage_raster.hpp"
#include "render/export/png_writer.hpp"
#include "render/scene/egl_context.hpp"
#include "render/scene/offscreen.hpp"
#include "render/scene/scene.hpp"
#include "render/triangulate/area_mesh.hpp"

using namespace nbhd;
using Clock = std::chrono::steady_clock;
static double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
  std::string gpkg = argc > 1 ? argv[1] : "../shared/data/england/lsoa21.gpkg";
  std::string csv = argc > 2 ? argv[2] : "../shared/data/england/imd2025_lsoa21.csv";
  int size = argc > 3 ? std::atoi(argv[3]) : 4000;
  auto t = Clock::now();
  AreaLayer L = load_areas(gpkg);
  std::printf("load_areas      %.3f s (%zu areas)\n", since(t), L.size());
  t = Clock::now();
  Table tab = read_table(csv);
  std::printf("read_table      %.3f s\n", since(t));
  t = Clock::now();
  join_table(L, tab);
  std::printf("join_table      %.3f s\n", since(t));
  size_t verts = 0;
  for (const auto& g : L.geoms)
    for (const auto& p : g)
      for (const auto& r : p.rings) verts += r.size();
  std::printf("vertices        %zu\n", verts);
  t = Clock::now();
  AreaMesh mesh = build_area_mesh(L.geoms, centre_of(L.geoms));
  std::printf("tessellate      %.3f s (%zu triangles)\n", since(t), mesh.triangles());
  t = Clock::now();
  EglContext ctx;
  std::printf("egl context     %.3f s  %s\n", since(t), ctx.renderer().c_str());
  const Column& dec = L.attrs.numeric("IMD_decile");
  std::vector<Rgba> pal = {{103, 0, 31, 255},    {178, 24, 43, 255},   {214, 96, 77, 255},
                           {244, 165, 130, 255}, {253, 219, 199, 255}, {209, 229, 240, 255},
                           {146, 197, 222, 255}, {67, 147, 195, 255},  {33, 102, 172, 255},
                           {5, 48, 97, 255}};
  std::vector<Rgba> fills;
  for (double v : dec.num) fills.push_back(std::isnan(v) ? Rgba{210, 210, 210, 255} : pal[size_t(v) - 1]);
  t = Clock::now();
  Scene scene;
  scene.set_areas(mesh);
  scene.set_area_colours(fills);
  std::printf("scene upload    %.3f s\n", since(t));
  double s = std::min(size / L.extent.width(), size / L.extent.height());
  PixelTransform xf{s, size / 2.0 - s * (L.extent.minx + L.extent.maxx) / 2,
                    size / 2.0 + s * (L.extent.miny + L.extent.maxy) / 2};
  std::vector<uint8_t> img(size_t(size) * size * 4);
  for (int samples : {4, 0}) {
    OffscreenOptions o;
    o.samples = samples;
    OffscreenRenderer r(o);
    t = Clock::now();
    r.render(scene, xf, 0, 0, size, size, Rgba{255, 255, 255, 255}, img.data(), size_t(size) * 4);
    std::printf("raster msaa=%d   %.3f s\n", samples, since(t));
  }
  for (int rep = 0; rep < 2; ++rep) {
    std::fill(img.begin(), img.end(), 255);
    CpuMapLayers cl;
    cl.areas = &L.geoms;
    cl.fills = &fills;
    for (unsigned th : {1u, 2u}) {
      struct rusage r0, r1;
      getrusage(RUSAGE_SELF, &r0);
      t = Clock::now();
      draw_map_cpu(cl, xf, 0, 0, size, size, Rgba{255, 255, 255, 255}, img.data(), size_t(size) * 4, th);
      double wall = since(t);
      getrusage(RUSAGE_SELF, &r1);
      double cpu =
          (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) + (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
          (r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) + (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
      std::printf("raster cpu threads=%u  %.3f s wall, %.3f s cpu\n", th, wall, cpu);
    }
  }
  struct Tune {
    int level, strategy, filter;
  };
  for (Tune tn : {Tune{1, 0, 2}, Tune{1, 0, 1}, Tune{1, 3, 2}, Tune{1, 3, 1}, Tune{2, 0, 2}, Tune{6, 0, 2},
                  Tune{1, 0, 0}}) {
    for (unsigned threads : {1u, 2u}) {
      std::FILE* f = std::fopen("/tmp/nbhd_bench_phases.png", "wb");
      PngOptions po{tn.level, tn.strategy, tn.filter, threads};
      t = Clock::now();
      PngWriter w(f, size, size, po);
      w.write_rows(img.data(), size_t(size) * 4, size);
      w.finish();
      std::fclose(f);
      FILE* g = std::fopen("/tmp/nbhd_bench_phases.png", "rb");
      std::fseek(g, 0, SEEK_END);
      long bytes = std::ftell(g);
      std::fclose(g);
      std::printf("png level=%d strategy=%d filter=%d threads=%u  %.3f s  %.2f MB\n", tn.level, tn.strategy,
                  tn.filter, threads, since(t), bytes / 1e6);
    }
  }
  return 0;
}
