#pragma once
// What the vcoord subcommands share: the home directory's layout and option parsing. The
// commands themselves live one group per file (vcoord_main.cpp: setup and state queries,
// daemon_cmd.cpp: daemon run, chain_cmds.cpp: chain and sector operations).
#include <boost/program_options.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "state/store.hpp"

namespace vseal::coord {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

struct Home {
  std::filesystem::path dir;
  std::string net;
  std::filesystem::path config() const { return dir / "vcoord.toml"; }
  std::filesystem::path state() const { return dir / "state.db"; }
  std::filesystem::path secret() const { return dir / "token-secret"; }
  // The URL of the running daemon's API (written when it serves, removed when it stops).
  std::filesystem::path api_file() const { return dir / "api"; }
  // The built-in dev chain's blocks, and the address/token files a running daemon writes so
  // the CLI can reach the chain it serves.
  std::filesystem::path devchain_dir() const { return dir / "devchain"; }
  std::filesystem::path devchain_api() const { return devchain_dir() / "api"; }
  std::filesystem::path devchain_token() const { return devchain_dir() / "token"; }
  StateStore open_state() const {
    if (!std::filesystem::exists(state()))
      throw Error(ErrorCode::BadInput,
                  "no state database at " + state().string() + ": run 'vcoord daemon init' first");
    return StateStore(state());
  }
};

inline po::variables_map parse(const Args& args, po::options_description& desc,
                               const po::positional_options_description& pos) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw Error(ErrorCode::BadInput, e.what());
  }
  return vm;
}

class ChainClient;
struct Config;
// The configured node, or the dev chain of a running daemon (Error{BadInput} saying to start
// the daemon when it is not running).
std::unique_ptr<ChainClient> connect_configured_chain(const Home& home, const Config& cfg);
std::filesystem::path executable_dir();
// The V1_1 seal proof id of a sector size (what vcoord seals new sectors with).
int seal_proof_for(std::uint64_t sector_size);

int daemon_run(const Home& home, const Args& args);
int util_cmd(const Home& home, const Args& args);
int sectors_pledge(const Home& home, const Args& args);
int sectors_abort(const Home& home, const Args& args);
int report_cmd(const Home& home, const Args& args);
int proving_cmd(const Home& home, const Args& args);
int stores_cmd(const Home& home, const Args& args);

}  // namespace vseal::coord
