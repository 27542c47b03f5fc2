#pragma once
// OpenGL 3.3 core entry points (GLVND, no loader needed) and RAII owners for GL objects. Every owner
// must be destroyed while its context is current; Scene and the offscreen target guarantee that.
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>

#include <string>
#include <utility>

namespace nbhd::gl {

// One owner type per GL object kind; `Deleter` is the glDelete* call for one name.
template <void (*Delete)(GLuint)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(GLuint id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, 0);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  GLuint get() const { return id_; }
  explicit operator bool() const { return id_ != 0; }
  void reset() {
    if (id_) Delete(id_);
    id_ = 0;
  }

 private:
  GLuint id_ = 0;
};

// glDelete* for one name of each kind. (Defined in gl.cpp: a file that includes GL before this header, as
// the viewer's does through GLFW, has no prototypes for them.)
void delete_buffer(GLuint id);
void delete_vertex_array(GLuint id);
void delete_texture(GLuint id);
void delete_framebuffer(GLuint id);
void delete_renderbuffer(GLuint id);
void delete_program(GLuint id);

using Buffer = Handle<delete_buffer>;
using VertexArray = Handle<delete_vertex_array>;
using Texture = Handle<delete_texture>;
using Framebuffer = Handle<delete_framebuffer>;
using Renderbuffer = Handle<delete_renderbuffer>;
using Program = Handle<delete_program>;

// A fresh name of each kind, owned.
Buffer make_buffer();
VertexArray make_vertex_array();
Texture make_texture();
Framebuffer make_framebuffer();
Renderbuffer make_renderbuffer();

// A w x h texture (`internal_format`, BGRA upload layout, nearest filtering) with a framebuffer that draws
// into it: the map cache and the viewer's panel cache. Throws nbhd::Error ("cannot create a W x H <what>
// texture (framebuffer incomplete); try a smaller window") when the driver cannot attach it.
struct TextureTarget {
  Texture tex;
  Framebuffer fbo;
};
TextureTarget make_texture_target(int w, int h, GLint internal_format, const char* what);

// Compiles and links a vertex + fragment shader; throws nbhd::Error with the GL log on failure
// (a bug in our shaders or a driver without GL 3.3).
Program make_program(const char* vertex_src, const char* fragment_src, const char* what);

// Throws nbhd::Error naming `what` when glGetError reports an error (e.g. out of memory).
void check(const char* what);

}  // namespace nbhd::gl
