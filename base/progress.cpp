#include "base/progress.hpp"

#include "base/error.hpp"

namespace nbhd {

void report(const Progress& cb, double fraction, std::string_view stage) {
  if (cb && !cb(fraction, stage)) throw Cancelled();
}

Progress progress_slice(const Progress& p, double from, double to) {
  if (!p) return {};
  return [p, from, to](double f, std::string_view stage) { return p(from + (to - from) * f, stage); };
}

}  // namespace nbhd
