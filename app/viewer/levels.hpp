#pragma once
// The Level control's model, without ImGui: which levels the loaded layer can show (its own, then each
// parent level its fields carry: LSOA, ward, local authority), and the data of a parent level, made off the
// UI thread by geo/stats/level (the parents dissolved from the loaded areas with GEOS coverage union, the
// indicators aggregated by the rules of `nbhd aggregate --dissolve`). A level's data is a ViewData like the
// loaded one, so the map, legend, tooltips, search, selection and statistics work on it unchanged; it is
// made once per level and weight and kept while the loaded data stays.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/viewer/loader.hpp"
#include "app/viewer/view_data.hpp"

namespace nbhd::view {

struct LevelChoice {
  std::string label;       // "LSOA", "Ward", "Local authority"
  std::string code_field;  // parent code field of the loaded layer; "" for the loaded layer itself
  std::string name_field;  // "" when none
};

// The loaded layer's own level first, then each parent level its fields carry, smallest first.
std::vector<LevelChoice> level_choices(const AreaLayer& base);

// The data of a parent level of `base` (choice.code_field not empty). `weight`: weight column of weighted
// means ("" = plain means). Throws nbhd::Error, or Cancelled when progress says stop.
std::unique_ptr<ViewData> build_level_data(const std::shared_ptr<const ViewData>& base,
                                           const LevelChoice& choice, const std::string& weight,
                                           const Progress& progress);

// The levels of the data shown: the choices, the cache and the one job making a level. Used from the UI
// thread only; the job runs on a Loader's thread and keeps the data it reads alive.
class Levels {
 public:
  // `wake`: as the Loader's, called from the job's thread so an idle UI redraws its bar.
  explicit Levels(std::function<void()> wake = {}) : job_(std::move(wake)) {}
  // New loaded data (or none): the cache is dropped, a running job cancelled, the level back to 0.
  void reset(std::shared_ptr<const ViewData> base);
  const std::vector<LevelChoice>& choices() const { return choices_; }
  int current() const { return current_; }
  int wanted() const { return wanted_; }  // the level being made (== current() when none is)
  bool busy() const { return job_.busy(); }
  Loader::Status status() const { return job_.status(); }
  void cancel() { job_.cancel(); }
  const std::string& weight() const { return weight_; }
  // Changing the weight drops the made levels (they were aggregated with the old one).
  void set_weight(const std::string& w);
  // The data of level `i` when made (level 0: the loaded data), else nullptr after starting (or keeping)
  // the job that makes it: the last level asked for is the one made.
  std::shared_ptr<const ViewData> request(int i);
  // The level a finished job made, to show: {level, data}; data is nullptr (and error() set) when it
  // failed or was cancelled. Empty while nothing has finished.
  std::optional<std::pair<int, std::shared_ptr<const ViewData>>> take();
  void set_current(int i) { current_ = i; }
  const std::string& error() const { return error_; }
  void set_error(std::string e) { error_ = std::move(e); }
  size_t cached() const { return cache_.size(); }
  // The level whose areas span at least `min_px` pixels at `metres_per_pixel` (for "switch level with
  // zoom"): typical sizes come from the loaded areas and the number of distinct parent codes.
  int level_for_zoom(double metres_per_pixel, double min_px = 6) const;

 private:
  std::shared_ptr<const ViewData> base_;
  std::vector<LevelChoice> choices_;
  std::vector<double> typical_m_;  // per choice: a typical area's side in metres
  std::map<int, std::shared_ptr<const ViewData>> cache_;
  std::string weight_;
  int current_ = 0, wanted_ = 0, job_level_ = 0;
  Loader job_;
  std::string error_;
};

}  // namespace nbhd::view
