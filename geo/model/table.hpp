#pragma once
// Columnar attribute table. Numeric columns hold doubles with NaN for missing; text columns hold strings
// ("" for missing). Column names are kept exactly as the source wrote them (spaces, '?', case).
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nbhd {

enum class ColumnType {
  Integer,  // numeric, every non-missing value integral (written as OGR Integer64)
  Real,     // numeric
  Boolean,  // TRUE/FALSE in the source, stored as 1/0 (written as OGR Integer, subtype Boolean)
  Text,
};

const char* to_string(ColumnType t);

struct Column {
  std::string name;
  ColumnType type = ColumnType::Text;
  std::vector<double> num;        // numeric types only; NaN = missing
  std::vector<std::string> text;  // Text only; "" = missing

  bool numeric() const { return type != ColumnType::Text; }
  size_t size() const { return numeric() ? num.size() : text.size(); }
  bool missing(size_t row) const { return numeric() ? std::isnan(num[row]) : text[row].empty(); }
  // The cell as text: numbers formatted without trailing zeros, missing as "".
  std::string cell(size_t row) const;
};

class Table {
 public:
  Table() = default;
  explicit Table(std::string source) : source_(std::move(source)) {}

  const std::string& source() const { return source_; }
  size_t rows() const { return rows_; }
  size_t columns() const { return cols_.size(); }
  const std::vector<Column>& cols() const { return cols_; }
  const Column& col(size_t i) const { return cols_[i]; }

  std::optional<size_t> find(std::string_view name) const;
  // Exact look-up; throws nbhd::Error naming the table and suggesting a case-insensitive match or listing
  // the columns when the name is unknown.
  const Column& column(std::string_view name) const;
  // As column(), and also throws when the column is not numeric.
  const Column& numeric(std::string_view name) const;

  // Adds a column; its size must equal rows() (or set rows() when the table is empty of columns).
  // Throws when a column of that name exists.
  Column& add(Column c);
  void set_rows(size_t n) { rows_ = n; }

  // Numeric columns the reader skipped because the caller did not need them (read_table's
  // `numeric_columns`): they are named in unknown-column messages as if present, so a typo still gets
  // its suggestion.
  const std::vector<std::string>& unread() const { return unread_; }
  // Where unread()[i] stood: before the column that had index unread_position(i) (== columns(): last).
  size_t unread_position(size_t i) const { return unread_at_[i]; }
  // Records a skipped column at the current end, before the next column added.
  void add_unread(std::string name) {
    unread_.push_back(std::move(name));
    unread_at_.push_back(cols_.size());
  }

  // How the reader took the file when it was not a plain comma-separated UTF-8 table with its header
  // first, for the join report: "sheet 'Data' (...); header on line 4; semicolon-separated". "" = plainly.
  const std::string& how_read() const { return how_read_; }
  void set_how_read(std::string s) { how_read_ = std::move(s); }
  // Cells read as missing because they held a suppression marker ("..", "x", ...): per column, in order.
  const std::vector<std::pair<std::string, size_t>>& suppressed() const { return suppressed_; }
  void add_suppressed(std::string column, size_t cells) {
    suppressed_.emplace_back(std::move(column), cells);
  }

 private:
  std::string source_;
  size_t rows_ = 0;
  std::vector<Column> cols_;
  std::vector<std::string> unread_;
  std::vector<size_t> unread_at_;
  std::string how_read_;
  std::vector<std::pair<std::string, size_t>> suppressed_;
};

// The type of a column, decided from its cells as they come (the CSV reader streams rows; XLSX cells
// arrive as text): Boolean when every non-blank cell is TRUE/FALSE (case-insensitive), Integer/Real when
// every non-blank cell parses as a number (C locale, whole cell), otherwise Text. Blank cells are missing
// and say nothing; an all-blank column is Real (all NaN). One rule for every table format.
class CellTyper {
 public:
  // Takes one trimmed, non-blank cell; returns its value while the column can still be numeric or
  // Boolean (TRUE = 1, FALSE = 0), NaN once it cannot.
  double add(std::string_view cell);
  bool any() const { return any_; }  // a non-blank cell was seen
  bool is_text() const { return !maybe_num_ && !maybe_bool_; }
  ColumnType type() const;

 private:
  bool maybe_num_ = true, maybe_bool_ = true, all_int_ = true, any_ = false;
};

// A column from its raw cells, typed by CellTyper (cells are trimmed; blank = missing).
Column make_column(std::string name, const std::vector<std::string_view>& cells);

// Locale-independent full-string number parse; surrounding spaces allowed. nullopt when not a number.
std::optional<double> parse_number(std::string_view s);

std::string_view trim(std::string_view s);

}  // namespace nbhd
