// The Gaps panel (panel_gaps.hpp). The engine is geo/spatial/gaps (that of `nbhd assets --per-area`); this
// file only chooses its inputs, runs it off the UI thread and hands its columns to the viewer.
#include "app/viewer/panel_gaps.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/viewer/background_priority.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd::view {

namespace {

// Runs on a thread of its own: reads only the loaded data and the group table, both immutable and held by
// the job until it ends. Polls `cancel` through the engine's progress callback.
GapJob compute(std::shared_ptr<const ViewData> d, GapKey key, std::shared_ptr<const CategoryGroups> groups,
               std::shared_ptr<std::atomic<bool>> cancel, std::shared_ptr<std::atomic<float>> progress) {
  // A thread of its own that ends with the job: lowered so the UI thread gets a core first while D moves.
  lower_this_thread_priority();
  auto t0 = std::chrono::steady_clock::now();
  GapJob j;
  j.key = key;
  try {
    GapOptions o;
    o.within = key.within;
    o.categories = key.categories;
    if (groups) o.groups = *groups;
    if (!key.denominator.empty()) o.denominator = &d->layer.attrs.numeric(key.denominator);
    o.coverage.on = key.coverage;
    // One pool thread fewer than there are: the frame loop keeps a core while D moves (on 2 cores the job
    // runs on 1 and the UI thread draws on the other).
    o.threads = job_threads();
    j.report = gap_indicators(d->layer, *d->asset_index, o, [&](double f, std::string_view) {
      progress->store(float(f));
      return !cancel->load();
    });
    // The columns are copied here, not on the UI thread (tens of MB for every LSOA), and the table freed.
    for (size_t k = 1; k < j.report.table.columns(); ++k) {
      j.cols.push_back(j.report.table.col(k));
      j.names.push_back(j.cols.back().name);
    }
    j.report.table = Table();
  } catch (const Cancelled&) {
    j.cancelled = true;
  } catch (const std::exception& e) {
    j.error = e.what();
  }
  j.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  glfwPostEmptyEvent();  // wake an idle UI thread to show the result
  return j;
}

const char* kMeasureNames[] = {"missing", "within",          "within_per_1000",
                               "inside",  "inside_per_1000", "nearest"};
const char* kMeasureLabels[] = {"missing (nothing within D)", "within D",   "within D per 1,000", "inside",
                                "inside per 1,000",           "nearest (m)"};

// "_within_800m" in `name` becomes "_within_<D>m" for the new D.
std::string retag(const std::string& name, double from, double to) {
  const std::string a = within_tag(from), b = within_tag(to);
  auto k = name.find(a);
  if (k == std::string::npos) return name;
  return name.substr(0, k) + b + name.substr(k + a.size());
}

}  // namespace

bool GapJob::has(const std::string& name) const {
  return std::find(names.begin(), names.end(), name) != names.end();
}

GapsPanel::~GapsPanel() {
  if (cancel_) cancel_->store(true);
  if (job_.valid()) job_.wait();
}

std::optional<GapMeasure> GapsPanel::measure_of(const std::string& name) {
  for (int i = 0; i < 6; ++i)
    if (name == kMeasureNames[i]) return GapMeasure(i);
  return std::nullopt;
}

std::string GapsPanel::measure_name() const {
  return kMeasureNames[int(measure_)];
}

std::string GapsPanel::column_for(const GapReport& r, double within) const {
  const std::string d = within_tag(within);
  switch (measure_) {
    case GapMeasure::Missing:
      return r.missing_column;
    case GapMeasure::Within:
      return unit_ + d;
    case GapMeasure::WithinPer1000:
      return unit_ + d + "_per_1000";
    case GapMeasure::Inside:
      return unit_ + "_inside";
    case GapMeasure::InsidePer1000:
      return unit_ + "_inside_per_1000";
    case GapMeasure::Nearest:
      return unit_ + "_nearest_m";
  }
  return "";
}

std::string GapsPanel::chosen_column() const {
  if (!shown_) return "";
  std::string c = column_for(shown_->report, shown_->key.within);
  return shown_->has(c) ? c : "";
}

bool GapsPanel::current() const {
  return !job_.valid() && ((shown_ && shown_->key == key_) || (failed_ && *failed_ == key_));
}

void GapsPanel::unloading(const Viewer&) {
  if (cancel_) cancel_->store(true);
  if (job_.valid()) job_.wait();
  job_ = {};
  shown_.reset();
  failed_.reset();
}

void GapsPanel::loaded(Viewer& v) {
  shown_.reset();
  failed_.reset();
  error_.clear();
  // Categories chosen before (a project's, or a reload's) stay chosen when the new assets have them.
  if (v.data && v.data->asset_index) {
    const auto& cats = v.data->asset_index->set().categories;
    std::erase_if(key_.categories,
                  [&](const std::string& c) { return std::find(cats.begin(), cats.end(), c) == cats.end(); });
  }
  if (v.data && !key_.denominator.empty() && !v.data->layer.attrs.find(key_.denominator))
    key_.denominator.clear();
  if (!key_.denominator.empty() || denominator_set_ || !v.data) return;
  for (const char* c : {"households_total", "population", "households"})
    if (v.data->layer.attrs.find(c) && v.data->layer.attrs.col(*v.data->layer.attrs.find(c)).numeric()) {
      key_.denominator = c;
      break;
    }
}

void GapsPanel::start(Viewer& v) {
  running_ = key_;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  progress_ = std::make_shared<std::atomic<float>>(0.0f);
  job_ = std::async(std::launch::async, compute, v.data, key_, groups_, cancel_, progress_);
}

void GapsPanel::land(Viewer& v, GapJob j) {
  if (j.cancelled) return;
  if (!j.error.empty()) {
    error_ = j.error;
    failed_ = j.key;
    return;
  }
  error_.clear();
  failed_.reset();
  std::vector<Column> cols = std::move(j.cols);
  // What showed a gap column for the old D shows the same column for the new one.
  if (shown_) {
    const double from = shown_->key.within, to = j.key.within;
    auto old = v.derived.names_of("gaps");
    auto fix = [&](std::string& name) {
      if (std::find(old.begin(), old.end(), name) == old.end()) return;
      std::string n = retag(name, from, to);
      name = j.has(n) ? n : std::string();
    };
    fix(v.spec.column);
    fix(v.spec.bivariate);
    fix(v.highlight.dual_column);
    if (v.highlight.kind == Highlight::Dual && v.highlight.dual_column.empty()) v.highlight = {};
  }
  shown_ = std::move(j);
  std::string chosen = column_for(shown_->report, shown_->key.within);
  if ((follow_ || v.spec.column.empty()) && shown_->has(chosen)) {
    v.spec.column = chosen;
    follow_ = false;
  }
  if (!restore_bivariate_.empty() && v.spec.bivariate.empty() && shown_->has(restore_bivariate_))
    v.spec.bivariate = restore_bivariate_;
  restore_bivariate_.clear();
  try {
    v.set_derived("gaps", std::move(cols));
    v.restyle();
  } catch (const std::exception& e) {
    error_ = e.what();
  }
}

void GapsPanel::update(Viewer& v) {
  using namespace std::chrono_literals;
  if (job_.valid() && job_.wait_for(0s) == std::future_status::ready) land(v, job_.get());
  if (!v.data || !v.data->asset_index) return;
  if (job_.valid()) {
    if (!(running_ == key_))
      cancel_->store(true);  // stale: it ends at its next poll, then the new one starts
    return;
  }
  if ((shown_ && shown_->key == key_) || (failed_ && *failed_ == key_)) return;
  start(v);
}

void GapsPanel::set_within(Viewer& v, double metres) {
  try {
    check_gap_distance(metres);
  } catch (const Error& e) {
    error_ = e.what();
    v.dirty = true;
    return;
  }
  key_.within = d_text_ = metres;
  v.dirty = true;
}

void GapsPanel::set_categories(Viewer& v, std::vector<std::string> names) {
  if (v.data && v.data->asset_index && names.size() == v.data->asset_index->set().categories.size())
    names.clear();
  key_.categories = std::move(names);
  v.dirty = true;
}

void GapsPanel::set_groups_file(Viewer& v, const std::string& path) {
  if (path.empty()) {
    groups_.reset();
    key_.groups_file.clear();
    v.dirty = true;
    return;
  }
  try {
    auto g = std::make_shared<CategoryGroups>(read_category_groups(path));
    if (v.data && v.data->asset_index) check_group_categories(*g, v.data->asset_index->set().categories);
    groups_ = std::move(g);
    key_.groups_file = path;
    std::snprintf(groups_text_, sizeof groups_text_, "%s", path.c_str());
    error_.clear();
  } catch (const std::exception& e) {
    error_ = e.what();
  }
  v.dirty = true;
}

void GapsPanel::set_denominator(Viewer& v, const std::string& column) {
  key_.denominator = column;
  denominator_set_ = true;
  v.dirty = true;
}

void GapsPanel::set_coverage(Viewer& v, bool on) {
  key_.coverage = on;
  v.dirty = true;
}

void GapsPanel::map_measure(Viewer& v, GapMeasure m, const std::string& unit) {
  measure_ = m;
  if (!unit.empty()) unit_ = unit;
  follow_ = true;
  if (shown_) {
    std::string c = column_for(shown_->report, shown_->key.within);
    if (shown_->has(c)) {
      v.spec.column = c;
      follow_ = false;
      v.restyle();
    }
  }
  v.dirty = true;
}

GapSettings GapsPanel::settings(const Viewer& v) const {
  GapSettings s;
  s.within = key_.within;
  s.categories = key_.categories;
  s.groups_file = key_.groups_file;
  s.denominator = key_.denominator;
  s.coverage = key_.coverage;
  s.measure = measure_name();
  s.unit = unit_;
  auto names = v.derived.names_of("gaps");
  s.mapped = std::find(names.begin(), names.end(), v.spec.column) != names.end();
  return s;
}

void GapsPanel::restore(Viewer& v, const GapSettings& s) {
  if (cancel_) cancel_->store(true);
  key_.within = d_text_ = s.within;
  key_.categories = s.categories;
  key_.denominator = s.denominator;
  denominator_set_ = true;
  key_.coverage = s.coverage;
  measure_ = measure_of(s.measure).value_or(GapMeasure::Missing);
  unit_ = s.unit.empty() ? "assets" : s.unit;
  follow_ = s.mapped;
  restore_bivariate_ = v.spec.bivariate;  // the project's, applied just before
  shown_.reset();
  failed_.reset();
  set_groups_file(v, s.groups_file);
}

std::string GapsPanel::legend_title(const std::string& column) const {
  if (!shown_ || column.empty() || !shown_->has(column)) return "";
  const GapReport& r = shown_->report;
  const std::string d = format_number(shown_->key.within) + " m";
  const bool groups = !shown_->key.groups_file.empty();
  if (column == r.missing_column)
    return std::string(groups ? "Groups" : "Categories") + " with nothing within " + d + " (of " +
           std::to_string(r.units.size()) + ": " + join_list(r.units, 6) + ")";
  const std::string den = shown_->key.denominator;
  std::string unit =
      column.substr(0, column.find(column.find("_within_") != std::string::npos  ? "_within_"
                                   : column.find("_inside") != std::string::npos ? "_inside"
                                                                                 : "_nearest_m"));
  std::string what = unit == "assets" ? "assets (" + std::to_string(r.units.size()) + " " +
                                            (groups ? "groups" : "categories") + ")"
                                      : unit;
  if (column.ends_with("_nearest_m")) return "Distance to the nearest " + what + " (m)";
  std::string rate = column.ends_with("_per_1000") ? " per 1,000 " + den : "";
  if (column.find("_inside") != std::string::npos) return "Count of " + what + " inside the area" + rate;
  return "Count of " + what + " within " + d + rate;
}

void GapsPanel::draw(Viewer& v) {
  if (!v.data || !v.data->asset_index) return;
  if (!ImGui::CollapsingHeader("Gaps", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const AssetSet& set = v.data->asset_index->set();
  ImGui::PushID("gaps");
  // Distance: the slider recomputes as it moves (each move cancels the stale job), the typed value on Enter.
  double lo = 0, hi = 10000, d = key_.within;
  ImGui::SetNextItemWidth(-70);
  if (ImGui::SliderScalar("##D", ImGuiDataType_Double, &d, &lo, &hi, "%.0f m", ImGuiSliderFlags_Logarithmic))
    set_within(v, std::round(d));
  note_item("gaps.slider");
  ImGui::SameLine();
  ImGui::TextUnformatted("within D");
  ImGui::SetNextItemWidth(-70);
  if (ImGui::InputDouble("##Dm", &d_text_, 100, 1000, "%.0f", ImGuiInputTextFlags_EnterReturnsTrue))
    set_within(v, d_text_);
  note_item("gaps.within");
  ImGui::SameLine();
  ImGui::TextUnformatted("metres");

  // Categories chosen (all by default).
  if (ImGui::TreeNodeEx("Count these categories", 0)) {
    std::vector<std::string> chosen = key_.categories.empty() ? set.categories : key_.categories;
    bool changed = false;
    for (const auto& c : set.categories) {
      bool on = std::find(chosen.begin(), chosen.end(), c) != chosen.end();
      if (ImGui::Checkbox(c.c_str(), &on)) {
        changed = true;
        if (on)
          chosen.push_back(c);
        else
          std::erase(chosen, c);
      }
    }
    if (changed && !chosen.empty()) {
      std::vector<std::string> ordered;  // in the assets' order, so equal choices make equal keys
      for (const auto& c : set.categories)
        if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) ordered.push_back(c);
      set_categories(v, ordered);
    }
    ImGui::TreePop();
  }
  // Group table.
  ImGui::SetNextItemWidth(-70);
  ImGui::InputTextWithHint("##groups", "group table (group,category CSV)", groups_text_, sizeof groups_text_);
  ImGui::SameLine();
  if (ImGui::Button("Load")) set_groups_file(v, groups_text_);
  // Denominator and coverage.
  ImGui::SetNextItemWidth(-70);
  if (ImGui::BeginCombo("per 1,000", key_.denominator.empty() ? "(none)" : key_.denominator.c_str())) {
    if (ImGui::Selectable("(none)", key_.denominator.empty())) set_denominator(v, "");
    for (const auto& c : v.data->numeric_columns)
      if (ImGui::Selectable(c.c_str(), c == key_.denominator)) set_denominator(v, c);
    ImGui::EndCombo();
  }
  bool cov = key_.coverage;
  if (ImGui::Checkbox("No data outside the assets' coverage", &cov)) set_coverage(v, cov);
  // What to map.
  int m = int(measure_);
  ImGui::SetNextItemWidth(-70);
  if (ImGui::Combo("map", &m, kMeasureLabels, 6)) map_measure(v, GapMeasure(m), "");
  if (measure_ != GapMeasure::Missing && shown_) {
    std::vector<std::string> units{"assets"};
    if (groups_)
      for (const auto& g : groups_->groups) units.push_back(g.name);
    for (const auto& c : key_.categories.empty() ? set.categories : key_.categories) units.push_back(c);
    ImGui::SetNextItemWidth(-70);
    if (ImGui::BeginCombo("of", unit_.c_str())) {
      for (const auto& u : units)
        if (ImGui::Selectable(u.c_str(), u == unit_)) map_measure(v, measure_, u);
      ImGui::EndCombo();
    }
  }
  // Status.
  if (job_.valid()) {
    ImGui::ProgressBar(progress_ ? progress_->load() : 0.0f, ImVec2(-1, 0), "measuring...");
  } else if (shown_) {
    const GapReport& r = shown_->report;
    // Wrapped: a planner reads every status line whole, however narrow the panel.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%zu of %zu areas covered%s; %.0f ms", r.covered, r.areas,
                       r.coverage_field.empty() ? "" : (" (by " + r.coverage_field + ")").c_str(),
                       shown_->ms);
    if (r.denominator_missing > 0)
      ImGui::TextWrapped("%zu covered areas have %s blank or 0: rates No data", r.denominator_missing,
                         shown_->key.denominator.c_str());
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.75f, 0.3f, 1));
    for (const auto& w : r.warnings) ImGui::TextWrapped("%s", w.c_str());
    ImGui::PopStyleColor();
  }
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
}

nlohmann::json GapsPanel::dump(const Viewer& v) const {
  nlohmann::json j = nlohmann::json::object();
  if (!v.data || !v.data->asset_index) return j;
  j["within_m"] = key_.within;
  j["categories"] = key_.categories;
  j["groups_file"] = key_.groups_file;
  j["denominator"] = key_.denominator;
  j["coverage"] = key_.coverage;
  j["measure"] = measure_name();
  j["unit"] = unit_;
  j["current"] = current();
  j["busy"] = busy();
  j["error"] = error_;
  j["chosen_column"] = chosen_column();
  j["legend_title"] = legend_title(v.spec.column);
  if (shown_) {
    const GapReport& r = shown_->report;
    j["shown_within_m"] = shown_->key.within;
    j["ms"] = shown_->ms;
    j["areas"] = r.areas;
    j["covered"] = r.covered;
    j["coverage_field"] = r.coverage_field;
    j["denominator_missing"] = r.denominator_missing;
    j["units"] = r.units;
    j["warnings"] = r.warnings;
    j["missing_column"] = r.missing_column;
    nlohmann::json cols = nlohmann::json::array();
    for (const auto& n : shown_->names) cols.push_back(n);
    j["columns"] = cols;
  }
  return j;
}

}  // namespace nbhd::view
