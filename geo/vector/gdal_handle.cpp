#include "geo/vector/gdal_handle.hpp"

#include <cpl_error.h>

#include <mutex>

namespace nbhd {

namespace {
void quiet_handler(CPLErr, CPLErrorNum, const char*) {}
}  // namespace

void ensure_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    // GDAL's own messages are reported by us as one clear line; don't let it print its own.
    CPLSetErrorHandler(quiet_handler);
  });
}

std::string last_gdal_error() {
  std::string m = CPLGetLastErrorMsg();
  for (auto& c : m)
    if (c == '\n' || c == '\r') c = ' ';
  return m;
}

}  // namespace nbhd
