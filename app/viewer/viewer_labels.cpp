// Viewer::set_labels: the readable column names the legend, tooltip and Export use (geo/tables/
// column_metadata), from a metadata table and `COL=Label` texts, as `nbhd render --metadata/--label`.
#include "app/viewer/viewer.hpp"

namespace nbhd::view {

void Viewer::set_labels(std::string metadata, std::vector<std::string> texts) {
  ColumnLabels l;
  if (!metadata.empty()) l = read_metadata(metadata);
  for (const auto& t : texts) add_label(l, t);
  labels = std::move(l);
  metadata_file = std::move(metadata);
  label_texts = std::move(texts);
  dirty = true;
}

}  // namespace nbhd::view
