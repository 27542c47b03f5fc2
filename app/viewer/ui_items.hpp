#pragma once
// Screen rectangles of named widgets, as drawn in the last frame: scripted input clicks a widget by name
// (`click-item NAME` in a --script) where a person would click it, and the state dump lists them, so tests
// drive the real panels without hard-coding a layout. Panels name the widgets a script needs to reach
// right after drawing them (note_item). One registry per process, like ImGui's own context.
#include <array>
#include <map>
#include <optional>
#include <string>

namespace nbhd::view {

// {x0, y0, x1, y1} in window pixels from the top left (ImGui display coordinates).
using ItemRect = std::array<float, 4>;

// Notes the last ImGui item drawn under `name` (this frame's; a later note replaces an earlier one).
void note_item(const std::string& name);
// Ends a frame's drawing (after ImGui::Render): what was noted in it becomes what find_item/items return
// until the next frame ends, so script steps and dumps between frames see the frame just drawn.
void publish_items();
// Where `name` was drawn in the last finished frame, if it was.
std::optional<ItemRect> find_item(const std::string& name);
const std::map<std::string, ItemRect>& items();

}  // namespace nbhd::view
