#pragma once
// The Gaps panel: where social infrastructure is missing, mapped live. It runs the gap engine of `nbhd assets
// --per-area` (geo/spatial/gaps.hpp: same columns, same coverage rule) off the UI thread for the chosen
// categories, groups (a group table, as `--groups`), distance D and denominator, hands the columns to the
// viewer as derived columns ("gaps") and maps the chosen measure. A change of D or of the categories cancels
// the running job and starts another; the last result stays on the map until the new one lands.
#include <atomic>
#include <future>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "geo/spatial/gaps.hpp"

namespace nbhd::view {

class Viewer;

// What a job computes: equal keys give equal columns.
struct GapKey {
  double within = 800;
  std::vector<std::string> categories;  // chosen; empty = every category
  std::string groups_file;              // "" = none
  std::string denominator;              // "" = none
  bool coverage = true;
  friend bool operator==(const GapKey&, const GapKey&) = default;
};

struct GapJob {
  GapKey key;
  GapReport report;                // its table emptied once `cols` holds its columns
  std::vector<Column> cols;        // the columns for the viewer (all but the key), made on the job's thread
  std::vector<std::string> names;  // their names
  bool has(const std::string& name) const;
  std::string error;
  bool cancelled = false;
  double ms = 0;
};

// The panel's settings as a project keeps them (session_file.cpp); recomputed when the data arrives.
struct GapSettings {
  double within = 800;
  std::vector<std::string> categories;
  std::string groups_file, denominator;
  bool coverage = true;
  std::string measure = "missing", unit = "assets";
  bool mapped = false;  // the map showed the chosen gap column: show it again once recomputed
};

// What the panel maps: a measure of a unit ("assets", a group or a category) or the missing count.
enum class GapMeasure { Missing, Within, WithinPer1000, Inside, InsidePer1000, Nearest };

class GapsPanel {
 public:
  ~GapsPanel();
  void draw(Viewer& v);
  void unloading(const Viewer& v);  // before new data: the running job ends
  void loaded(Viewer& v);           // new data: every category chosen, a result for it started
  void update(Viewer& v);           // every frame: collects a finished job, starts the next
  bool busy() const { return job_.valid(); }
  // The shown columns are for the current settings.
  bool current() const;

  double within() const { return key_.within; }
  void set_within(Viewer& v, double metres);  // out of range: the error is shown, D unchanged
  const std::vector<std::string>& categories() const { return key_.categories; }
  void set_categories(Viewer& v, std::vector<std::string> names);  // empty = all
  const std::string& groups_file() const { return key_.groups_file; }
  void set_groups_file(Viewer& v, const std::string& path);  // read now; a bad table is the panel's error
  const std::string& denominator() const { return key_.denominator; }
  void set_denominator(Viewer& v, const std::string& column);
  bool coverage() const { return key_.coverage; }
  void set_coverage(Viewer& v, bool on);
  // Chooses what is mapped (unit "" = the missing count's units) and maps it when the columns land.
  void map_measure(Viewer& v, GapMeasure m, const std::string& unit);
  std::string measure_name() const;  // "missing", "within", ... (projects and the dump)
  const std::string& unit() const { return unit_; }
  static std::optional<GapMeasure> measure_of(const std::string& name);
  // The column the chosen measure has in the shown result ("" when none).
  std::string chosen_column() const;
  // A legend title for a gap column: what was counted and within what distance; "" for other columns.
  std::string legend_title(const std::string& column) const;
  const std::string& error() const { return error_; }
  GapSettings settings(const Viewer& v) const;
  void restore(Viewer& v, const GapSettings& s);
  nlohmann::json dump(const Viewer& v) const;

 private:
  void start(Viewer& v);
  void land(Viewer& v, GapJob j);
  std::string column_for(const GapReport& r, double within) const;

  GapKey key_;
  std::shared_ptr<const CategoryGroups> groups_;  // the table read from key_.groups_file
  GapMeasure measure_ = GapMeasure::Missing;
  std::string unit_ = "assets";  // for measures other than Missing
  bool follow_ = false;  // map the chosen measure when the next result lands (once the planner picks it)
  // A project's bivariate second variable: a gap column does not exist until the first result lands (the
  // load drops it as unknown), so it is put back then.
  std::string restore_bivariate_;
  bool denominator_set_ = false;  // chosen (even "none"): no default from the data
  std::future<GapJob> job_;
  std::shared_ptr<std::atomic<bool>> cancel_;     // the running job's stop flag
  std::shared_ptr<std::atomic<float>> progress_;  // the running job's progress, 0..1
  GapKey running_;
  std::optional<GapKey> failed_;  // settings whose job failed: not retried until they change
  std::optional<GapJob> shown_;   // the result whose columns the viewer has (report.table kept)
  std::string error_;             // the latest job's or setting's error
  double d_text_ = 800;           // the typed value, applied on Enter
  char groups_text_[512] = {};    // the group table path being typed
};

}  // namespace nbhd::view
