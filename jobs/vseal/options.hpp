#pragma once
// Boost.Program_options glue for the vseal command handlers: parse a word list against a
// description with positional arguments, and report every parse problem as Error{BadInput}.
#include <boost/program_options.hpp>

#include "hash/poseidon.hpp"
#include "vseal/cli.hpp"

namespace vseal::cli {

namespace po = boost::program_options;

po::variables_map parse_options(const Args& args, const po::options_description& desc,
                                const po::positional_options_description& positional);

// The value of --strength: "standard" (default) or "strengthened".
hash::PoseidonStrength parse_strength(const std::string& text);

}  // namespace vseal::cli
