#pragma once
// The Indices of Deprivation summary measures of larger areas (local authorities) from their LSOAs, as
// the English Indices of Deprivation technical report defines them.
//
// Contract (w = the LSOA's population weight; 1 for every LSOA when no weight is given, which makes
// every measure unweighted; N = LSOAs ranked nationally; rank 1 = most deprived):
// - average rank   = sum(w * rank) / sum(w)                       (rank 1 of areas: the lowest)
// - average score  = sum(w * score) / sum(w)                      (rank 1: the highest)
// - proportion     = LSOAs in the national decile 1 (rank <= floor(N / 10)) / LSOAs, unweighted as in
//                    the report ("proportion of LSOAs in the most deprived 10%")      (rank 1: highest)
// - extent         = sum(w * e) / sum(w), e = 1 for LSOAs in the most deprived 10% nationally, falling
//                    linearly from 0.95 at the 11th percentile to 0.05 at the 30th, 0 beyond; percentile
//                    = ceil(100 * rank / N)                                             (rank 1: highest)
// - local concentration = the w-weighted average rank of the area's most deprived LSOAs that together
//                    hold exactly 10% of its w (the last LSOA counted in part)         (rank 1: lowest)
// Areas are ranked on each measure with ties sharing the lowest rank.
#include <cstddef>
#include <string>
#include <vector>

#include "geo/model/table.hpp"

namespace nbhd {

struct IodLsoas {
  std::vector<std::string> group;  // per LSOA: the larger area; "" = none (left out, counted)
  std::vector<double> rank;        // national rank, 1 = most deprived; NaN = missing
  std::vector<double> score;       // optional (empty = no average score)
  std::vector<double> weight;      // optional (empty = unweighted); must be > 0 where given
  size_t national_n = 0;           // N; 0 = the number of LSOAs with a rank
};

struct IodAreaSummary {
  std::string code;
  size_t lsoas = 0;
  double weight = 0;  // sum of w
  double average_rank = 0, average_score = 0, proportion = 0, extent = 0, local_concentration = 0;
  size_t rank_average_rank = 0, rank_average_score = 0, rank_proportion = 0, rank_extent = 0,
         rank_local_concentration = 0;
};

struct IodSummary {
  std::vector<IodAreaSummary> areas;  // in code order
  size_t national_n = 0;
  size_t lsoas_without_group = 0;
  size_t lsoas_without_rank = 0;
};

// Throws nbhd::Error for mismatched lengths, a rank outside 1..N, and blank, zero or negative weights
// (counted, with the first codes when `codes` is given).
IodSummary summarise_iod(const IodLsoas& in, const std::vector<std::string>* codes = nullptr);

// The weight of an LSOA at national rank `rank` of N in the extent measure.
double extent_weight(double rank, size_t n);

// The summarise command's options: columns of an LSOA table, the grouping and the weights.
struct SummariseOptions {
  std::string key;                // LSOA code column of the table ("" = first column)
  std::string rank;               // national rank column (1 = most deprived)
  std::string score;              // optional score column
  std::string by;                 // group column: of `groups` when given, else of the table
  const Table* groups = nullptr;  // e.g. an LSOA -> ward -> local authority lookup
  std::string groups_key;         // its LSOA code column ("" = first column)
  std::string weight;             // optional weight column: of `weights` when given, else of the table
  const Table* weights = nullptr;
  std::string weights_key;
  size_t national_n = 0;  // 0 = the LSOAs ranked in the table
};

IodSummary summarise_table(const Table& lsoas, const SummariseOptions& opt);

// code, [name], lsoas, weight, then each measure and its rank among the areas; in code order.
// `names` (per area, optional) fills a `<by stem>_name` column.
Table summary_table(const IodSummary& s, const std::string& by,
                    const std::vector<std::string>* names = nullptr);

}  // namespace nbhd
