#pragma once
// The Statistics window's left-behind and change tabs, on the engines `nbhd flag --where` and `nbhd change`
// use (geo/stats/condition.hpp, geo/stats/change.hpp).
// - Left behind: a condition on columns as published (`decile("CNI rank", 33755) = 1 AND IMD_decile = 1`,
//   `IMD_rank <= 100`, a TRUE flag column), evaluated on whatever layer is open (LSOAs, wards), and the
//   areas that meet it highlighted on the map with their count (Highlight::Areas).
// - Change: period A's and period B's rank and decile columns of the open layer -> computed columns (owner
//   "change": change_rank, change_decile, change_entered, change_left) mapped with the diverging palette
//   centred on zero, and the 10 x 10 decile transition matrix with counts, row shares and the headline.
#include <array>
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "geo/stats/change.hpp"

namespace nbhd::view {

class Viewer;

class LeftBehindPanel {
 public:
  void draw_condition(Viewer& v);
  void draw_change(Viewer& v);
  // New data: the previous results no longer apply.
  void unloading();
  // Evaluates the condition text on the loaded layer and highlights the areas that meet it.
  void apply_condition(Viewer& v);
  // Compares the chosen columns and maps the change.
  void compute_change(Viewer& v);
  // Scripted options: condition TEXT, rank-a / decile-a / rank-b / decile-b COLUMN. "" or what is wrong.
  std::string set_option(Viewer& v, const std::string& name, const std::string& value);
  nlohmann::json dump(const Viewer& v) const;

 private:
  std::string condition_;
  std::string condition_error_;
  std::vector<uint32_t> flagged_;  // areas meeting the condition, in layer order
  std::vector<std::pair<std::string, size_t>> leaf_counts_;
  bool evaluated_ = false;

  std::string rank_a_, decile_a_, rank_b_, decile_b_;
  std::string change_error_;
  std::optional<ChangeResult> change_;
  bool shares_ = false;  // the matrix shows row shares instead of counts
};

}  // namespace nbhd::view
