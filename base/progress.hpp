#pragma once
// Long work (load, join, tessellate, export) reports progress through this callback and may be cancelled:
// the callback returns false to ask the work to stop, which then throws nbhd::Cancelled.
#include <functional>
#include <string_view>

namespace nbhd {

// fraction in [0,1]; stage is a short human label ("reading features", "joining").
using Progress = std::function<bool(double fraction, std::string_view stage)>;

// Calls cb if set; throws Cancelled when it asks to stop.
void report(const Progress& cb, double fraction, std::string_view stage);

// A stage of longer work: its fractions 0..1 reported to `p` as from..to (empty when `p` is).
Progress progress_slice(const Progress& p, double from, double to);

}  // namespace nbhd
