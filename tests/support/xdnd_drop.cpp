// nbhd_xdnd_drop WINDOW_TITLE FILE...: drops files on an X11 window the way a file manager does (the
// XDND protocol, version 5, text/uri-list), so tests exercise the viewer's real GLFW drop callback under
// Xvfb rather than a stand-in. Waits up to 10 s for the window to appear and for the drop to finish.
// Exit status 0 when the target accepted and finished the drop, 1 otherwise (with a reason on stderr).
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

namespace {

Window find_window(Display* d, Window w, const char* title) {
  char* name = nullptr;
  if (XFetchName(d, w, &name) && name) {
    bool match = std::strcmp(name, title) == 0;
    XFree(name);
    if (match) return w;
  }
  Window root, parent, *kids = nullptr;
  unsigned n = 0;
  Window found = 0;
  if (XQueryTree(d, w, &root, &parent, &kids, &n)) {
    for (unsigned i = 0; i < n && !found; ++i) found = find_window(d, kids[i], title);
    if (kids) XFree(kids);
  }
  return found;
}

void send(Display* d, Window to, Atom type, long l0, long l1, long l2, long l3, long l4) {
  XEvent e{};
  e.xclient.type = ClientMessage;
  e.xclient.display = d;
  e.xclient.window = to;
  e.xclient.message_type = type;
  e.xclient.format = 32;
  e.xclient.data.l[0] = l0, e.xclient.data.l[1] = l1, e.xclient.data.l[2] = l2;
  e.xclient.data.l[3] = l3, e.xclient.data.l[4] = l4;
  XSendEvent(d, to, False, NoEventMask, &e);
  XFlush(d);
}

std::string uri_of(const std::string& path) {
  // Percent-encode all but unreserved characters and '/', as file managers do.
  std::string s = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("/-._~", c)) {
      s += char(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      s += buf;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: nbhd_xdnd_drop WINDOW_TITLE FILE...\n");
    return 2;
  }
  Display* d = XOpenDisplay(nullptr);
  if (!d) {
    std::fprintf(stderr, "nbhd_xdnd_drop: cannot open the display\n");
    return 1;
  }
  Window root = DefaultRootWindow(d);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  Window target = 0;
  while (!(target = find_window(d, root, argv[1]))) {
    if (std::chrono::steady_clock::now() > deadline) {
      std::fprintf(stderr, "nbhd_xdnd_drop: no window titled '%s'\n", argv[1]);
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::string list;
  for (int i = 2; i < argc; ++i) list += uri_of(argv[i]) + "\r\n";

  Atom aware = XInternAtom(d, "XdndAware", False), enter = XInternAtom(d, "XdndEnter", False),
       position = XInternAtom(d, "XdndPosition", False), status = XInternAtom(d, "XdndStatus", False),
       drop = XInternAtom(d, "XdndDrop", False), finished = XInternAtom(d, "XdndFinished", False),
       selection = XInternAtom(d, "XdndSelection", False), copy = XInternAtom(d, "XdndActionCopy", False),
       uri_list = XInternAtom(d, "text/uri-list", False);
  // The target must say it takes drops (GLFW sets XdndAware on its windows).
  Atom type;
  int format;
  unsigned long items, after;
  unsigned char* prop = nullptr;
  if (XGetWindowProperty(d, target, aware, 0, 1, False, AnyPropertyType, &type, &format, &items, &after,
                         &prop) != Success ||
      !prop) {
    std::fprintf(stderr, "nbhd_xdnd_drop: the window is not XdndAware\n");
    return 1;
  }
  XFree(prop);

  Window src = XCreateSimpleWindow(d, root, 0, 0, 1, 1, 0, 0, 0);
  XSelectInput(d, src, PropertyChangeMask);
  XSetSelectionOwner(d, selection, src, CurrentTime);
  XWindowAttributes wa;
  XGetWindowAttributes(d, target, &wa);
  int rx = 0, ry = 0;
  Window child;
  XTranslateCoordinates(d, target, root, wa.width / 2, wa.height / 2, &rx, &ry, &child);

  send(d, target, enter, long(src), 5L << 24, long(uri_list), 0, 0);
  send(d, target, position, long(src), 0, (long(rx) << 16) | long(ry), CurrentTime, long(copy));
  bool dropped = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!XPending(d)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    XEvent e;
    XNextEvent(d, &e);
    if (e.type == ClientMessage && Atom(e.xclient.message_type) == status && !dropped) {
      if (!(e.xclient.data.l[1] & 1)) {
        std::fprintf(stderr, "nbhd_xdnd_drop: the window refused the drop\n");
        return 1;
      }
      send(d, target, drop, long(src), 0, CurrentTime, 0, 0);
      dropped = true;
    } else if (e.type == SelectionRequest) {
      // The target asks for the data: the URI list, on the property it names.
      XSelectionRequestEvent& r = e.xselectionrequest;
      XEvent reply{};
      reply.xselection.type = SelectionNotify;
      reply.xselection.display = d;
      reply.xselection.requestor = r.requestor;
      reply.xselection.selection = r.selection;
      reply.xselection.target = r.target;
      reply.xselection.time = r.time;
      reply.xselection.property = None;
      if (r.target == uri_list) {
        XChangeProperty(d, r.requestor, r.property, uri_list, 8, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(list.data()), int(list.size()));
        reply.xselection.property = r.property;
      }
      XSendEvent(d, r.requestor, False, NoEventMask, &reply);
      XFlush(d);
    } else if (e.type == ClientMessage && Atom(e.xclient.message_type) == finished) {
      XDestroyWindow(d, src);
      XCloseDisplay(d);
      return 0;
    }
  }
  std::fprintf(stderr, "nbhd_xdnd_drop: the drop did not finish within 10 s\n");
  return 1;
}
