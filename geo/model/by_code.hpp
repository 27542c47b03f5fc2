#pragma once
// Values of one table's column brought to another list of area codes by code: the small join the
// statistics need for weights and groups (a population table, an LSOA -> local authority lookup).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

// The column `field` of `t` for each of `codes`, matched on t's `key` column ("" = its first column).
// Codes that `t` lacks get NaN / "" and are listed in `missing` when given. Throws nbhd::Error for
// unknown columns (naming the table), a non-numeric field in numbers_by_code, and duplicate keys in `t`
// whose rows disagree on `field`.
std::vector<double> numbers_by_code(const std::vector<std::string>& codes, const Table& t,
                                    std::string_view key, std::string_view field,
                                    std::vector<std::string>* missing = nullptr);
std::vector<std::string> text_by_code(const std::vector<std::string>& codes, const Table& t,
                                      std::string_view key, std::string_view field,
                                      std::vector<std::string>* missing = nullptr);

// The key column's cells.
std::vector<std::string> codes_of(const Table& t, std::string_view key);

}  // namespace nbhd
