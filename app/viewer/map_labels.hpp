#pragma once
// Names on the viewer's map (`nbhd view --labels FIELD --outline-labels FIELD`): the same label layers and
// placement rules as `nbhd render` (render/document/build_map_document's label_layer, labels.hpp's
// place_labels), placed again each frame for the current view, so zooming in shows more names; drawn with
// a halo over the map and under the panels. The state dump lists what was placed.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "render/document/labels.hpp"
#include "render/document/map_document.hpp"

namespace nbhd::view {

class Viewer;

class MapLabels {
 public:
  std::string field, outline_field;  // "" = none
  // New data: the label layers (poles of inaccessibility of every area and outline). Throws nbhd::Error
  // for a field the layer does not have.
  void loaded(const Viewer& v);
  // Places and draws the names for this frame's view.
  void draw(const Viewer& v);
  nlohmann::json dump() const;

 private:
  std::vector<LabelLayer> layers_;
  std::vector<PlacedLabel> placed_;
};

}  // namespace nbhd::view
