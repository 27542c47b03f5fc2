#pragma once
// Classification of a numeric column into map classes: breaks, a class per area and counts per class.
// Shared by the CLI (`nbhd classify`), the renderer's legend and the viewer. No GL.
//
// Ranged methods give breaks b[0] < b[1] < ... < b[n]; class i holds values v with b[i] < v <= b[i+1]
// (class 0 also holds b[0]). Categorical gives one class per distinct value and no breaks.
// Missing values (NaN) are never dropped: they get class -1 ("No data") and are counted in `nodata`.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbhd {

enum class ClassifyMethod {
  Quantile,       // equal counts; equal values share a class, so counts may be uneven
  EqualInterval,  // equal widths from min to max
  StdDev,         // breaks at mean + j * step * sd
  Pretty,         // round-number breaks (1, 2 or 5 times a power of ten)
  HeadTail,       // Jiang's head/tail breaks for heavy-tailed data
  Manual,         // user breaks
  Categorical,    // one class per distinct value (at most 12)
  NaturalBreaks,  // Fisher/Jenks exact optimum
};

constexpr int kMinClasses = 2;
constexpr int kMaxClasses = 12;

const char* to_string(ClassifyMethod m);
// Accepts "quantile", "equal", "equal-interval", "stddev", "sd", "pretty", "headtail", "head-tail",
// "manual", "categorical", "category", "unique", "jenks", "natural", "natural-breaks". Throws nbhd::Error
// listing the methods otherwise.
ClassifyMethod parse_method(std::string_view s);

struct ClassifyOptions {
  ClassifyMethod method = ClassifyMethod::Quantile;
  int classes = 5;                    // 2..12; for pretty/stddev/head-tail the most classes wanted
  double sd_step = 1.0;               // StdDev: breaks every sd_step standard deviations
  double head_share = 0.4;            // HeadTail: keep splitting while the head is at most this share
  std::vector<double> manual_breaks;  // Manual: the inner breaks (upper bounds of all classes but the last)
  std::string column = "values";      // used in messages and notes
};

struct Classification {
  ClassifyMethod method = ClassifyMethod::Quantile;
  std::vector<double> breaks;      // ranged methods: classes()+1 values; categorical: empty
  std::vector<double> categories;  // categorical: the value of each class, ascending
  std::vector<int> class_of;       // per input value; -1 = no data
  std::vector<size_t> counts;      // per class
  size_t nodata = 0;
  std::vector<std::string> labels;  // per class, e.g. "12.5 - 20", "3"
  std::string note;                 // anything the user must know (uneven classes, fewer classes, ...)

  int classes() const { return static_cast<int>(counts.size()); }
  // Class of a new value under the same breaks/categories (-1 for NaN or an unseen category; values
  // outside the breaks go to the nearest end class).
  int class_for(double v) const;
};

// Throws nbhd::Error for classes outside 2..12 (not categorical), too many categories, and bad manual
// breaks. All-missing input gives zero classes (every value "No data") and a note; all-equal input gives
// one class and a note.
Classification classify(const std::vector<double>& values, const ClassifyOptions& opt);

// "No data" label used everywhere a legend shows missing values.
inline constexpr const char* kNoDataLabel = "No data";

}  // namespace nbhd
