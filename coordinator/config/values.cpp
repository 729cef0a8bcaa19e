// Duration and FIL amount parsing (see values.hpp).
#include "config/values.hpp"

#include <array>
#include <cctype>

namespace vseal::coord {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Overflow-checked decimal to u128.
std::optional<FilAmount::u128> to_u128(std::string_view digits) {
  FilAmount::u128 v = 0;
  const FilAmount::u128 max = ~FilAmount::u128{0};
  for (char c : digits) {
    const unsigned d = static_cast<unsigned>(c - '0');
    if (v > (max - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

struct Unit {
  std::string_view name;
  int exponent;  // attoFIL per unit = 10^exponent
};
constexpr std::array<Unit, 14> kUnits = {{{"FIL", 18},
                                          {"milliFIL", 15},
                                          {"microFIL", 12},
                                          {"nanoFIL", 9},
                                          {"picoFIL", 6},
                                          {"femtoFIL", 3},
                                          {"attoFIL", 0},
                                          {"mFIL", 15},
                                          {"uFIL", 12},
                                          {"μFIL", 12},
                                          {"nFIL", 9},
                                          {"pFIL", 6},
                                          {"fFIL", 3},
                                          {"aFIL", 0}}};

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  // Go's time.ParseDuration subset: one or more <integer><unit>, unit in h, m, s, ms.
  if (text.empty()) return std::nullopt;
  std::int64_t total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i || j - i > 12) return std::nullopt;
    const std::int64_t n = std::stoll(std::string(text.substr(i, j - i)));
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string_view unit = text.substr(j, k - j);
    std::int64_t scale = 0;
    if (unit == "h")
      scale = 3600000;
    else if (unit == "m")
      scale = 60000;
    else if (unit == "s")
      scale = 1000;
    else if (unit == "ms")
      scale = 1;
    else
      return std::nullopt;
    total_ms += n * scale;
    if (total_ms > (std::int64_t{1} << 50)) return std::nullopt;
    i = k;
  }
  return Duration(total_ms);
}

std::string format_duration(Duration d) {
  std::int64_t ms = d.count();
  std::string out;
  const auto part = [&](std::int64_t scale, const char* unit) {
    if (ms >= scale) {
      out += std::to_string(ms / scale);
      out += unit;
      ms %= scale;
    }
  };
  part(3600000, "h");
  part(60000, "m");
  part(1000, "s");
  part(1, "ms");
  return out.empty() ? "0s" : out;
}

std::optional<FilAmount> parse_fil(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::size_t end = 0;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.'))
    ++end;
  std::string_view number = text.substr(0, end);
  std::string_view unit = text.substr(end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  int exponent = 18;  // a bare number is FIL, as in lotus
  if (!unit.empty()) {
    bool found = false;
    for (const Unit& u : kUnits) {
      if (u.name == unit) {
        exponent = u.exponent;
        found = true;
      }
    }
    if (!found) return std::nullopt;
  }
  const std::size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view frac =
      dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
  if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(frac)))
    return std::nullopt;
  // The fraction must fit the unit exactly: no sub-attoFIL amounts.
  while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
  if (static_cast<int>(frac.size()) > exponent) return std::nullopt;
  std::string digits(whole);
  digits += frac;
  digits.append(static_cast<std::size_t>(exponent) - frac.size(), '0');
  const auto v = to_u128(digits);
  if (!v) return std::nullopt;
  return FilAmount{*v};
}

std::string FilAmount::atto_string() const {
  if (atto == 0) return "0";
  std::string out;
  for (u128 v = atto; v != 0; v /= 10)
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
  return out;
}

std::string FilAmount::to_string() const {
  std::string digits = atto_string();
  for (const Unit& u : kUnits) {
    if (u.exponent == 0) break;
    const std::size_t zeros = static_cast<std::size_t>(u.exponent);
    if (digits.size() > zeros &&
        digits.compare(digits.size() - zeros, zeros, std::string(zeros, '0')) == 0) {
      std::string out = digits.substr(0, digits.size() - zeros);
      out += ' ';
      out += u.name;
      return out;
    }
  }
  digits += " attoFIL";
  return digits;
}

std::optional<std::uint64_t> parse_actor_id(std::string_view text) {
  if (text.size() > 2 && (text[0] == 'f' || text[0] == 't') && text[1] == '0')
    text.remove_prefix(2);
  if (text.empty() || text.size() > 19 ||
      text.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  return std::stoull(std::string(text));
}

}  // namespace vseal::coord
