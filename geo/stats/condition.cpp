#include "geo/stats/condition.hpp"

#include <cctype>
#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "base/text.hpp"

namespace nbhd {

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// A hand-written recursive-descent parser over the raw text: column names may hold spaces and '?', so
// the lexer reads bare words and the parser joins them up to the operator.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Condition parse() {
    skip();
    if (pos_ == s_.size()) fail("the condition is empty; write e.g. 'IMD_decile = 1 AND CNI_rank <= 3375'");
    Condition c = expr();
    skip();
    if (pos_ != s_.size()) fail("expected AND, OR or the end");
    return c;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("condition '" + std::string(s_) + "' at character " + std::to_string(pos_ + 1) + ": " + what);
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  static bool op_char(char c) { return c == '=' || c == '<' || c == '>' || c == '!'; }
  static bool stop_char(char c) {
    return op_char(c) || c == '(' || c == ')' || c == ',' || std::isspace(static_cast<unsigned char>(c));
  }
  // The next bare word (no quotes), without consuming it.
  std::string_view peek_word() const {
    size_t p = pos_;
    while (p < s_.size() && !stop_char(s_[p])) ++p;
    return s_.substr(pos_, p - pos_);
  }
  bool keyword(std::string_view kw) {
    skip();
    std::string_view w = peek_word();
    if (lower(w) != kw) return false;
    pos_ += w.size();
    return true;
  }

  Condition combine(Condition::Kind kind, Condition first, Condition (Parser::*next)(), std::string_view kw) {
    Condition c;
    c.kind = kind;
    c.parts.push_back(std::move(first));
    while (keyword(kw)) c.parts.push_back((this->*next)());
    if (c.parts.size() == 1) return std::move(c.parts[0]);
    return c;
  }
  Condition expr() { return combine(Condition::Kind::Or, term(), &Parser::term, "or"); }
  Condition term() { return combine(Condition::Kind::And, factor(), &Parser::factor, "and"); }

  Condition factor() {
    skip();
    if (pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      Condition c = expr();
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') fail("expected ')'");
      ++pos_;
      return c;
    }
    Condition c;
    c.leaf = leaf();
    return c;
  }

  std::string quoted() {
    char q = s_[pos_++];
    size_t end = s_.find(q, pos_);
    if (end == std::string_view::npos) fail(std::string("unclosed ") + q);
    std::string name(s_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return name;
  }

  // A column name: quoted, or bare words up to an operator, ',' or ')'.
  std::string column_name() {
    skip();
    if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '`')) return quoted();
    size_t start = pos_;
    while (pos_ < s_.size() && !op_char(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != ')' && s_[pos_] != '(')
      ++pos_;
    std::string name(trim(s_.substr(start, pos_ - start)));
    if (name.empty()) {
      pos_ = start;
      fail("expected a column name");
    }
    return name;
  }

  CondLeaf leaf() {
    CondLeaf l;
    size_t start = pos_;
    skip();
    std::string_view w = peek_word();
    size_t after = pos_ + w.size();
    while (after < s_.size() && std::isspace(static_cast<unsigned char>(s_[after]))) ++after;
    if (lower(w) == "decile" && after < s_.size() && s_[after] == '(') {
      pos_ = after + 1;
      l.column = column_name();
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ',')
        fail("decile() takes a column and N (areas the rank is out of) or worse=high|low");
      ++pos_;
      skip();
      size_t p = pos_;
      while (p < s_.size() && s_[p] != ')') ++p;
      if (p == s_.size()) fail("expected ')'");
      std::string arg(trim(s_.substr(pos_, p - pos_)));
      if (lower(arg).rfind("worse=", 0) == 0) {
        l.operand = CondLeaf::Operand::DecileByRanking;
        l.worse = parse_worse(arg.substr(6));
      } else {
        auto n = parse_number(arg);
        if (!n || *n < 1 || std::floor(*n) != *n)
          fail("decile(" + l.column + ", N): N must be a whole number of areas, 1 or more (got '" + arg +
               "')");
        l.operand = CondLeaf::Operand::DecileOfRank;
        l.n = static_cast<size_t>(*n);
      }
      pos_ = p + 1;
    } else {
      l.column = column_name();
    }
    skip();
    size_t op_start = pos_;
    while (pos_ < s_.size() && op_char(s_[pos_])) ++pos_;
    std::string op(s_.substr(op_start, pos_ - op_start));
    if (op == "=" || op == "==")
      l.op = CondOp::Eq;
    else if (op == "!=")
      l.op = CondOp::Ne;
    else if (op == "<")
      l.op = CondOp::Lt;
    else if (op == "<=")
      l.op = CondOp::Le;
    else if (op == ">")
      l.op = CondOp::Gt;
    else if (op == ">=")
      l.op = CondOp::Ge;
    else {
      pos_ = op_start;
      fail(op.empty() ? "expected an operator (= != < <= > >=) after '" + l.column + "'"
                      : "unknown operator '" + op + "'");
    }
    skip();
    std::string_view v = peek_word();
    if (v.empty()) fail("expected a number or TRUE/FALSE");
    std::string lv = lower(v);
    if (lv == "true")
      l.value = 1;
    else if (lv == "false")
      l.value = 0;
    else if (auto x = parse_number(v))
      l.value = *x;
    else
      fail("'" + std::string(v) + "' is not a number or TRUE/FALSE");
    pos_ += v.size();
    if (l.operand != CondLeaf::Operand::Column &&
        (l.value < 1 || l.value > 10 || std::floor(l.value) != l.value)) {
      pos_ -= v.size();
      fail("a decile is a whole number from 1 to 10 (got " + std::string(v) + ")");
    }
    l.text = std::string(trim(s_.substr(start, pos_ - start)));
    return l;
  }
};

bool compare(double v, CondOp op, double t) {
  switch (op) {
    case CondOp::Eq:
      return v == t;
    case CondOp::Ne:
      return v != t;
    case CondOp::Lt:
      return v < t;
    case CondOp::Le:
      return v <= t;
    case CondOp::Gt:
      return v > t;
    case CondOp::Ge:
      return v >= t;
  }
  return false;
}

void collect(const Condition& c, std::vector<const CondLeaf*>& out) {
  if (c.kind == Condition::Kind::Leaf) out.push_back(&c.leaf);
  for (const auto& p : c.parts) collect(p, out);
}

LeafResult eval_leaf(const CondLeaf& l, const Table& t) {
  LeafResult r;
  r.text = l.text;
  const Column& c = t.numeric(l.column);
  const size_t n = t.rows();
  r.value.assign(n, kNaN);
  r.margin.assign(n, kNaN);
  r.pass.assign(n, 0);
  if (l.operand == CondLeaf::Operand::Column) {
    for (size_t i = 0; i < n; ++i) {
      r.value[i] = c.num[i];
      r.margin[i] = c.num[i] - l.value;
    }
  } else {
    size_t over = l.n;
    if (l.operand == CondLeaf::Operand::DecileOfRank) {
      r.rank = c.num;
    } else {
      Ranking rk = rank_values(c.num, l.worse);
      r.rank = std::move(rk.rank);
      over = rk.ranked;
    }
    // The last rank inside decile d: decile = ceil(10 r / N) <= d  <=>  r <= d N / 10.
    auto last_rank = [&](double d) { return std::floor(d * static_cast<double>(over) / 10.0 + 1e-9); };
    double bound = l.op == CondOp::Lt ? last_rank(l.value - 1)
                   : l.op == CondOp::Gt || l.op == CondOp::Ge
                       ? last_rank(l.value - (l.op == CondOp::Ge ? 1 : 0))
                       : last_rank(l.value);
    for (size_t i = 0; i < n; ++i) {
      if (std::isnan(r.rank[i])) continue;
      r.value[i] = ntile(r.rank[i], over, 10);
      r.margin[i] = r.rank[i] - bound;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(r.value[i])) {
      ++r.missing;
      continue;
    }
    r.pass[i] = compare(r.value[i], l.op, l.value);
  }
  return r;
}

std::vector<char> combine(const Condition& c, const std::vector<LeafResult>& leaves, size_t& next) {
  if (c.kind == Condition::Kind::Leaf) return leaves[next++].pass;
  std::vector<char> acc;
  for (const auto& p : c.parts) {
    std::vector<char> v = combine(p, leaves, next);
    if (acc.empty())
      acc = std::move(v);
    else
      for (size_t i = 0; i < acc.size(); ++i)
        acc[i] = c.kind == Condition::Kind::And ? (acc[i] && v[i]) : (acc[i] || v[i]);
  }
  return acc;
}
}  // namespace

Condition parse_condition(std::string_view text) {
  return Parser(text).parse();
}

std::vector<const CondLeaf*> condition_leaves(const Condition& c) {
  std::vector<const CondLeaf*> out;
  collect(c, out);
  return out;
}

ConditionResult evaluate_condition(const Condition& c, const Table& t) {
  ConditionResult r;
  for (const CondLeaf* l : condition_leaves(c)) r.leaves.push_back(eval_leaf(*l, t));
  size_t next = 0;
  r.pass = combine(c, r.leaves, next);
  for (char p : r.pass) r.passed += p ? 1 : 0;
  return r;
}

}  // namespace nbhd
