#pragma once
// Strict reading of JSON job specs: every field a stage reads is declared by reading it; after
// reading, finish() rejects any field that was not read. Missing, mistyped or unknown fields are
// Error{BadInput} naming the field's path ("spec.paths.scratch"), so the job exits with 2.
#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vseal::jobs {

// Parses a spec file; syntax errors name the file and byte offset.
nlohmann::json load_spec_file(const std::filesystem::path& path);

class SpecObject {
 public:
  SpecObject(const nlohmann::json& value, std::string path);

  std::string string(const std::string& key);
  std::optional<std::string> optional_string(const std::string& key);
  std::uint64_t u64(const std::string& key);
  std::optional<std::uint64_t> optional_u64(const std::string& key);
  std::optional<bool> optional_bool(const std::string& key);
  std::array<std::uint8_t, 32> hex32(const std::string& key);
  std::optional<std::array<std::uint8_t, 32>> optional_hex32(const std::string& key);
  SpecObject object(const std::string& key);
  std::optional<SpecObject> optional_object(const std::string& key);
  // A non-empty array of objects, each read like `object` (paths "spec.key[i]").
  std::vector<SpecObject> objects(const std::string& key);
  // Throws for the first field that was never read.
  void finish() const;

 private:
  const nlohmann::json& field(const std::string& key);
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;
  const nlohmann::json& json_;
  std::string path_;
  std::set<std::string> read_;
};

}  // namespace vseal::jobs
