// Shared vector loading (see vector_loader.hpp).
#include "vectors/vector_loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace vseal::testing {

std::string vectors_dir() {
  return VSEAL_VECTORS_DIR;
}

nlohmann::json load_json_file(const std::string& file) {
  const std::string path = vectors_dir() + "/" + file;
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot open vector file " << path
              << " (CI places ../shared beside the clone; set -DVSEAL_VECTORS_DIR)\n";
    std::abort();
  }
  return nlohmann::json::parse(in);
}

std::vector<nlohmann::json> load_vectors(const std::string& file) {
  return load_json_file(file).at("vectors").get<std::vector<nlohmann::json>>();
}

std::vector<nlohmann::json> vectors_of_kind(const std::string& file, const std::string& kinds) {
  std::vector<std::string> wanted;
  std::size_t start = 0;
  while (start <= kinds.size()) {
    const std::size_t comma = std::min(kinds.find(',', start), kinds.size());
    wanted.push_back(kinds.substr(start, comma - start));
    start = comma + 1;
  }
  std::vector<nlohmann::json> out;
  for (const auto& v : load_vectors(file)) {
    if (std::find(wanted.begin(), wanted.end(), v.at("kind").get<std::string>()) != wanted.end()) {
      out.push_back(v);
    }
  }
  return out;
}

std::vector<nlohmann::json> vectors_of_kind_by_category(const std::string& file,
                                                        const std::string& category) {
  std::vector<nlohmann::json> out;
  for (const auto& v : load_vectors(file)) {
    if (v.value("category", "") == category) out.push_back(v);
  }
  return out;
}

std::string test_name(const nlohmann::json& entry) {
  std::string name = entry.at("name").get<std::string>();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace vseal::testing
