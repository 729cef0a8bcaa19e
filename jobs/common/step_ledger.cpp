// Step ledger (see step_ledger.hpp).
#include "jobs/common/step_ledger.hpp"

#include "io/atomic_file.hpp"

namespace vseal::jobs {

StepLedger::StepLedger(std::filesystem::path path, std::string spec_digest)
    : path_(std::move(path)), spec_digest_(std::move(spec_digest)) {
  if (!std::filesystem::exists(path_)) return;
  try {
    const auto doc = nlohmann::json::parse(io::read_text_file(path_));
    if (doc.at("spec_sha256") == spec_digest_ && doc.at("steps").is_array()) {
      steps_ = doc.at("steps");
      fresh_ = false;
    }
  } catch (const nlohmann::json::exception&) {
    // An unreadable ledger is treated as no ledger: everything is redone.
  }
}

std::optional<nlohmann::json> StepLedger::step(const std::string& name) const {
  for (const auto& s : steps_) {
    if (s.at("step") == name) return s;
  }
  return std::nullopt;
}

void StepLedger::complete(const std::string& name, nlohmann::json detail) {
  forget_from(name);
  detail["step"] = name;
  steps_.push_back(std::move(detail));
  save();
}

void StepLedger::forget_from(const std::string& name) {
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    if (steps_[i].at("step") == name) {
      steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(i), steps_.end());
      save();
      return;
    }
  }
}

void StepLedger::reset() {
  steps_ = nlohmann::json::array();
  save();
}

void StepLedger::save() const {
  io::write_file_atomic(path_,
                        nlohmann::json{{"spec_sha256", spec_digest_}, {"steps", steps_}}.dump(2));
}

}  // namespace vseal::jobs
