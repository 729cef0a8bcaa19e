#pragma once
// Helpers for tests that drive the vcoord executable: run a subcommand against a home
// directory, read sector states, wait for a condition.
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace vseal::testing {

inline const std::string kVcoord = std::string(VSEAL_BIN_DIR) + "/vcoord";

struct Cli {
  int exit_code;
  std::string out;
};

// `vcoord --home HOME ARGS`; stdout returned, stderr appended to <home>/../cli.err.
inline Cli vcoord(const std::filesystem::path& home, const std::string& args) {
  const auto out_path = home.parent_path() / "cli.out";
  const std::string cmd = kVcoord + " --home " + home.string() + " " + args + " >" +
                          out_path.string() + " 2>>" + (home.parent_path() / "cli.err").string();
  const int rc = std::system(cmd.c_str());
  std::ifstream in(out_path);
  std::stringstream s;
  s << in.rdbuf();
  return {WEXITSTATUS(rc), s.str()};
}

// Every sector's state, in number order, each followed by a space.
inline std::string sector_states(const std::filesystem::path& home) {
  const auto r = vcoord(home, "sectors list --json");
  std::string out;
  for (const auto& s : nlohmann::json::parse(r.out)) out += s["state"].get<std::string>() + " ";
  return out;
}

inline bool wait_for(const std::function<bool()>& cond, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return cond();
}

// Replaces the first occurrence of `from` in <home>/vcoord.toml (the test fails loudly when
// the default configuration no longer has it).
inline bool edit_config(const std::filesystem::path& home, const std::string& from,
                        const std::string& to) {
  std::ifstream in(home / "vcoord.toml");
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const auto at = text.find(from);
  if (at == std::string::npos) return false;
  text.replace(at, from.size(), to);
  std::ofstream(home / "vcoord.toml") << text;
  return true;
}

// `vcoord --net devnet daemon init` with the API on any free loopback port (the default 1789
// would collide between tests running at once); the daemon writes the port to <home>/api.
inline bool init_devnet_home(const std::filesystem::path& home) {
  return vcoord(home, "--net devnet daemon init").exit_code == 0 &&
         edit_config(home, "Listen = \"127.0.0.1:1789\"", "Listen = \"127.0.0.1:0\"");
}

// A loopback port nobody listens on right now (for a dev chain that must keep its address
// across daemon restarts).
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// The address and admin token a running daemon wrote for its built-in dev chain.
struct DevChainEndpoint {
  std::string url, token;
};
inline DevChainEndpoint dev_chain_endpoint(const std::filesystem::path& home) {
  DevChainEndpoint e;
  std::ifstream api(home / "devchain" / "api"), token(home / "devchain" / "token");
  std::getline(api, e.url);
  std::getline(token, e.token);
  return e;
}

// `vcoord --home HOME daemon run --tick TICK_MS`, to spawn.
inline std::vector<std::string> daemon_argv(const std::filesystem::path& home, int tick_ms) {
  return {kVcoord, "--home", home.string(), "daemon", "run", "--tick", std::to_string(tick_ms)};
}

// Once the daemon's built-in dev chain serves (its api file exists): miner t01000 with 2KiB
// sectors and `count` CC sectors pledged. False if any step failed.
inline bool create_miner_and_pledge(const std::filesystem::path& home, int count) {
  return wait_for([&] { return std::filesystem::exists(home / "devchain" / "api"); },
                  std::chrono::seconds(30)) &&
         vcoord(home, "util miner create --sector-size 2KiB").exit_code == 0 &&
         vcoord(home, "sectors pledge --miner 1000 --count " + std::to_string(count)).exit_code ==
             0;
}

}  // namespace vseal::testing
