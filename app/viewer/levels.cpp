#include "app/viewer/levels.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>
#include <unordered_set>

#include "app/viewer/parent_levels.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "base/thread_pool.hpp"
#include "geo/stats/level.hpp"

namespace nbhd::view {

namespace {

// "LSOAs", "wards": how the rules and notes name the areas.
std::string plural(const std::string& kind) {
  if (kind.empty()) return "areas";
  if (kind == "LSOA" || kind == "MSOA") return kind + "s";
  if (kind == "local authority") return "local authorities";
  return kind + "s";
}

}  // namespace

std::vector<LevelChoice> level_choices(const AreaLayer& base) {
  std::vector<LevelChoice> out;
  out.push_back({level_label(base.code_kind), "", ""});
  for (const ParentLevel& p : parent_levels(base))
    out.push_back({level_label(p.kind), p.codes->name, p.names ? p.names->name : ""});
  return out;
}

std::unique_ptr<ViewData> build_level_data(const std::shared_ptr<const ViewData>& base,
                                           const LevelChoice& choice, const std::string& weight,
                                           const Progress& progress) {
  auto t0 = std::chrono::steady_clock::now();
  const AreaLayer& kids = base->layer;
  const Column& codes = kids.attrs.column(choice.code_field);
  std::vector<std::string> parent_of(kids.size());
  for (size_t i = 0; i < kids.size(); ++i) parent_of[i] = std::string(trim(codes.text[i]));
  std::vector<std::string> names;
  if (!choice.name_field.empty()) names = kids.attrs.column(choice.name_field).text;
  LevelOptions lo;
  lo.parent_key = choice.code_field;
  lo.parent_name = choice.name_field;
  lo.weight = weight;
  lo.columns = base->numeric_columns;
  lo.no_parent_name = "No " + lower(choice.label);
  lo.dissolve.progress = progress_slice(progress, 0, 0.8);
  // Leave the frame a core, as the Statistics window's jobs do.
  lo.dissolve.threads = pool_threads() > 1 ? pool_threads() - 1 : 1;
  report(progress, 0, "dissolving");
  LevelResult r = build_level(kids, parent_of, names, lo);

  auto d = std::make_unique<ViewData>();
  d->sources = base->sources;
  d->reports = base->reports;
  d->layer = std::move(r.layer);
  report(progress, 0.8, "tessellating");
  d->mesh = build_area_mesh(d->layer.geoms, centre_of(d->layer.geoms), true, 0,
                            progress_slice(progress, 0.8, 0.95));
  d->pick = PickIndex(d->layer.geoms);
  for (const auto& o : base->outlines) d->outlines.push_back(o);
  d->asset_layers = base->asset_layers;
  d->asset_index = base->asset_index;
  d->has_assets = base->has_assets;
  for (const auto& c : d->layer.attrs.cols())
    if (c.numeric()) d->numeric_columns.push_back(c.name);
  std::vector<const AreaLayer*> outline_layers;
  for (const auto& o : d->outlines) outline_layers.push_back(&o.layer);
  d->search = SearchIndex(d->layer, outline_layers);
  d->postcodes = base->postcodes;
  d->postcode_report = base->postcode_report;
  d->basemap = base->basemap;  // the same ground under every level
  d->basemap_error = base->basemap_error;
  d->group_column = local_authority_column(d->layer);
  if (d->group_column == d->layer.key_field) d->group_column.clear();
  LevelMade& m = d->level;
  m.label = choice.label;
  m.child_word = plural(kids.code_kind);
  m.children = std::move(r.dissolved.children);
  m.no_parent = std::move(r.dissolved.no_parent);
  if (r.no_parent_area != size_t(-1)) {
    m.no_parent_area = r.no_parent_area;
    m.children.push_back(m.no_parent);
  }
  // "households_total" -> "households": the legend says "households-weighted mean of LSOAs".
  std::string weight_word = weight;
  for (const char* tail : {"_total", "_count", "_sum"})
    if (weight_word.size() > std::string(tail).size() && weight_word.ends_with(tail))
      weight_word.resize(weight_word.size() - std::string(tail).size());
  std::replace(weight_word.begin(), weight_word.end(), '_', ' ');
  for (const auto& s : r.stats) m.rules[agg_output_name(s)] = rule_text(s, m.child_word, weight_word);
  m.weight = weight;
  m.dissolve_note = describe_dissolve(r.dissolved, plural(lower(choice.label)));
  report(progress, 1, "done");
  m.build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  d->load_s = base->load_s;
  return d;
}

void Levels::reset(std::shared_ptr<const ViewData> base) {
  if (job_.busy()) job_.cancel();
  while (job_.busy()) std::this_thread::yield();  // the job reads the old data: let it end first
  job_.take();
  base_ = std::move(base);
  cache_.clear();
  choices_ = base_ ? level_choices(base_->layer) : std::vector<LevelChoice>{};
  typical_m_.clear();
  if (base_ && base_->layer.size()) {
    const AreaLayer& L = base_->layer;
    double total = 0;
    for (const auto& g : L.geoms) total += area(g);
    double per_area = total / double(L.size());
    for (const auto& c : choices_) {
      double n = double(L.size());
      if (!c.code_field.empty()) {
        std::unordered_set<std::string> distinct(L.attrs.column(c.code_field).text.begin(),
                                                 L.attrs.column(c.code_field).text.end());
        n = double(std::max<size_t>(distinct.size(), 1));
      }
      typical_m_.push_back(std::sqrt(per_area * double(L.size()) / n));
    }
  }
  current_ = wanted_ = 0;
  error_.clear();
}

int Levels::level_for_zoom(double metres_per_pixel, double min_px) const {
  for (size_t i = 0; i < typical_m_.size(); ++i)
    if (typical_m_[i] / metres_per_pixel >= min_px) return int(i);
  return typical_m_.empty() ? 0 : int(typical_m_.size()) - 1;
}

void Levels::set_weight(const std::string& w) {
  if (w == weight_) return;
  weight_ = w;
  cache_.clear();
}

std::shared_ptr<const ViewData> Levels::request(int i) {
  if (!base_ || i < 0 || size_t(i) >= choices_.size()) return nullptr;
  error_.clear();
  wanted_ = i;
  if (i == 0) return base_;
  if (auto it = cache_.find(i); it != cache_.end()) return it->second;
  if (job_.busy() && job_level_ == i) return nullptr;  // already being made
  job_level_ = i;
  auto base = base_;
  LevelChoice c = choices_[size_t(i)];
  std::string w = weight_;
  job_.start([base, c, w](const Progress& p) { return build_level_data(base, c, w, p); });
  return nullptr;
}

std::optional<std::pair<int, std::shared_ptr<const ViewData>>> Levels::take() {
  auto r = job_.take();
  if (!r) return std::nullopt;
  if (!r->data) {
    error_ = r->error == "loading cancelled"
                 ? "making the " + lower(choices_[size_t(job_level_)].label) + " level was cancelled"
                 : r->error;
    if (wanted_ == job_level_) wanted_ = current_;
    return std::make_pair(job_level_, std::shared_ptr<const ViewData>());
  }
  std::shared_ptr<const ViewData> d = std::move(r->data);
  cache_[job_level_] = d;
  return std::make_pair(job_level_, d);
}

}  // namespace nbhd::view
