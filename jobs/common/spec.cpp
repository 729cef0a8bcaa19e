// Strict JSON job-spec reader (see spec.hpp).
#include "jobs/common/spec.hpp"

#include <fstream>

#include "base/error.hpp"
#include "base/hex.hpp"

namespace vseal::jobs {

nlohmann::json load_spec_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorCode::BadInput, "cannot read job spec " + path.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorCode::BadInput, path.string() + ": not valid JSON at byte " +
                                         std::to_string(e.byte) + ": " + e.what());
  }
}

SpecObject::SpecObject(const nlohmann::json& value, std::string path)
    : json_(value), path_(std::move(path)) {
  if (!json_.is_object()) throw Error(ErrorCode::BadInput, path_ + " must be a JSON object");
}

void SpecObject::fail(const std::string& key, const std::string& what) const {
  throw Error(ErrorCode::BadInput, path_ + "." + key + ": " + what);
}

const nlohmann::json& SpecObject::field(const std::string& key) {
  read_.insert(key);
  if (!json_.contains(key)) fail(key, "missing required field");
  return json_.at(key);
}

std::string SpecObject::string(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_string()) fail(key, "must be a string");
  return v.get<std::string>();
}

std::optional<std::string> SpecObject::optional_string(const std::string& key) {
  read_.insert(key);
  if (!json_.contains(key)) return std::nullopt;
  return string(key);
}

std::uint64_t SpecObject::u64(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_number_unsigned()) fail(key, "must be a non-negative integer");
  return v.get<std::uint64_t>();
}

std::optional<std::uint64_t> SpecObject::optional_u64(const std::string& key) {
  read_.insert(key);
  if (!json_.contains(key)) return std::nullopt;
  return u64(key);
}

std::optional<bool> SpecObject::optional_bool(const std::string& key) {
  read_.insert(key);
  if (!json_.contains(key)) return std::nullopt;
  const auto& v = json_.at(key);
  if (!v.is_boolean()) fail(key, "must be true or false");
  return v.get<bool>();
}

std::array<std::uint8_t, 32> SpecObject::hex32(const std::string& key) {
  const std::string text = string(key);
  std::array<std::uint8_t, 32> out{};
  try {
    from_hex_exact(out, text, path_ + "." + key);
  } catch (const Error& e) {
    throw Error(ErrorCode::BadInput, e.what());
  }
  return out;
}

std::optional<std::array<std::uint8_t, 32>> SpecObject::optional_hex32(const std::string& key) {
  read_.insert(key);
  if (!json_.contains(key)) return std::nullopt;
  return hex32(key);
}

SpecObject SpecObject::object(const std::string& key) {
  return SpecObject(field(key), path_ + "." + key);
}

std::optional<SpecObject> SpecObject::optional_object(const std::string& key) {
  read_.insert(key);
  if (!json_.contains(key)) return std::nullopt;
  return object(key);
}

std::vector<SpecObject> SpecObject::objects(const std::string& key) {
  const auto& v = field(key);
  if (!v.is_array() || v.empty()) fail(key, "must be a non-empty array of objects");
  std::vector<SpecObject> out;
  for (std::size_t i = 0; i < v.size(); ++i)
    out.emplace_back(v[i], path_ + "." + key + "[" + std::to_string(i) + "]");
  return out;
}

void SpecObject::finish() const {
  for (const auto& [key, value] : json_.items()) {
    if (!read_.contains(key)) {
      throw Error(ErrorCode::BadInput, path_ + "." + key + ": unknown field");
    }
  }
}

}  // namespace vseal::jobs
