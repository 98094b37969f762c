#include "compiler/cli/unified_diff.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace slipway::cli {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

enum class Op { Same, Del, Add };

/// Line edit script by LCS. Generated files are small (KBs), so the
/// quadratic table is fine; very large inputs fall back to delete-all/add-all.
std::vector<std::pair<Op, std::string>> edit_script(const std::vector<std::string>& a,
                                                    const std::vector<std::string>& b) {
  std::vector<std::pair<Op, std::string>> ops;
  size_t n = a.size(), m = b.size();
  if (n * m > 50'000'000) {
    for (const auto& l : a) ops.push_back({Op::Del, l});
    for (const auto& l : b) ops.push_back({Op::Add, l});
    return ops;
  }
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) { ops.push_back({Op::Same, a[i]}); ++i; ++j; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) ops.push_back({Op::Del, a[i++]});
    else ops.push_back({Op::Add, b[j++]});
  }
  while (i < n) ops.push_back({Op::Del, a[i++]});
  while (j < m) ops.push_back({Op::Add, b[j++]});
  return ops;
}

}  // namespace

std::string unified_diff(const std::string& a, const std::string& b, const std::string& a_label,
                         const std::string& b_label) {
  if (a == b) return "";
  auto ops = edit_script(split_lines(a), split_lines(b));
  std::ostringstream out;
  out << "--- " << a_label << "\n+++ " << b_label << "\n";
  const size_t context = 3;
  size_t k = 0;
  while (k < ops.size()) {
    // Find the next change, then grow a hunk around it.
    size_t change = k;
    while (change < ops.size() && ops[change].first == Op::Same) ++change;
    if (change == ops.size()) break;
    size_t start = change >= context ? change - context : 0;
    start = std::max(start, k);
    size_t end = change;
    size_t same_run = 0;
    while (end < ops.size()) {
      if (ops[end].first == Op::Same) {
        if (++same_run > 2 * context) break;
      } else {
        same_run = 0;
      }
      ++end;
    }
    end = std::min(ops.size(), end - (same_run > context ? same_run - context : 0));
    // Line numbers of the hunk in both files.
    size_t a_line = 1, b_line = 1;
    for (size_t x = 0; x < start; ++x) {
      if (ops[x].first != Op::Add) ++a_line;
      if (ops[x].first != Op::Del) ++b_line;
    }
    size_t a_count = 0, b_count = 0;
    for (size_t x = start; x < end; ++x) {
      if (ops[x].first != Op::Add) ++a_count;
      if (ops[x].first != Op::Del) ++b_count;
    }
    out << "@@ -" << (a_count ? a_line : a_line - 1) << "," << a_count << " +" << (b_count ? b_line : b_line - 1)
        << "," << b_count << " @@\n";
    for (size_t x = start; x < end; ++x) {
      out << (ops[x].first == Op::Same ? ' ' : ops[x].first == Op::Del ? '-' : '+') << ops[x].second << "\n";
    }
    k = end;
  }
  return out.str();
}

}  // namespace slipway::cli
