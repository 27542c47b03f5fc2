#include "render/scene/egl_context.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <cstdio>

#include "base/error.hpp"
#include "render/scene/gl.hpp"

namespace nbhd {

struct EglContext::Impl {
  EGLDisplay dpy = EGL_NO_DISPLAY;
  EGLContext ctx = EGL_NO_CONTEXT;
};

namespace {
std::string egl_error_text() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04x", eglGetError());
  return buf;
}
}  // namespace

EglContext::EglContext() : impl_(std::make_unique<Impl>()) {
  // eglGetDisplay(EGL_DEFAULT_DISPLAY) fails without X; the surfaceless platform needs none.
  auto get_platform_display =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (!get_platform_display)
    throw Error("cannot start headless OpenGL: EGL lacks eglGetPlatformDisplayEXT; install libegl-mesa0");
  impl_->dpy = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  EGLint major = 0, minor = 0;
  if (impl_->dpy == EGL_NO_DISPLAY || !eglInitialize(impl_->dpy, &major, &minor))
    throw Error("cannot start headless OpenGL: EGL surfaceless platform unavailable (EGL error " +
                egl_error_text() + "); install libegl-mesa0 and libgl1-mesa-dri");
  if (!eglBindAPI(EGL_OPENGL_API)) {
    eglTerminate(impl_->dpy);
    throw Error("cannot start headless OpenGL: EGL has no desktop OpenGL API (error " + egl_error_text() +
                ")");
  }
  const EGLint attrs[] = {EGL_CONTEXT_MAJOR_VERSION,
                          3,
                          EGL_CONTEXT_MINOR_VERSION,
                          3,
                          EGL_CONTEXT_OPENGL_PROFILE_MASK,
                          EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                          EGL_NONE};
  // EGL_KHR_no_config_context: no pbuffer or window config is needed when drawing only into FBOs.
  impl_->ctx = eglCreateContext(impl_->dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
  if (impl_->ctx == EGL_NO_CONTEXT) {
    std::string err = egl_error_text();
    eglTerminate(impl_->dpy);
    throw Error("cannot start headless OpenGL: no OpenGL 3.3 core context (EGL error " + err +
                "); the Mesa driver is too old or missing");
  }
  make_current();
}

EglContext::~EglContext() {
  eglMakeCurrent(impl_->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(impl_->dpy, impl_->ctx);
  eglTerminate(impl_->dpy);
}

void EglContext::make_current() {
  if (!eglMakeCurrent(impl_->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, impl_->ctx))
    throw Error("cannot start headless OpenGL: eglMakeCurrent failed (EGL error " + egl_error_text() + ")");
}

std::string EglContext::renderer() const {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const auto* v = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  return std::string(r ? r : "?") + " | " + (v ? v : "?");
}

}  // namespace nbhd
