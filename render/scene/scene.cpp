#include "render/scene/scene.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <unordered_set>

#include "base/error.hpp"
#include "base/thread_pool.hpp"
#include "render/scene/fill_levels.hpp"
#include "render/scene/gl.hpp"

namespace nbhd {

NdcTransform tile_ndc(const PixelTransform& t, double x, double y, double w, double h, bool top_row_first) {
  // px = s*X + ox  ->  ndc_x = 2*(px - x)/w - 1
  NdcTransform n;
  n.ax = 2 * t.scale / w;
  n.bx = 2 * (t.ox - x) / w - 1;
  // py = -s*Y + oy; with top_row_first, GL row 0 (ndc -1) is image row y.
  double ay = -2 * t.scale / h, by = 2 * (t.oy - y) / h - 1;
  if (!top_row_first) ay = -ay, by = -by;
  n.ay = ay;
  n.by = by;
  return n;
}

namespace {

const char* kFillVs = R"(#version 330 core
layout(location = 0) in vec2 pos;
layout(location = 1) in uint area;
uniform vec4 xf;
uniform float cell;
uniform samplerBuffer colours;
flat out vec4 col;
void main() {
  // Level of detail: vertices snap to a grid of `cell` metres (about a pixel), exactly as the CPU did when it
  // dropped the triangles that collapse; a vertex shared by two areas snaps to the same point in both.
  vec2 p = cell > 0.0 ? floor(pos / cell + 0.5) * cell : pos;
  gl_Position = vec4(p.x * xf.x + xf.y, p.y * xf.z + xf.w, 0.0, 1.0);
  col = texelFetch(colours, int(area));
}
)";
const char* kFillFs = R"(#version 330 core
flat in vec4 col;
out vec4 frag;
void main() { frag = col; }
)";

// The basemap: one textured rectangle, corners (u, v) in [0, 1] from its south-west corner (`xf` maps
// origin-relative metres, the origin being that corner); the image's top row is its north edge.
const char* kImageVs = R"(#version 330 core
layout(location = 0) in vec2 uv;
uniform vec4 xf;
uniform vec2 size;
out vec2 tc;
void main() {
  vec2 p = uv * size;
  gl_Position = vec4(p.x * xf.x + xf.y, p.y * xf.z + xf.w, 0.0, 1.0);
  tc = vec2(uv.x, 1.0 - uv.y);
}
)";
const char* kImageFs = R"(#version 330 core
in vec2 tc;
uniform sampler2D image;
out vec4 frag;
void main() { frag = texture(image, tc); }
)";

// One instance per segment; the 4 corners of a quad are (t, side) with t in {0,1}, side in {-1,1}.
// Segments are extended by half the width at both ends (square caps) so joins show no notches.
const char* kLineVs = R"(#version 330 core
layout(location = 0) in vec2 corner;
layout(location = 1) in vec4 seg;
uniform vec4 xf;
uniform vec2 half_vp;
uniform float half_width;
void main() {
  vec2 a = vec2(seg.x * xf.x + xf.y, seg.y * xf.z + xf.w);
  vec2 b = vec2(seg.z * xf.x + xf.y, seg.w * xf.z + xf.w);
  vec2 d = (b - a) * half_vp;
  float len = length(d);
  vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  vec2 p = mix(a, b, corner.x);
  vec2 off = (n * corner.y + dir * (corner.x * 2.0 - 1.0)) * half_width;
  gl_Position = vec4(p + off / half_vp, 0.0, 1.0);
}
)";
const char* kLineFs = R"(#version 330 core
uniform vec4 colour;
out vec4 frag;
void main() { frag = colour; }
)";

const char* kPointVs = R"(#version 330 core
layout(location = 0) in vec2 corner;
layout(location = 1) in vec2 pos;
layout(location = 2) in vec4 fill;
layout(location = 3) in float shape;
uniform vec4 xf;
uniform vec2 half_vp;
uniform float radius;
out vec2 local;
flat out vec4 col;
flat out int shp;
void main() {
  vec2 c = vec2(pos.x * xf.x + xf.y, pos.y * xf.z + xf.w);
  shp = int(shape + 0.5);
  // The quad is the box of this shape's pixels, no more: every fragment outside the shape is discarded,
  // and on llvmpipe the symbols' fragments were most of a frame's cost (the quad of the largest shape,
  // 1.45 radii, made a circle's quad 85% larger than its box). The fragment shader keeps a pixel where
  // d < radius + 0.5 (R); per shape that bounds |x| and y (north up) by these multiples of R, with a
  // quarter pixel to spare so no kept pixel centre falls outside.
  float R = radius + 0.5;
  vec3 e = shp == 1 ? vec3(0.886, -0.886, 0.886)   // square: max(|x|, |y|) < 0.886 R
         : shp == 2 ? vec3(1.2125, -0.7, 1.4)      // triangle: y > -0.7 R, y < 1.4 R, |x| < 1.05 R / 0.866
         : shp == 3 ? vec3(1.25, -1.25, 1.25)      // diamond: |x| + |y| < 1.25 R
                    : vec3(1.0, -1.0, 1.0);        // circle: length < R
  e = e * R + vec3(0.25, -0.25, 0.25);
  local = vec2((corner.x * 2.0 - 1.0) * e.x, mix(e.y, e.z, corner.y * 0.5 + 0.5));
  vec2 q = vec2(local.x, local.y * sign(xf.z));  // y towards north: the triangle points up on every target
  col = fill;
  gl_Position = vec4(c + q / half_vp, 0.0, 1.0);
}
)";
// A symbol of `radius` px (render/style/symbol_shape.hpp: circle, square, triangle, diamond, each scaled
// as there) with a ring of `stroke_px` in the stroke colour; the outer pixel is blended. `d` is a
// distance-like measure that equals `radius` on the shape's outline.
const char* kPointFs = R"(#version 330 core
in vec2 local;
flat in vec4 col;
flat in int shp;
uniform float radius;
uniform float stroke_px;
uniform vec4 stroke;
out vec4 frag;
void main() {
  vec2 a = abs(local);
  float d;
  if (shp == 1) d = max(a.x, a.y) / 0.886;
  else if (shp == 2) d = max(-local.y, dot(vec2(a.x, local.y), vec2(0.8660254, 0.5))) / 0.7;
  else if (shp == 3) d = (a.x + a.y) / 1.25;
  else d = length(local);
  float edge = clamp(radius + 0.5 - d, 0.0, 1.0);
  if (edge <= 0.0) discard;
  vec4 c = d > radius - stroke_px ? stroke : col;
  frag = vec4(c.rgb, c.a * edge);
}
)";

struct Lines {
  gl::VertexArray vao;
  gl::Buffer segs;
  GLsizei count = 0;
  LineStyle style;
  Point origin;
};

// One level of detail of the fills: the triangles that survive snapping to `cell`, sorted by tile so a
// zoomed-in view draws only the tiles it sees.
struct FillLod {
  float cell = 0;  // 0: the full mesh
  gl::Buffer idx;
  std::vector<GLsizei> tile_first, tile_count;  // in indices
  std::vector<BBox> tile_box;                   // of the tile's (snapped) vertices, origin-relative
};

constexpr float kFinestMotionOnlyCell = 3200;

FillLod upload_lod(FillLevelData&& d) {
  FillLod l;
  l.cell = d.cell;
  l.tile_first = std::move(d.tile_first);
  l.tile_count = std::move(d.tile_count);
  l.tile_box = std::move(d.tile_box);
  l.idx = gl::make_buffer();
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, l.idx.get());
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(std::max<size_t>(1, d.idx.size()) * sizeof(uint32_t)),
               d.idx.empty() ? nullptr : d.idx.data(), GL_STATIC_DRAW);
  return l;
}

// One counter for all scenes: a generation number is never reused, even by a new Scene.
uint64_t next_generation() {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

// A static vertex buffer holding `bytes` from `data`; it stays bound to GL_ARRAY_BUFFER.
gl::Buffer upload_array(const void* data, size_t bytes) {
  gl::Buffer b = gl::make_buffer();
  glBindBuffer(GL_ARRAY_BUFFER, b.get());
  glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(bytes), data, GL_STATIC_DRAW);
  return b;
}

// Attribute `index` of the bound vertex array reads `size` components a vertex (divisor 0) or an instance
// (divisor 1) from `buf`, as floats (`type` GL_FLOAT, or normalised bytes).
void attribute(GLuint index, const gl::Buffer& buf, GLint size, GLuint divisor = 0, GLenum type = GL_FLOAT) {
  glBindBuffer(GL_ARRAY_BUFFER, buf.get());
  glEnableVertexAttribArray(index);
  glVertexAttribPointer(index, size, type, type == GL_FLOAT ? GL_FALSE : GL_TRUE, 0, nullptr);
  if (divisor) glVertexAttribDivisor(index, divisor);
}

void set_xf(GLint loc, const NdcTransform& t, Point o) {
  glUniform4f(loc, float(t.ax), float(t.ax * o.x + t.bx), float(t.ay), float(t.ay * o.y + t.by));
}

}  // namespace

struct Scene::Impl {
  gl::Program fill_prog, line_prog, point_prog;
  GLint fill_xf = -1, fill_colours = -1, fill_cell = -1;
  GLint line_xf = -1, line_half_vp = -1, line_half_width = -1, line_colour = -1;
  GLint point_xf = -1, point_half_vp = -1, point_radius = -1, point_stroke_px = -1, point_stroke = -1;
  gl::Buffer quad;  // 4 corners shared by lines and points

  // The basemap (set_basemap): drawn first, under the fills
  gl::Program image_prog;
  GLint image_xf = -1, image_size = -1, image_sampler = -1;
  gl::VertexArray image_vao;
  gl::Buffer image_corners;
  gl::Texture image_tex;
  BBox image_world;
  bool image_shown = false;

  // Areas
  gl::VertexArray fill_vao;
  gl::Buffer fill_xy, fill_area, colour_buf;
  std::vector<FillLod> lods;  // finest first
  // Levels being built in the background (set_areas_progressive): the builder queues the levels' indices two
  // at a time, coarser each time; upload_ready_levels() uploads them on the GL thread.
  struct LevelQueue {
    std::mutex mu;
    std::condition_variable room;
    std::deque<FillLevelData> ready;
    bool stop = false;
  };
  std::shared_ptr<LevelQueue> level_queue;
  std::unique_ptr<TaskGroup> level_task;  // declared after the queue: destroyed (waited for) first
  size_t levels_missing = 0;
  std::string levels_error;
  gl::Texture colour_tex;
  GLsizei fill_count = 0;
  size_t areas = 0;
  bool fills_opaque = true;  // every area colour has alpha 255: fills need no blending
  Point origin;
  std::vector<uint32_t> segment_start;
  Lines borders;
  std::vector<Lines> outlines;
  Lines selection;
  Lines overlay;
  uint64_t generation = next_generation();
  mutable std::vector<GLsizei> draw_counts;  // scratch for draw(), kept to avoid per-frame allocation
  mutable std::vector<const void*> draw_offsets;

  // Points: every point (exact renders), and thinned sets for the map cache's quick frames in motion.
  struct PointSet {
    double cell = 0;  // metres: at most one point per square cell of this side (0: every point)
    gl::VertexArray vao;
    gl::Buffer pos, col, shape;
    GLsizei count = 0;
  };
  std::vector<PointSet> point_sets;  // point_sets[0] holds every point; then coarser cells
  GLsizei point_count = 0;
  PointStyle point_style;
  Point point_origin;

  // The point set a draw uses: every point for an exact render (detail 1); in a coarsened quick frame the
  // coarsest set whose cells are at most two pixels, where a symbol drawn later (on top) hides nearly all
  // of one drawn before it in the same cell. A zoomed-out view of thousands of clustered assets otherwise
  // shades each pixel hundreds of times, most of a quick frame on llvmpipe.
  const PointSet& pick_points(const NdcTransform& t, int vw, double detail) const {
    const PointSet* set = &point_sets.front();
    if (detail <= 1) return *set;
    double two_px = 2 * 2.0 / (std::abs(t.ax) * std::max(vw, 1));
    for (const auto& p : point_sets)
      if (p.cell <= two_px) set = &p;
    return *set;
  }

  // The coarsest level whose cell is at most a pixel (`detail` pixels when coarsened). Exact renders stop
  // at 1.6 km cells, as they always have; coarser cells serve only `detail` > 1.
  const FillLod* pick_lod(const NdcTransform& t, int vw, double detail) const {
    double mpp = 2.0 / (std::abs(t.ax) * std::max(vw, 1)) * std::max(detail, 1.0);
    const FillLod* lod = &lods.front();
    for (const auto& l : lods)
      if (l.cell <= mpp && (detail > 1 || l.cell < kFinestMotionOnlyCell)) lod = &l;
    return lod;
  }
  // Visible window in origin-relative world units: ndc = a * (p + o) + b. A clip rectangle narrows it,
  // with a pixel to spare so that rounding never drops a triangle touching its edge pixels.
  BBox window(const NdcTransform& t, int vw, int vh, const BBox* clip) const {
    double n0x = -1, n1x = 1, n0y = -1, n1y = 1;
    if (clip) {
      n0x = 2 * (clip->minx - 1) / vw - 1, n1x = 2 * (clip->maxx + 1) / vw - 1;
      n0y = 2 * (clip->miny - 1) / vh - 1, n1y = 2 * (clip->maxy + 1) / vh - 1;
    }
    double x0 = (n0x - t.bx) / t.ax - origin.x, x1 = (n1x - t.bx) / t.ax - origin.x;
    double y0 = (n0y - t.by) / t.ay - origin.y, y1 = (n1y - t.by) / t.ay - origin.y;
    return BBox{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
  }
  static bool overlaps(const BBox& b, const BBox& v) {
    return !(b.maxx < v.minx || b.minx > v.maxx || b.maxy < v.miny || b.miny > v.maxy);
  }

  void make_line_vao(Lines& l) {
    l.vao = gl::make_vertex_array();
    glBindVertexArray(l.vao.get());
    attribute(0, quad, 2);
    attribute(1, l.segs, 4, 1);
    glBindVertexArray(0);
  }

  Lines upload_lines(const std::vector<float>& segs, Point o, LineStyle style) {
    Lines l;
    l.segs = upload_array(segs.data(), segs.size() * sizeof(float));
    l.count = GLsizei(segs.size() / 4);
    l.style = style;
    l.origin = o;
    make_line_vao(l);
    gl::check("uploading outlines");
    return l;
  }

  void draw_lines(const Lines& l, const NdcTransform& t, int vw, int vh) const {
    if (l.count == 0 || l.style.width_px <= 0 || l.style.colour.a == 0) return;
    float w = std::max(1.0f, l.style.width_px);
    float alpha = l.style.colour.a / 255.0f * std::min(1.0f, l.style.width_px);
    glUseProgram(line_prog.get());
    set_xf(line_xf, t, l.origin);
    glUniform2f(line_half_vp, vw / 2.0f, vh / 2.0f);
    glUniform1f(line_half_width, w / 2);
    glUniform4f(line_colour, l.style.colour.r / 255.0f, l.style.colour.g / 255.0f, l.style.colour.b / 255.0f,
                alpha);
    glBindVertexArray(l.vao.get());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, l.count);
  }
};

Scene::Scene() : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  m.fill_prog = gl::make_program(kFillVs, kFillFs, "area fill");
  m.fill_xf = glGetUniformLocation(m.fill_prog.get(), "xf");
  m.fill_colours = glGetUniformLocation(m.fill_prog.get(), "colours");
  m.fill_cell = glGetUniformLocation(m.fill_prog.get(), "cell");
  m.line_prog = gl::make_program(kLineVs, kLineFs, "outline");
  m.line_xf = glGetUniformLocation(m.line_prog.get(), "xf");
  m.line_half_vp = glGetUniformLocation(m.line_prog.get(), "half_vp");
  m.line_half_width = glGetUniformLocation(m.line_prog.get(), "half_width");
  m.line_colour = glGetUniformLocation(m.line_prog.get(), "colour");
  m.point_prog = gl::make_program(kPointVs, kPointFs, "point symbol");
  m.point_xf = glGetUniformLocation(m.point_prog.get(), "xf");
  m.point_half_vp = glGetUniformLocation(m.point_prog.get(), "half_vp");
  m.point_radius = glGetUniformLocation(m.point_prog.get(), "radius");
  m.point_stroke_px = glGetUniformLocation(m.point_prog.get(), "stroke_px");
  m.point_stroke = glGetUniformLocation(m.point_prog.get(), "stroke");
  // Line quads use (t, side); point quads use (x, y) in [-1, 1]. Both as triangle strips.
  static const float corners[] = {0, -1, 0, 1, 1, -1, 1, 1};
  m.quad = upload_array(corners, sizeof corners);
  m.image_prog = gl::make_program(kImageVs, kImageFs, "basemap");
  m.image_xf = glGetUniformLocation(m.image_prog.get(), "xf");
  m.image_size = glGetUniformLocation(m.image_prog.get(), "size");
  m.image_sampler = glGetUniformLocation(m.image_prog.get(), "image");
  gl::check("creating the scene");
}

Scene::~Scene() {
  stop_levels();
  // A deleted program stays in use until another replaces it, and GL code that saves and restores the
  // current program (ImGui's renderer) would restore a name that no longer exists: GL_INVALID_VALUE.
  glUseProgram(0);
  glBindVertexArray(0);
}

void Scene::stop_levels() {
  auto& m = *impl_;
  if (m.level_queue) {
    std::lock_guard lock(m.level_queue->mu);
    m.level_queue->stop = true;
  }
  if (m.level_queue) m.level_queue->room.notify_all();
  m.level_task.reset();  // waits for the builder, which returns at its next check
  m.level_queue.reset();
  m.levels_missing = 0;
}

size_t Scene::area_count() const {
  return impl_->areas;
}

uint64_t Scene::generation() const {
  return impl_->generation;
}

void Scene::upload_mesh(const AreaMesh& mesh) {
  stop_levels();
  auto& m = *impl_;
  m.generation = next_generation();
  m.areas = mesh.areas;
  m.origin = mesh.origin;
  m.segment_start = mesh.segment_start;
  m.fill_vao = gl::make_vertex_array();
  glBindVertexArray(m.fill_vao.get());
  m.fill_xy = upload_array(mesh.xy.data(), mesh.xy.size() * sizeof(float));
  attribute(0, m.fill_xy, 2);
  m.fill_area = upload_array(mesh.vertex_area.data(), mesh.vertex_area.size() * sizeof(uint32_t));
  glEnableVertexAttribArray(1);  // area numbers stay integers
  glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
  glBindVertexArray(0);
  m.lods.clear();
  m.levels_error.clear();
  m.fill_count = GLsizei(mesh.indices.size());
  m.colour_buf = gl::make_buffer();
  m.colour_tex = gl::make_texture();
  std::vector<Rgba> grey(std::max<size_t>(1, mesh.areas), Rgba{200, 200, 200, 255});
  set_area_colours(std::span<const Rgba>(grey.data(), mesh.areas));
  m.borders = m.upload_lines(mesh.segments, mesh.origin, LineStyle{{0, 0, 0, 0}, 0});
  m.selection = Lines{};
}

void Scene::set_areas(const AreaMesh& mesh) {
  upload_mesh(mesh);
  auto& m = *impl_;
  const BBox ext = mesh_extent(mesh);
  // The levels are independent: built on the pool (CPU), as many at once as it has threads (each level's
  // indices are as large as the mesh's), then uploaded here (GL, this thread).
  const std::vector<float>& cells = kFillLevelCells;
  const size_t batch = std::max<size_t>(1, pool_threads());
  for (size_t first = 0; first < cells.size(); first += batch) {
    std::vector<FillLevelData> data(std::min(batch, cells.size() - first));
    parallel_for(data.size(), 1, 0, [&](size_t b, size_t e) {
      for (size_t i = b; i < e; ++i) data[i] = fill_level(mesh, cells[first + i], ext);
    });
    for (auto& d : data) m.lods.push_back(upload_lod(std::move(d)));
  }
  gl::check("uploading the area layer");
}

void Scene::set_areas_progressive(std::shared_ptr<const AreaMesh> mesh, std::function<void()> ready) {
  upload_mesh(*mesh);
  auto& m = *impl_;
  const BBox ext = mesh_extent(*mesh);
  // The full-detail level now (the map must draw something); the coarser ones in the background.
  m.lods.push_back(upload_lod(fill_level(*mesh, kFillLevelCells[0], ext)));
  m.levels_missing = kFillLevelCells.size() - 1;
  m.level_queue = std::make_shared<Impl::LevelQueue>();
  m.level_task = std::make_unique<TaskGroup>();
  m.level_task->run([q = m.level_queue, mesh, ext, ready = std::move(ready)] {
    // Two levels at a time on the pool, as set_areas builds them; the next pair waits until the GL thread
    // has taken the last, so memory holds about two levels' indices at once, as before.
    for (size_t k = 1; k < kFillLevelCells.size(); k += 2) {
      {
        std::unique_lock lock(q->mu);
        q->room.wait(lock, [&] { return q->stop || q->ready.empty(); });
        if (q->stop) return;
      }
      std::vector<FillLevelData> pair(std::min<size_t>(2, kFillLevelCells.size() - k));
      parallel_for(pair.size(), 1, 0, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) pair[i] = fill_level(*mesh, kFillLevelCells[k + i], ext);
      });
      {
        std::lock_guard lock(q->mu);
        if (q->stop) return;
        for (auto& d : pair) q->ready.push_back(std::move(d));
      }
      if (ready) ready();
    }
  });
  gl::check("uploading the area layer");
}

bool Scene::upload_ready_levels() {
  auto& m = *impl_;
  if (!m.level_queue) return false;
  auto take = [&m] {
    std::deque<FillLevelData> got;
    {
      std::lock_guard lock(m.level_queue->mu);
      got.swap(m.level_queue->ready);
    }
    m.level_queue->room.notify_all();
    for (auto& d : got) m.lods.push_back(upload_lod(std::move(d)));
    m.levels_missing -= std::min(m.levels_missing, got.size());
    return got.size();
  };
  size_t uploaded = take();
  // A builder that has returned queues nothing more, but it may have queued its last levels after the
  // first take: take them too before deciding it ended early.
  const bool ended = m.levels_missing > 0 && m.level_task->done();
  if (ended) uploaded += take();
  if (m.levels_missing == 0 || ended) {
    if (m.levels_missing > 0) {
      // The builder ended early (out of memory): the map keeps drawing with the levels it has.
      try {
        m.level_task->wait();
      } catch (const std::exception& e) {
        m.levels_error = e.what();
      }
    }
    m.level_task.reset();
    m.level_queue.reset();
    m.levels_missing = 0;
    // Frames drawn while levels were missing used finer ones: draw them again with the coarsest that fits,
    // as set_areas would have (the map cache redraws on a new generation).
    m.generation = next_generation();
  }
  gl::check("uploading a level of detail");
  return uploaded > 0;
}

bool Scene::levels_pending() const {
  return impl_->levels_missing > 0;
}

const std::string& Scene::levels_error() const {
  return impl_->levels_error;
}

void Scene::set_area_colours(std::span<const Rgba> colours) {
  auto& m = *impl_;
  m.generation = next_generation();
  if (colours.size() != m.areas)
    throw Error("internal error: " + std::to_string(colours.size()) + " colours for " +
                std::to_string(m.areas) + " areas; please report this");
  static_assert(sizeof(Rgba) == 4);
  // Opaque fills are drawn without blending: the same pixels (src * 1 + dst * 0), and on llvmpipe about a
  // tenth less time per frame. Any translucent colour (e.g. a "none" no-data fill) turns blending back on.
  m.fills_opaque = std::all_of(colours.begin(), colours.end(), [](const Rgba& c) { return c.a == 255; });
  glBindBuffer(GL_TEXTURE_BUFFER, m.colour_buf.get());
  // Never a zero-sized buffer: a texture buffer needs storage even for an empty layer.
  Rgba dummy{};
  glBufferData(GL_TEXTURE_BUFFER, GLsizeiptr(std::max<size_t>(1, colours.size()) * 4),
               colours.empty() ? &dummy : colours.data(), GL_DYNAMIC_DRAW);
  glBindTexture(GL_TEXTURE_BUFFER, m.colour_tex.get());
  glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA8, m.colour_buf.get());
  gl::check("uploading area colours");
}

void Scene::set_area_borders(LineStyle style) {
  impl_->generation = next_generation();
  impl_->borders.style = style;
}

size_t Scene::add_outline_layer(const AreaMesh& mesh, LineStyle style) {
  auto& m = *impl_;
  m.generation = next_generation();
  m.outlines.push_back(m.upload_lines(mesh.segments, mesh.origin, style));
  return m.outlines.size() - 1;
}

void Scene::set_outline_style(size_t layer, LineStyle style) {
  impl_->generation = next_generation();
  if (layer < impl_->outlines.size()) impl_->outlines[layer].style = style;
}

void Scene::set_selection(std::span<const uint32_t> areas, LineStyle style) {
  auto& m = *impl_;
  m.generation = next_generation();
  m.selection = Lines{};
  if (areas.empty() || !m.borders.segs) return;
  GLsizeiptr total = 0;
  for (uint32_t a : areas)
    if (a < m.areas) total += m.segment_start[a + 1] - m.segment_start[a];
  m.selection.segs = gl::make_buffer();
  glBindBuffer(GL_COPY_WRITE_BUFFER, m.selection.segs.get());
  glBufferData(GL_COPY_WRITE_BUFFER, std::max<GLsizeiptr>(1, total) * 16, nullptr, GL_STATIC_DRAW);
  // Copied on the GPU from the border buffer: no CPU copy of the geometry is kept.
  glBindBuffer(GL_COPY_READ_BUFFER, m.borders.segs.get());
  GLsizeiptr at = 0;
  for (uint32_t a : areas) {
    if (a >= m.areas) continue;
    GLsizeiptr n = m.segment_start[a + 1] - m.segment_start[a];
    if (n)
      glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, GLintptr(m.segment_start[a]) * 16,
                          at * 16, n * 16);
    at += n;
  }
  m.selection.count = GLsizei(total);
  m.selection.style = style;
  m.selection.origin = m.origin;
  m.make_line_vao(m.selection);
  gl::check("highlighting the selection");
}

void Scene::set_overlay(const std::vector<Ring>& rings, LineStyle style) {
  auto& m = *impl_;
  m.overlay = Lines{};
  m.generation = next_generation();
  BBox b;
  for (const auto& r : rings)
    for (Point p : r) b.expand(p);
  if (b.empty()) return;
  // Origin-relative floats, as every other line buffer, so metres survive at national coordinates.
  Point o{(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2};
  std::vector<float> segs;
  for (const auto& r : rings)
    for (size_t i = 0; i + 1 < r.size(); ++i)
      for (Point p : {r[i], r[i + 1]}) {
        segs.push_back(float(p.x - o.x));
        segs.push_back(float(p.y - o.y));
      }
  m.overlay = m.upload_lines(segs, o, style);
  m.generation = next_generation();  // the viewer's map cache re-renders on a new generation
}

void Scene::set_points(std::span<const Point> pts, std::span<const Rgba> colours, PointStyle style,
                       std::span<const SymbolShape> shapes) {
  auto& m = *impl_;
  if (colours.size() != pts.size() || (!shapes.empty() && shapes.size() != pts.size()))
    throw Error("internal error: point colours do not match the points; please report this");
  m.generation = next_generation();
  BBox b;
  for (auto p : pts) b.expand(p);
  m.point_origin = b.empty() ? Point{} : Point{(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2};
  std::vector<float> shape(pts.size(), 0.0f);
  for (size_t i = 0; i < shapes.size(); ++i) shape[i] = float(shapes[i]);
  auto upload = [&](double cell, const std::vector<uint32_t>* keep) {
    Impl::PointSet ps;
    ps.cell = cell;
    std::vector<float> xy, sh;
    std::vector<Rgba> col;
    size_t n = keep ? keep->size() : pts.size();
    xy.reserve(n * 2), sh.reserve(n), col.reserve(n);
    for (size_t k = 0; k < n; ++k) {
      size_t i = keep ? (*keep)[k] : k;
      xy.push_back(float(pts[i].x - m.point_origin.x));
      xy.push_back(float(pts[i].y - m.point_origin.y));
      sh.push_back(shape[i]);
      col.push_back(colours[i]);
    }
    ps.vao = gl::make_vertex_array();
    glBindVertexArray(ps.vao.get());
    attribute(0, m.quad, 2);
    ps.pos = upload_array(xy.data(), xy.size() * sizeof(float));
    attribute(1, ps.pos, 2, 1);
    ps.col = upload_array(col.data(), col.size() * 4);
    attribute(2, ps.col, 4, 1, GL_UNSIGNED_BYTE);
    ps.shape = upload_array(sh.data(), sh.size() * sizeof(float));
    attribute(3, ps.shape, 1, 1);
    glBindVertexArray(0);
    ps.count = GLsizei(n);
    m.point_sets.push_back(std::move(ps));
  };
  m.point_sets.clear();
  upload(0, nullptr);
  // Thinned sets: per cell the last point, the one drawn on top, kept in drawing order. A set is kept only
  // when it drops a good share of the one before (scattered points gain nothing from thinning). The cells
  // nest (each twice the last, from one corner), so a cell's last point is the last of the finer level's
  // survivors in it: each level reads only those, and a million points cost one pass, not seven.
  size_t last = pts.size();
  std::vector<uint32_t> cand(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) cand[i] = uint32_t(i);
  for (double cell : {50.0, 100.0, 200.0, 400.0, 800.0, 1600.0, 3200.0}) {
    std::unordered_set<uint64_t> seen;
    seen.reserve(cand.size());
    std::vector<uint32_t> keep;
    for (size_t k = cand.size(); k-- > 0;) {
      const Point p = pts[cand[k]];
      auto cx = uint64_t(uint32_t(int32_t(std::floor((p.x - b.minx) / cell))));
      auto cy = uint64_t(uint32_t(int32_t(std::floor((p.y - b.miny) / cell))));
      if (seen.insert(cx << 32 | cy).second) keep.push_back(cand[k]);
    }
    std::reverse(keep.begin(), keep.end());
    cand = std::move(keep);
    if (cand.size() * 4 > last * 3) continue;
    last = cand.size();
    upload(cell, &cand);
  }
  m.point_count = GLsizei(pts.size());
  m.point_style = style;
  gl::check("uploading points");
}

size_t Scene::fill_triangles(const NdcTransform& t, int vw, int vh, double detail, const BBox* clip) const {
  const auto& m = *impl_;
  if (m.fill_count == 0) return 0;
  const FillLod* lod = m.pick_lod(t, vw, detail);
  BBox view = m.window(t, vw, vh, clip);
  size_t n = 0;
  for (size_t i = 0; i < lod->tile_count.size(); ++i)
    if (lod->tile_count[i] && Impl::overlaps(lod->tile_box[i], view)) n += size_t(lod->tile_count[i]) / 3;
  return n;
}

void Scene::set_basemap(std::span<const uint8_t> rgba, int w, int h, const BBox& world) {
  auto& m = *impl_;
  m.generation = next_generation();
  if (w <= 0 || h <= 0 || rgba.size() != size_t(w) * size_t(h) * 4)
    throw Error("internal error: a basemap image of " + std::to_string(rgba.size()) + " bytes for " +
                std::to_string(w) + " x " + std::to_string(h) + " pixels; please report this");
  if (!m.image_vao) {
    static const float uv[] = {0, 0, 1, 0, 0, 1, 1, 1};
    m.image_vao = gl::make_vertex_array();
    glBindVertexArray(m.image_vao.get());
    m.image_corners = upload_array(uv, sizeof uv);
    attribute(0, m.image_corners, 2);
    glBindVertexArray(0);
  }
  m.image_tex = gl::make_texture();
  glBindTexture(GL_TEXTURE_2D, m.image_tex.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  // Mipmaps, so a whole-borough view minifies without shimmer; linear within a level when zoomed in.
  glGenerateMipmap(GL_TEXTURE_2D);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  m.image_world = world;
  m.image_shown = true;
  gl::check("uploading the basemap");
}

void Scene::show_basemap(bool on) {
  auto& m = *impl_;
  if (m.image_shown == (on && m.image_tex)) return;
  m.generation = next_generation();
  m.image_shown = on && m.image_tex;
}

size_t Scene::draw(const NdcTransform& t, int vw, int vh, const BBox* clip, double detail) const {
  const auto& m = *impl_;
  size_t triangles = 0;
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  if (m.image_shown) {
    glUseProgram(m.image_prog.get());
    set_xf(m.image_xf, t, Point{m.image_world.minx, m.image_world.miny});
    glUniform2f(m.image_size, float(m.image_world.maxx - m.image_world.minx),
                float(m.image_world.maxy - m.image_world.miny));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m.image_tex.get());
    glUniform1i(m.image_sampler, 0);
    glBindVertexArray(m.image_vao.get());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  if (m.fill_count > 0) {
    glUseProgram(m.fill_prog.get());
    set_xf(m.fill_xf, t, m.origin);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_BUFFER, m.colour_tex.get());
    glUniform1i(m.fill_colours, 0);
    glBindVertexArray(m.fill_vao.get());
    const FillLod* lod = m.pick_lod(t, vw, detail);
    glUniform1f(m.fill_cell, lod->cell);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, lod->idx.get());
    BBox view = m.window(t, vw, vh, clip);
    std::vector<GLsizei>& counts = m.draw_counts;
    std::vector<const void*>& offsets = m.draw_offsets;
    counts.clear();
    offsets.clear();
    for (size_t i = 0; i < lod->tile_count.size(); ++i) {
      if (lod->tile_count[i] == 0) continue;
      const BBox& b = lod->tile_box[i];
      if (!Impl::overlaps(b, view)) continue;
      auto first = size_t(lod->tile_first[i]);
      // Tiles are consecutive in the index buffer: merge runs into one draw.
      if (!counts.empty() && reinterpret_cast<size_t>(offsets.back()) / 4 + size_t(counts.back()) == first)
        counts.back() += lod->tile_count[i];
      else {
        counts.push_back(lod->tile_count[i]);
        offsets.push_back(reinterpret_cast<const void*>(first * sizeof(uint32_t)));
      }
      triangles += size_t(lod->tile_count[i]) / 3;
    }
    if (!counts.empty()) {
      if (m.fills_opaque) glDisable(GL_BLEND);
      glMultiDrawElements(GL_TRIANGLES, counts.data(), GL_UNSIGNED_INT, offsets.data(),
                          GLsizei(counts.size()));
      glEnable(GL_BLEND);
    }
  }
  m.draw_lines(m.borders, t, vw, vh);
  for (const auto& l : m.outlines) m.draw_lines(l, t, vw, vh);
  m.draw_lines(m.selection, t, vw, vh);
  m.draw_lines(m.overlay, t, vw, vh);
  if (m.point_count > 0) {
    glUseProgram(m.point_prog.get());
    set_xf(m.point_xf, t, m.point_origin);
    glUniform2f(m.point_half_vp, vw / 2.0f, vh / 2.0f);
    glUniform1f(m.point_radius, m.point_style.radius_px);
    glUniform1f(m.point_stroke_px, m.point_style.stroke_px);
    const Rgba& s = m.point_style.stroke;
    glUniform4f(m.point_stroke, s.r / 255.0f, s.g / 255.0f, s.b / 255.0f, s.a / 255.0f);
    const Impl::PointSet& ps = m.pick_points(t, vw, detail);
    glBindVertexArray(ps.vao.get());
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, ps.count);
  }
  glBindVertexArray(0);
  gl::check("drawing the map");
  return triangles;
}

}  // namespace nbhd
