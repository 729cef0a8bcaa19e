#pragma once
// Filecoin bitfields (go-bitfield): a set of u64 held as sorted, disjoint, non-adjacent runs,
// so sets such as "every sector below 2^40" stay small. Two wire forms: RLE+ bytes (the CBOR
// form in actor parameters and state) and the JSON form of the lotus API (run lengths starting
// with a run of unset bits: [5,1] = {5}, empty = [0]). Decoders are as strict as go-bitfield:
// a wrong version, a non-minimal run length, a zero-length run, trailing zero bytes or bits
// set after the last run are Error{BadInput} with the reason.
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace vseal::chain {

class BitField {
 public:
  struct Run {
    std::uint64_t start = 0, length = 0;  // [start, start + length)
    friend bool operator==(const Run&, const Run&) = default;
  };

  BitField() = default;
  static BitField of(std::span<const std::uint64_t> values);
  static BitField range(std::uint64_t start, std::uint64_t length);
  static BitField from_rle(std::span<const std::uint8_t> bytes);
  static BitField from_json(const nlohmann::json& runs);

  std::vector<std::uint8_t> rle() const;
  nlohmann::json json() const;

  bool empty() const { return runs_.empty(); }
  std::uint64_t count() const;
  bool contains(std::uint64_t v) const;
  std::optional<std::uint64_t> first() const;
  // The members in order; Error{BadInput} when there are more than `limit`.
  std::vector<std::uint64_t> values(std::uint64_t limit = 1u << 24) const;
  const std::vector<Run>& runs() const { return runs_; }

  void set(std::uint64_t v);
  BitField unite(const BitField& o) const;
  BitField intersect(const BitField& o) const;
  BitField subtract(const BitField& o) const;
  bool subset_of(const BitField& o) const { return subtract(o).empty(); }

  friend bool operator==(const BitField&, const BitField&) = default;

 private:
  void push(std::uint64_t start, std::uint64_t length);  // append in order, merging
  std::vector<Run> runs_;
};

}  // namespace vseal::chain
