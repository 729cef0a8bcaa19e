#pragma once
// Boost.Program_options glue for the vseal command handlers: parse a word list against a
// description with positional arguments, and report every parse problem as Error{BadInput}.
#include <array>
#include <boost/program_options.hpp>
#include <cstdint>

#include "hash/poseidon.hpp"
#include "porep/registered_proof.hpp"
#include "post/public_inputs.hpp"
#include "post/registered_post.hpp"
#include "vseal/cli.hpp"

namespace vseal::cli {

namespace po = boost::program_options;

po::variables_map parse_options(const Args& args, const po::options_description& desc,
                                const po::positional_options_description& positional);

// The 32-byte hex value of option --key (exactly 64 hex digits, else Error{BadInput}).
std::array<std::uint8_t, 32> bytes32_option(const po::variables_map& vm, const std::string& key);

// --key as 32 bytes; Error{BadInput} saying `why` it is needed when it is absent.
std::array<std::uint8_t, 32> required_bytes32(const po::variables_map& vm, const std::string& key,
                                              const std::string& why);

// "SECTOR_NUMBER:COMM_R_HEX", the form of --sector in the PoSt commands.
post::PublicSector parse_sector(const std::string& text);

// A registered proof named on the command line by its rust or go name or its numeric id
// (Error{BadInput} for anything else).
const porep::RegisteredSealProof& seal_proof_option(const std::string& text);
const post::RegisteredPostProof& post_proof_option(const std::string& text);

// A JSON file named on the command line; missing, unreadable or malformed is Error{BadInput}.
nlohmann::json read_json_file(const std::string& path);

// The value of --strength: "standard" (default) or "strengthened".
hash::PoseidonStrength parse_strength(const std::string& text);

}  // namespace vseal::cli
