#pragma once
// The C1 output in the JSON form Lotus and Curio pass from C1 to C2 (filecoin-ffi serialises
// rust-filecoin-proofs-api's SealCommitPhase1Output with serde_json; commit-and-post.md §4.5,
// docs/formats.md): every 32-byte value is an array of 32 numbers, Merkle proofs are
// {"data": {"Single"|"Sub"|"Top": {...}}}, columns carry "_h": null. Only registered proof
// types can be written (the format names them). The parser is strict: unknown or missing
// members, wrong lengths, values outside 0..255 and a proof shape that does not fit the
// sector size are Error{BadInput} with the JSON path of the offending member.
#include <string>

#include <nlohmann/json.hpp>

#include "porep/vanilla_proof.hpp"

namespace vseal::porep {

nlohmann::json c1_output_to_json(const C1Output& c1);
C1Output c1_output_from_json(const nlohmann::json& doc);

}  // namespace vseal::porep
