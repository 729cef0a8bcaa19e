#pragma once
// The record of a job's completed steps (a finished layer, a finished sub-tree), so a restarted
// job resumes after the last one. The ledger file is replaced atomically after each step and is
// bound to the spec it was made for: a different spec starts from scratch. A step counts only
// once its outputs are durable and its digest is recorded; readers re-check that digest.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace vseal::jobs {

class StepLedger {
 public:
  // Loads `path` if it belongs to `spec_digest`; otherwise starts empty (fresh() is then true).
  StepLedger(std::filesystem::path path, std::string spec_digest);

  bool fresh() const { return fresh_; }
  std::optional<nlohmann::json> step(const std::string& name) const;
  // Records a completed step and makes the ledger durable before returning.
  void complete(const std::string& name, nlohmann::json detail);
  // Drops every step from `name` on (they are redone).
  void forget_from(const std::string& name);
  void reset();

 private:
  void save() const;
  std::filesystem::path path_;
  std::string spec_digest_;
  nlohmann::json steps_ = nlohmann::json::array();
  bool fresh_ = true;
};

}  // namespace vseal::jobs
