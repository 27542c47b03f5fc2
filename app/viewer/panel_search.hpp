#pragma once
// The Search panel: type-ahead over every level's codes and names and the postcodes (the model is
// app/viewer/search_index.hpp); each result shows its level and parent. Enter or a click zooms to it and
// selects its areas (a ward's or local authority's LSOAs; a postcode's LSOA).
#include <string>
#include <vector>

#include "app/viewer/search_index.hpp"

namespace nbhd::view {

class Viewer;
struct ViewData;

class SearchPanel {
 public:
  void draw(Viewer& v);
  void focus() { focus_ = true; }  // the search box takes the keyboard next frame
  // The results shown for `d` (empty when they were for other data: the panel may not have run since a load).
  const std::vector<SearchHit>& hits(const ViewData* d) const {
    static const std::vector<SearchHit> none;
    return d && d == searched_in_ ? hits_ : none;
  }

 private:
  void go_to(Viewer& v, const SearchHit& h);
  char query_[128] = "";
  std::string searched_;                   // the query hits_ answer
  const ViewData* searched_in_ = nullptr;  // ... over this data
  std::vector<SearchHit> hits_;
  bool focus_ = false;
};

}  // namespace nbhd::view
