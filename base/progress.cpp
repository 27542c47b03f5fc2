#include "base/progress.hpp"

#include "base/error.hpp"

namespace nbhd {

void report(const Progress& cb, double fraction, std::string_view stage) {
  if (cb && !cb(fraction, stage)) throw Cancelled();
}

}  // namespace nbhd
