#pragma once
// Shared pieces of the `vseal` inspection/benchmark CLI: each command group lives in its own
// cmd_<group>.cpp and registers a handler taking the words after the group name. Handlers
// print one JSON document on stdout and throw vseal::Error{BadInput} for bad arguments.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "field/fr.hpp"

namespace vseal::cli {

using Args = std::vector<std::string>;

int cmd_hash(const Args& args);
int cmd_merkle(const Args& args);
int cmd_poseidon(const Args& args);
int cmd_bench(const Args& args);
int cmd_selftest(const Args& args);
int cmd_porep(const Args& args);
int cmd_piece(const Args& args);
int cmd_cache(const Args& args);
int cmd_seal(const Args& args);
int porep_commd(const Args& args);
int cmd_post(const Args& args);
int cmd_c1(const Args& args);
int cmd_groth16(const Args& args);
int cmd_verify(const Args& args);
// vseal porep challenges|synthetic-set|public-inputs; -1 when `name` is none of them.
int porep_challenge_command(const std::string& name, const Args& args);

// Prints the JSON document followed by a newline.
void print_json(const nlohmann::json& doc);
// Parses a list of 32-byte little-endian hex field elements; `what` names them in errors.
std::vector<field::Fr> parse_field_elements(const std::vector<std::string>& hex,
                                            const std::string& what);
// Runs a Boost.Program_options parse over args, turning its exceptions into Error{BadInput}.
// Implemented in main.cpp so every command reports usage errors the same way.
[[noreturn]] void usage_error(const std::string& message);

}  // namespace vseal::cli
