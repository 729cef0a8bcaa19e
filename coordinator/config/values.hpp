#pragma once
// Value types of vcoord's configuration that need their own parsing: Go-style durations
// ("1h30m", "45s", "500ms") and FIL amounts ("5 nanoFIL", "0.25 FIL", "1000 attoFIL") held
// exactly in attoFIL, and miner actor ids. Parsers return nullopt on any malformed text; the config
// reader turns that into an error naming the file and line.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vseal::coord {

using Duration = std::chrono::milliseconds;

std::optional<Duration> parse_duration(std::string_view text);
std::string format_duration(Duration d);

struct FilAmount {
  __extension__ typedef unsigned __int128 u128;
  u128 atto = 0;

  friend bool operator==(const FilAmount&, const FilAmount&) = default;
  // Decimal attoFIL, as lotus' JSON API writes big integers.
  std::string atto_string() const;
  // The shortest "<n> <unit>" that is exact, e.g. "5 nanoFIL".
  std::string to_string() const;
};

std::optional<FilAmount> parse_fil(std::string_view text);

// A miner actor id written "1000", "f01000" or "t01000".
std::optional<std::uint64_t> parse_actor_id(std::string_view text);

}  // namespace vseal::coord
