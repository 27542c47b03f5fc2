#pragma once
// --within FIELD=VALUE: the areas of one local authority, ward, ... for local classes, ranks and flags.
#include <string>
#include <vector>

#include "geo/model/area_layer.hpp"
#include "geo/model/table.hpp"

namespace nbhd::cli {

// Row indices of `t` whose FIELD cell equals VALUE (exact, after trimming). An empty spec selects every
// row. Throws UsageError for a spec without '=', nbhd::Error for an unknown field and for an empty
// selection (naming a few values that do exist).
std::vector<size_t> select_rows(const Table& t, const std::string& spec, const std::string& where);

// The values of a numeric column at `rows`.
std::vector<double> values_at(const Column& c, const std::vector<size_t>& rows);

}  // namespace nbhd::cli
