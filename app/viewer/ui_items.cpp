#include "app/viewer/ui_items.hpp"

#include <imgui.h>

namespace nbhd::view {

namespace {

struct Registry {
  std::map<std::string, ItemRect> drawing, last;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void publish_items() {
  Registry& r = registry();
  r.last.swap(r.drawing);
  r.drawing.clear();
}

void note_item(const std::string& name) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  registry().drawing[name] = ItemRect{a.x, a.y, b.x, b.y};
}

std::optional<ItemRect> find_item(const std::string& name) {
  const auto& last = registry().last;
  auto it = last.find(name);
  if (it == last.end()) return std::nullopt;
  return it->second;
}

const std::map<std::string, ItemRect>& items() {
  return registry().last;
}

}  // namespace nbhd::view
