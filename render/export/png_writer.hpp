#pragma once
// Streaming PNG encoder (8-bit RGB) fed with Cairo ARGB32 rows strip by strip, so a 10000 x 10000 map
// never needs its whole image in memory. Rows of a strip are filtered and deflated in parallel chunks
// (independent raw-deflate streams joined at byte boundaries, as pigz does), which is what makes PNG
// writing of large maps cheaper than rendering them.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "base/shared_progress.hpp"

namespace nbhd {

struct PngOptions {
  int level = 1;         // zlib level; measured: see bench/bench_render.sh
  int strategy = 3;      // zlib strategy: 0 = Z_DEFAULT_STRATEGY, 3 = Z_RLE (fastest here, and smaller)
  int filter = 2;        // PNG row filter: 0 none, 1 sub, 2 up
  unsigned threads = 0;  // 0 = one per core
};

class PngWriter {
 public:
  // Writes the signature and header to f (not owned; the caller closes it). Throws nbhd::Error on I/O
  // failure.
  PngWriter(std::FILE* f, int width, int height, PngOptions opt = {});
  ~PngWriter();
  PngWriter(const PngWriter&) = delete;
  PngWriter& operator=(const PngWriter&) = delete;

  // Appends `rows` rows of Cairo ARGB32 pixels (opaque), `stride` bytes apart. `progress` is polled every
  // 32 rows of each chunk; when it asks to stop this throws nbhd::Cancelled and the file is incomplete.
  void write_rows(const uint8_t* argb, size_t stride, int rows, const Progress& progress = {});
  // Writes the end of the stream; every row must have been written.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
