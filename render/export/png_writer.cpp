#include "render/export/png_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "base/error.hpp"
#include "base/thread_pool.hpp"

namespace nbhd {

namespace {

void put_u32(std::vector<uint8_t>& v, uint32_t x) {
  v.push_back(uint8_t(x >> 24));
  v.push_back(uint8_t(x >> 16));
  v.push_back(uint8_t(x >> 8));
  v.push_back(uint8_t(x));
}

// One compressed chunk of rows: raw deflate ending on a byte boundary (not final unless `last`).
struct Chunk {
  std::vector<uint8_t> out;
  uLong adler = 1;
  size_t raw_len = 0;
};

}  // namespace

struct PngWriter::Impl {
  std::FILE* f = nullptr;
  int w = 0, h = 0;
  int rows_done = 0;
  PngOptions opt;
  std::vector<uint8_t> prev;  // previous RGB row (for the Up filter across strips)
  uLong adler = 1;
  bool finished = false;

  void write(const void* p, size_t n) {
    if (n && std::fwrite(p, 1, n, f) != n)
      throw Error("cannot write the PNG: " + std::string(std::strerror(errno)) + "; free some disk space");
  }
  void chunk(const char type[4], const uint8_t* data, size_t n) {
    std::vector<uint8_t> head;
    put_u32(head, uint32_t(n));
    head.insert(head.end(), type, type + 4);
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(type), 4);
    if (n) crc = crc32_z(crc, data, n);
    write(head.data(), head.size());
    write(data, n);
    std::vector<uint8_t> tail;
    put_u32(tail, uint32_t(crc));
    write(tail.data(), 4);
  }

  // Filters rows [r0, r1) of the strip and deflates them, 32 rows at a time through a small buffer that
  // stays in cache (one big filtered copy of the strip measured slower).
  // Returns early (the chunk incomplete) once `sp` is cancelled.
  void compress(const uint8_t* argb, size_t stride, int r0, int r1, const uint8_t* prev_row, bool last,
                Chunk& c, SharedProgress& sp) const {
    const size_t row_bytes = size_t(w) * 3;
    constexpr int kRows = 32;
    std::vector<uint8_t> raw((row_bytes + 1) * kRows);
    std::vector<uint8_t> cur(row_bytes), before(row_bytes);
    bool have_prev = prev_row != nullptr;
    if (have_prev) std::memcpy(before.data(), prev_row, row_bytes);
    z_stream zs{};
    if (deflateInit2(&zs, opt.level, Z_DEFLATED, -15, 8, opt.strategy) != Z_OK)
      throw Error("internal error: zlib deflateInit2 failed");
    // Ends the stream however compress() leaves (done, cancelled, or an exception).
    struct DeflateEnd {
      z_stream* z;
      ~DeflateEnd() { deflateEnd(z); }
    } end_stream{&zs};
    c.out.resize(std::max<size_t>(65536, size_t(r1 - r0) * row_bytes / 16));
    c.adler = 1;
    c.raw_len = 0;
    auto pump = [&](int flush) {
      for (;;) {
        if (zs.avail_out == 0) {
          size_t used = c.out.size();
          c.out.resize(used * 2);
          zs.next_out = c.out.data() + used;
          zs.avail_out = uInt(c.out.size() - used);
        }
        int rc = deflate(&zs, flush);
        if (rc == Z_STREAM_ERROR) throw Error("internal error: zlib deflate failed while writing the PNG");
        if (flush == Z_FINISH ? rc == Z_STREAM_END : (zs.avail_in == 0 && zs.avail_out > 0)) break;
      }
    };
    zs.next_out = c.out.data();
    zs.avail_out = uInt(c.out.size());
    for (int rb = r0; rb < r1; rb += kRows) {
      if (!sp.poll(double(rows_done + rb) / h)) return;
      int re = std::min(r1, rb + kRows);
      uint8_t* o = raw.data();
      for (int r = rb; r < re; ++r) {
        const uint8_t* s = argb + size_t(r) * stride;
        for (int x = 0; x < w; ++x) {  // Cairo ARGB32 little-endian bytes are B, G, R, A
          cur[size_t(x) * 3] = s[x * 4 + 2];
          cur[size_t(x) * 3 + 1] = s[x * 4 + 1];
          cur[size_t(x) * 3 + 2] = s[x * 4];
        }
        int filter = opt.filter;
        if (filter == 2 && !have_prev) filter = 1;
        *o++ = uint8_t(filter);
        if (filter == 0) {
          std::memcpy(o, cur.data(), row_bytes);
        } else if (filter == 1) {
          for (size_t i = 0; i < 3; ++i) o[i] = cur[i];
          for (size_t i = 3; i < row_bytes; ++i) o[i] = uint8_t(cur[i] - cur[i - 3]);
        } else {
          for (size_t i = 0; i < row_bytes; ++i) o[i] = uint8_t(cur[i] - before[i]);
        }
        o += row_bytes;
        before.swap(cur);
        have_prev = true;
      }
      size_t n = size_t(o - raw.data());
      c.adler = adler32_z(c.adler, raw.data(), n);
      c.raw_len += n;
      zs.next_in = raw.data();
      zs.avail_in = uInt(n);
      pump(Z_NO_FLUSH);
    }
    pump(last ? Z_FINISH : Z_SYNC_FLUSH);
    c.out.resize(zs.total_out);
  }
};

PngWriter::PngWriter(std::FILE* f, int width, int height, PngOptions opt) : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  m.f = f;
  m.w = width;
  m.h = height;
  m.opt = opt;
  static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  m.write(sig, 8);
  std::vector<uint8_t> ihdr;
  put_u32(ihdr, uint32_t(width));
  put_u32(ihdr, uint32_t(height));
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // 8-bit, RGB, deflate, adaptive filtering, no interlace
  m.chunk("IHDR", ihdr.data(), ihdr.size());
  // zlib header: deflate, 32K window, "fastest" level hint; FCHECK makes the 16-bit value divisible by 31.
  const uint8_t zhead[2] = {0x78, 0x01};
  m.chunk("IDAT", zhead, 2);
}

PngWriter::~PngWriter() = default;

void PngWriter::write_rows(const uint8_t* argb, size_t stride, int rows, const Progress& progress) {
  auto& m = *impl_;
  if (rows <= 0) return;
  SharedProgress sp(progress, "encoding PNG");
  if (m.rows_done + rows > m.h) throw Error("internal error: too many PNG rows");
  bool ends_image = m.rows_done + rows == m.h;
  unsigned threads = m.opt.threads ? m.opt.threads : pool_threads();
  // Chunks of at least 64 rows: smaller ones lose compression to the restarted dictionaries. The chunk count
  // (not how many threads run them) decides the bytes written.
  unsigned n = unsigned(std::clamp(rows / 64, 1, int(threads)));
  std::vector<Chunk> chunks(n);
  const uint8_t* prev = m.rows_done > 0 ? m.prev.data() : nullptr;
  parallel_for(n, 1, threads, [&](size_t i, size_t) {
    int r0 = int(int64_t(rows) * i / n), r1 = int(int64_t(rows) * (i + 1) / n);
    // A chunk's first row filters against the previous row of the image, taken from the strip itself.
    const uint8_t* pr = prev;
    std::vector<uint8_t> own;
    if (r0 > 0) {
      own.resize(size_t(m.w) * 3);
      const uint8_t* s = argb + size_t(r0 - 1) * stride;
      for (int x = 0; x < m.w; ++x) {
        own[size_t(x) * 3] = s[x * 4 + 2];
        own[size_t(x) * 3 + 1] = s[x * 4 + 1];
        own[size_t(x) * 3 + 2] = s[x * 4];
      }
      pr = own.data();
    }
    m.compress(argb, stride, r0, r1, pr, ends_image && i + 1 == n, chunks[i], sp);
  });
  sp.throw_if_cancelled();
  for (auto& c : chunks) {
    m.adler = adler32_combine(m.adler, c.adler, z_off_t(c.raw_len));
    if (!c.out.empty()) m.chunk("IDAT", c.out.data(), c.out.size());
  }
  // Keep the last row (as RGB) for the next strip's Up filter.
  m.prev.resize(size_t(m.w) * 3);
  const uint8_t* s = argb + size_t(rows - 1) * stride;
  for (int x = 0; x < m.w; ++x) {
    m.prev[size_t(x) * 3] = s[x * 4 + 2];
    m.prev[size_t(x) * 3 + 1] = s[x * 4 + 1];
    m.prev[size_t(x) * 3 + 2] = s[x * 4];
  }
  m.rows_done += rows;
}

void PngWriter::finish() {
  auto& m = *impl_;
  if (m.finished) return;
  if (m.rows_done != m.h) throw Error("internal error: PNG finished with rows missing");
  std::vector<uint8_t> tail;
  put_u32(tail, uint32_t(m.adler));
  m.chunk("IDAT", tail.data(), 4);
  m.chunk("IEND", nullptr, 0);
  m.finished = true;
}

}  // namespace nbhd
