// The vcoord binary: daemon init writes a configuration it accepts and a state database, never
// overwrites, config check reports file:line, and the sector/job listings read the state.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api/jwt.hpp"
#include "state/store.hpp"
#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

struct Out {
  int code;
  std::string out, err;
};

Out vcoord(const std::string& args) {
  const std::string err_path = "/tmp/vcoord_cli_err_" + std::to_string(::getpid());
  const std::string cmd = std::string(VSEAL_BIN_DIR) + "/vcoord " + args + " 2>" + err_path;
  Out r{-1, "", ""};
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_path);
  r.err.assign(std::istreambuf_iterator<char>(e), std::istreambuf_iterator<char>());
  std::remove(err_path.c_str());
  return r;
}

TEST(VcoordCli, InitCheckAndListings) {
  const auto home = vseal::testing::temp_dir("vcoord-cli") / "home";
  const std::string h = "--home " + home.string() + " ";
  auto r = vcoord(h + "--net devnet daemon init");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto init = nlohmann::json::parse(r.out);
  EXPECT_EQ(init["schema_version"], StateStore::kSchemaVersion);
  EXPECT_TRUE(std::filesystem::exists(home / "vcoord.toml"));
  EXPECT_TRUE(std::filesystem::exists(home / "state.db"));
  EXPECT_EQ(std::filesystem::status(home).permissions() & std::filesystem::perms::others_all,
            std::filesystem::perms::none);
  r = vcoord(h + "daemon init");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("never overwrites"), std::string::npos) << r.err;

  r = vcoord(h + "config check");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["chain"], "built-in dev chain");
  std::ofstream(home / "bad.toml") << "[SectorManager]\nMiners = [{ID = "
                                      "1000}]\n\n[Commitment.DefaultPolicy]\nMsgConfidance = 3\n";
  r = vcoord(h + "config check " + (home / "bad.toml").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.toml:5: unknown key 'MsgConfidance' in [Commitment.DefaultPolicy]"),
            std::string::npos)
      << r.err;

  {
    StateStore s(home / "state.db");
    s.upsert_miner(1000, 0, 100, 5);
    s.allocate_sectors(1000, 2);
    s.transition(1000, 2, "Allocated", "TicketAssigned", "ticket from epoch 90");
    s.insert_job({"pc1-1000-2-1", 1000, 2, "pc1", 1, "local", "777", "running", "spec", "dir",
                  std::nullopt, 0, 0, std::nullopt});
  }
  r = vcoord(h + "sectors list --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["state"], "TicketAssigned");
  r = vcoord(h + "sectors status 2 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto status = nlohmann::json::parse(r.out);
  ASSERT_EQ(status["history"].size(), 2u);
  EXPECT_EQ(status["history"][1]["detail"], "ticket from epoch 90");
  r = vcoord(h + "sectors status 2");
  EXPECT_NE(r.out.find("sector 1000/2: TicketAssigned"), std::string::npos) << r.out;
  r = vcoord(h + "jobs list --active --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).at(0)["handle"], "777");
  r = vcoord(h + "sectors status 9");
  EXPECT_EQ(r.code, 2);
  r = vcoord("--home " + (home / "nowhere").string() + " sectors list");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("run 'vcoord daemon init' first"), std::string::npos) << r.err;
  r = vcoord(h + "auth create-token --perm write");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string token = r.out.substr(0, r.out.find('\n'));
  const auto secret = load_or_create_secret(home / "token-secret");
  EXPECT_EQ(verify_token(token, secret), (std::vector<std::string>{"read", "write"}));
  r = vcoord(h + "auth create-token --perm root");
  EXPECT_EQ(r.code, 2);
  r = vcoord(h + "--net moon sectors list");
  EXPECT_EQ(r.code, 2);
  // A miner the configuration disables gets no new sectors (refused before the chain is asked).
  {
    std::ifstream in(home / "vcoord.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from =
        "#Miners = [{ID = 1000, InitNumber = 0, MaxNumber = 1000000, "
        "Disabled = false}]";
    ASSERT_NE(text.find(from), std::string::npos);
    text.replace(text.find(from), from.size(),
                 "Miners = [{ID = 1000, InitNumber = 0, MaxNumber = 1000000, Disabled = true}]");
    std::ofstream(home / "vcoord.toml") << text;
  }
  r = vcoord(h + "sectors pledge --miner 1000");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("miner 1000 is Disabled in [SectorManager] Miners"), std::string::npos)
      << r.err;
  EXPECT_EQ(StateStore(home / "state.db").sectors().size(), 2u);
  std::filesystem::remove_all(home.parent_path());
}

}  // namespace
}  // namespace vseal::coord
