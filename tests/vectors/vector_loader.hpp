#pragma once
// Loads the shared JSON vectors from ../shared/vectors (CMake VSEAL_VECTORS_DIR) for the
// parameterised suites: one GoogleTest case per entry, named after the entry.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vseal::testing {

std::string vectors_dir();
// The whole document FILE (for files not organised as a "vectors" array, e.g. address.json).
nlohmann::json load_json_file(const std::string& file);
// The "vectors" array of FILE (e.g. "poseidon.json"); fails the process loudly when missing.
std::vector<nlohmann::json> load_vectors(const std::string& file);
// Entries of one kind (or of several, comma-separated).
std::vector<nlohmann::json> vectors_of_kind(const std::string& file, const std::string& kinds);
// Entries whose "category" is `category` (porep.json groups entries by category, not kind).
std::vector<nlohmann::json> vectors_of_kind_by_category(const std::string& file,
                                                        const std::string& category);
// A GoogleTest-safe name for an entry.
std::string test_name(const nlohmann::json& entry);

}  // namespace vseal::testing
