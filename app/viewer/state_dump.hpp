#pragma once
// What the script's `dump PATH` and `screenshot PATH` write for tests: the viewer's state as JSON (the
// view, the data, the style, every panel's part, where widgets were drawn) and the window's pixels as PNG.
#include <string>

namespace nbhd::view {

class Viewer;

void write_dump(const Viewer& v, const std::string& path);
// The back buffer just rendered (call before the swap).
void screenshot(const Viewer& v, const std::string& path);

}  // namespace nbhd::view
