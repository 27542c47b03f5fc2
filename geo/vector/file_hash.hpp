#pragma once
// SHA-256 of a file, for provenance (a brief lists every input it read with its hash), computed by OpenSSL's
// libcrypto (SHA extensions where the CPU has them: GDAL's CPL_SHA256 took 0.9 s for a brief's 27 MB of
// inputs, libcrypto 0.04 s) over a read-only memory map, so a large file costs no copy.
#include <filesystem>
#include <string>

namespace nbhd {

// 64 lower-case hex digits. Throws nbhd::Error naming the file when it cannot be read.
std::string file_sha256(const std::filesystem::path& path);

}  // namespace nbhd
