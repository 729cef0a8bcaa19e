#pragma once
// The vseal-wdpost job spec (docs/job-specs.md): one Window PoSt — the proof type, the chain's
// randomness and the sectors to prove (ascending, with comm_r and where their files are) —
// and the output directory. Parsed strictly: unknown or missing fields are Error{BadInput}.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "post/registered_post.hpp"
#include "post/vanilla_post.hpp"

namespace vseal::wdpost {

struct WdpostSpec {
  std::uint64_t miner = 0;
  std::optional<std::uint64_t> deadline;  // informational, echoed in result.json
  const post::RegisteredPostProof* proof = nullptr;
  post::Bytes32 randomness{};
  std::vector<post::ProvableSector> sectors;  // ascending sector number
  std::filesystem::path out;                  // result.json, vanilla.json, sectors/
  std::string sha256;                         // of what determines the output
};

WdpostSpec parse_wdpost_spec(const std::filesystem::path& file);

}  // namespace vseal::wdpost
