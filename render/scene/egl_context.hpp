#pragma once
// A headless OpenGL 3.3 core context on Mesa's EGL surfaceless platform: no X server, no DISPLAY, no
// window. Rendering goes to framebuffer objects (see offscreen.hpp).
#include <memory>
#include <string>

namespace nbhd {

class EglContext {
 public:
  // Creates the context and makes it current on this thread. Throws nbhd::Error saying what is missing
  // (EGL library, surfaceless platform, GL 3.3) when it cannot.
  EglContext();
  ~EglContext();
  EglContext(const EglContext&) = delete;
  EglContext& operator=(const EglContext&) = delete;

  // Makes this context current on the calling thread (a context is current on one thread at a time).
  void make_current();

  // "llvmpipe (LLVM 15.0.6, 256 bits)" etc., for reports and benchmarks.
  std::string renderer() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nbhd
