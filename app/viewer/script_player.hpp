#pragma once
// The player behind `nbhd view --script FILE` (commands in app/viewer/script.hpp): it feeds each step to the
// viewer's frame loop as mouse, wheel, key and text input, so every handler runs as it would for a person.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "app/viewer/script.hpp"

namespace nbhd::view {

class Viewer;

// A script step the viewer's dialogs and panels handle: done, not ready yet (ask again next frame), or
// rewritten into a plain input step (e.g. hist-drag -> drag across the histogram).
struct ScriptOutcome {
  enum Kind { Unknown, Done, Wait, Rewrite } kind = Unknown;
  ScriptStep step;
};

// Feeds script steps into ImGui's input state between the backend's NewFrame and ImGui::NewFrame.
struct ScriptPlayer {
  const std::vector<ScriptStep>& steps;
  size_t next = 0;
  int wait_frames = 0;
  int idle_waits = 0;  // frames wait-loaded has found nothing loading and nothing loaded
  ImVec2 pos{-1, -1};
  bool active() const { return next < steps.size() || wait_frames > 0 || !queue.empty(); }
  // Per-frame input still to apply (a click is press then release on the next frame).
  struct Input {
    std::optional<ImVec2> pos;
    int down = -1;  // 1 press, 0 release, -1 unchanged
    bool shift = false;
    float wheel = 0;
    int key = -1;
    bool ctrl = false;  // Ctrl held with `key`
    std::string text;
  };
  std::vector<Input> queue;
  bool mouse_down = false, shift_down = false, shift_up = false, ctrl_down = false;
  int key_down = -1;
  std::vector<std::string> after_render;  // "screenshot PATH" / "dump PATH"
  bool quit = false;

  // Before ImGui::NewFrame: this frame's input (advancing through the steps when the queue is empty).
  void begin_frame(Viewer& v);
  // Turns the next step(s) into queued input, or acts on the viewer directly (waits, options, dialogs).
  void advance(Viewer& v);
  // After the frame has rendered: screenshots and dumps asked for this frame, and the final quit.
  void end_frame(Viewer& v);

 private:
  static ScriptOutcome dialog_step(Viewer& v, const ScriptStep& s);
};

}  // namespace nbhd::view
