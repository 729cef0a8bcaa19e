#pragma once
// Runs the built `vseal` binary (VSEAL_BIN_DIR) with a command line and captures exit code,
// stdout and stderr; run_json also expects exit 0 and parses stdout.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace vseal::testing {

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

inline Result run_vseal(const std::string& args) {
  char err_path[] = "/tmp/vseal_cli_err_XXXXXX";
  const int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  const std::string cmd = std::string(VSEAL_BIN_DIR) + "/vseal " + args + " 2>" + err_path;
  Result r{-1, "", ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (FILE* e = fopen(err_path, "r")) {
    while ((n = fread(buf, 1, sizeof buf, e)) > 0) r.err.append(buf, n);
    fclose(e);
  }
  std::remove(err_path);
  return r;
}

inline nlohmann::json run_json(const std::string& args) {
  const Result r = run_vseal(args);
  EXPECT_EQ(r.exit_code, 0) << "vseal " << args.substr(0, 200) << "\nstderr: " << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

}  // namespace vseal::testing
