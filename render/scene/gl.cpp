#include "render/scene/gl.hpp"

#include <string>

#include "base/error.hpp"

namespace nbhd::gl {

namespace {

// glDelete*s(1, &id) and glGen*s(1, &id), for every kind of object that has them.
template <void (*DeleteN)(GLsizei, const GLuint*)>
void delete_one(GLuint id) {
  DeleteN(1, &id);
}
template <class Owner, void (*GenN)(GLsizei, GLuint*)>
Owner generate() {
  GLuint id = 0;
  GenN(1, &id);
  return Owner(id);
}

}  // namespace

void delete_buffer(GLuint id) {
  delete_one<glDeleteBuffers>(id);
}
void delete_vertex_array(GLuint id) {
  delete_one<glDeleteVertexArrays>(id);
}
void delete_texture(GLuint id) {
  delete_one<glDeleteTextures>(id);
}
void delete_framebuffer(GLuint id) {
  delete_one<glDeleteFramebuffers>(id);
}
void delete_renderbuffer(GLuint id) {
  delete_one<glDeleteRenderbuffers>(id);
}
void delete_program(GLuint id) {
  glDeleteProgram(id);
}

Buffer make_buffer() {
  return generate<Buffer, glGenBuffers>();
}
VertexArray make_vertex_array() {
  return generate<VertexArray, glGenVertexArrays>();
}
Texture make_texture() {
  return generate<Texture, glGenTextures>();
}
Framebuffer make_framebuffer() {
  return generate<Framebuffer, glGenFramebuffers>();
}
Renderbuffer make_renderbuffer() {
  return generate<Renderbuffer, glGenRenderbuffers>();
}

TextureTarget make_texture_target(int w, int h, GLint internal_format, const char* what) {
  TextureTarget t{make_texture(), make_framebuffer()};
  glBindTexture(GL_TEXTURE_2D, t.tex.get());
  glTexImage2D(GL_TEXTURE_2D, 0, internal_format, w, h, 0, GL_BGRA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, t.fbo.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, t.tex.get(), 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!complete)
    throw Error("cannot create a " + std::to_string(w) + " x " + std::to_string(h) + " " + what +
                " texture (framebuffer incomplete); try a smaller window");
  return t;
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
    throw Error(std::string("out of graphics memory while ") + what + "; try a smaller image",
                Need::ImageSize);
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04x", e);
  throw Error(std::string("internal error: OpenGL error ") + buf + " while " + what + "; please report this");
}

}  // namespace nbhd::gl
