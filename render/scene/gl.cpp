#include "render/scene/gl.hpp"

#include "base/error.hpp"

namespace nbhd::gl {

void delete_buffer(GLuint id) {
  glDeleteBuffers(1, &id);
}
void delete_vertex_array(GLuint id) {
  glDeleteVertexArrays(1, &id);
}
void delete_texture(GLuint id) {
  glDeleteTextures(1, &id);
}
void delete_framebuffer(GLuint id) {
  glDeleteFramebuffers(1, &id);
}
void delete_renderbuffer(GLuint id) {
  glDeleteRenderbuffers(1, &id);
}
void delete_program(GLuint id) {
  glDeleteProgram(id);
}

Buffer make_buffer() {
  GLuint id = 0;
  glGenBuffers(1, &id);
  return Buffer(id);
}
VertexArray make_vertex_array() {
  GLuint id = 0;
  glGenVertexArrays(1, &id);
  return VertexArray(id);
}
Texture make_texture() {
  GLuint id = 0;
  glGenTextures(1, &id);
  return Texture(id);
}
Framebuffer make_framebuffer() {
  GLuint id = 0;
  glGenFramebuffers(1, &id);
  return Framebuffer(id);
}
Renderbuffer make_renderbuffer() {
  GLuint id = 0;
  glGenRenderbuffers(1, &id);
  return Renderbuffer(id);
}

namespace {
GLuint compile(GLenum type, const char* src, const char* what) {
  GLuint s = glCreateShader(type);
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    glDeleteShader(s);
    throw Error(std::string("internal error: cannot compile the ") + what + " shader: " + log);
  }
  return s;
}
}  // namespace

Program make_program(const char* vertex_src, const char* fragment_src, const char* what) {
  GLuint vs = compile(GL_VERTEX_SHADER, vertex_src, what);
  GLuint fs = 0;
  try {
    fs = compile(GL_FRAGMENT_SHADER, fragment_src, what);
  } catch (...) {
    glDeleteShader(vs);
    throw;
  }
  Program p(glCreateProgram());
  glAttachShader(p.get(), vs);
  glAttachShader(p.get(), fs);
  glLinkProgram(p.get());
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(p.get(), GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetProgramInfoLog(p.get(), sizeof log, nullptr, log);
    throw Error(std::string("internal error: cannot link the ") + what + " shader program: " + log);
  }
  return p;
}

void check(const char* what) {
  GLenum e = glGetError();
  if (e == GL_NO_ERROR) return;
  if (e == GL_OUT_OF_MEMORY)
    throw Error(std::string("out of graphics memory while ") + what + "; try a smaller image", Need::ImageSize);
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04x", e);
  throw Error(std::string("internal error: OpenGL error ") + buf + " while " + what + "; please report this");
}

}  // namespace nbhd::gl
