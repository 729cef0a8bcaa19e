#include "stores/persisted_stores.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "base/error.hpp"

namespace vseal::coord {
namespace {

using nlohmann::json;

std::vector<std::uint64_t> miner_list(const json& j, const std::string& what) {
  std::vector<std::uint64_t> out;
  if (j.is_null()) return out;
  if (!j.is_array()) throw Error(ErrorCode::BadInput, what + " must be an array of miner ids");
  for (const auto& e : j) {
    if (e.is_number_unsigned()) {
      out.push_back(e.get<std::uint64_t>());
      continue;
    }
    // lotus writes miners as addresses ("f01000"); damocles as ids.
    const auto id = e.is_string() ? parse_actor_id(e.get<std::string>()) : std::nullopt;
    if (!id) throw Error(ErrorCode::BadInput, what + ": " + e.dump() + " is not a miner id");
    out.push_back(*id);
  }
  return out;
}

}  // namespace

PersistStore read_sectorstore_json(const std::filesystem::path& dir) {
  const auto file = dir / "sectorstore.json";
  std::ifstream in(file);
  if (!in) throw Error(ErrorCode::BadInput, "cannot read " + file.string());
  const json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw Error(ErrorCode::BadInput, file.string() + " is not a JSON object");
  // Keys of damocles' file and of lotus' LocalStorageMeta; the lotus-only ones say nothing
  // vcoord acts on but must not make a carried-over file unreadable.
  static const std::set<std::string> known = {"ID",     "Name",        "Strict",     "ReadOnly",
                                              "Weight", "AllowMiners", "DenyMiners", "PluginName",
                                              "Meta",   "CanSeal",     "CanStore",   "MaxStorage",
                                              "Groups", "AllowTo",     "AllowTypes", "DenyTypes"};
  for (const auto& [key, value] : j.items())
    if (!known.contains(key))
      throw Error(ErrorCode::BadInput, file.string() + ": unknown key '" + key + "'");
  const auto flag = [&](const char* key, bool fallback) {
    if (!j.contains(key)) return fallback;
    if (!j[key].is_boolean())
      throw Error(ErrorCode::BadInput, file.string() + ": " + key + " must be true or false");
    return j[key].get<bool>();
  };
  PersistStore s;
  s.path = std::filesystem::absolute(dir).lexically_normal().string();
  for (const char* key : {"Name", "ID"})
    if (s.name.empty() && j.contains(key)) {
      if (!j[key].is_string() || j[key].get<std::string>().empty())
        throw Error(ErrorCode::BadInput,
                    file.string() + ": " + key + " must be a non-empty string");
      s.name = j[key].get<std::string>();
    }
  if (s.name.empty()) s.name = s.path;
  s.strict = flag("Strict", false);
  s.read_only = flag("ReadOnly", false) || !flag("CanStore", true);
  if (j.contains("Weight")) {
    if (!j["Weight"].is_number_unsigned())
      throw Error(ErrorCode::BadInput, file.string() + ": Weight must be a non-negative integer");
    s.weight = j["Weight"].get<std::uint64_t>();
  }
  s.allow_miners = miner_list(j.value("AllowMiners", json()), file.string() + ": AllowMiners");
  s.deny_miners = miner_list(j.value("DenyMiners", json()), file.string() + ": DenyMiners");
  return s;
}

std::vector<PersistStore> load_persisted_stores(const Config& cfg) {
  std::vector<PersistStore> out = cfg.stores;
  for (const auto& dir : cfg.store_includes) out.push_back(read_sectorstore_json(dir));
  std::set<std::string> names;
  for (const auto& s : out) {
    if (!names.insert(s.name).second)
      throw Error(ErrorCode::BadInput, "two persisted stores are named '" + s.name + "'");
    if (!std::filesystem::is_directory(s.path))
      throw Error(ErrorCode::BadInput,
                  "persisted store '" + s.name + "': " + s.path + " is not a directory");
  }
  return out;
}

bool store_admits(const PersistStore& store, std::uint64_t miner) {
  const auto has = [miner](const std::vector<std::uint64_t>& v) {
    return std::find(v.begin(), v.end(), miner) != v.end();
  };
  if (has(store.deny_miners)) return false;
  return store.allow_miners.empty() || has(store.allow_miners);
}

std::optional<std::size_t> choose_store(std::span<const PersistStore> stores,
                                        std::span<const StoreRoom> room, std::uint64_t miner,
                                        std::uint64_t need, std::uint64_t draw) {
  std::vector<std::size_t> fit;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    const auto& s = stores[i];
    if (s.read_only || !store_admits(s, miner)) continue;
    if (room[i].free < room[i].reserved || room[i].free - room[i].reserved < need) continue;
    fit.push_back(i);
    total += std::max<std::uint64_t>(s.weight, 1);
  }
  if (fit.empty()) return std::nullopt;
  std::uint64_t pick = draw % total;
  for (const auto i : fit) {
    const std::uint64_t w = std::max<std::uint64_t>(stores[i].weight, 1);
    if (pick < w) return i;
    pick -= w;
  }
  return fit.back();
}

std::string sector_file_name(std::uint64_t miner, std::uint64_t number) {
  std::string name = "s-t0";
  name += std::to_string(miner);
  name += '-';
  name += std::to_string(number);
  return name;
}

SectorLocation location_in_store(const PersistStore& store, std::uint64_t miner,
                                 std::uint64_t number) {
  const std::filesystem::path root(store.path);
  const auto name = sector_file_name(miner, number);
  return {root / "sealed" / name, root / "cache" / name, store.name, store.strict};
}

std::filesystem::path sector_dir(const std::filesystem::path& scratch, std::uint64_t miner,
                                 std::uint64_t number) {
  return scratch / std::to_string(miner) / std::to_string(number);
}

SectorLocation location_in_scratch(const std::filesystem::path& scratch, std::uint64_t miner,
                                   std::uint64_t number) {
  const auto dir = sector_dir(scratch, miner, number);
  return {dir / "sealed", dir / "cache", {}, false};
}

const PersistStore* find_store(std::span<const PersistStore> stores, std::string_view name) {
  for (const auto& s : stores)
    if (s.name == name) return &s;
  return nullptr;
}

SectorLocation locate_sector(std::span<const PersistStore> stores,
                             const std::filesystem::path& scratch, std::uint64_t miner,
                             std::uint64_t number, const std::optional<std::string>& store,
                             bool still_moving) {
  if (store) {
    if (const PersistStore* s = find_store(stores, *store)) {
      auto in_store = location_in_store(*s, miner, number);
      std::error_code ec;
      if (!still_moving ||
          std::filesystem::exists(std::filesystem::symlink_status(in_store.sealed, ec)))
        return in_store;
    }
  }
  return location_in_scratch(scratch, miner, number);
}

std::optional<std::string> strict_store_refuses(const SectorLocation& at) {
  if (!at.strict) return std::nullopt;
  std::error_code ec;
  std::vector<std::filesystem::path> files = {at.sealed};
  if (std::filesystem::is_directory(at.cache, ec))
    for (const auto& e : std::filesystem::directory_iterator(at.cache, ec))
      files.push_back(e.path());
  for (const auto& p : files)
    if (std::filesystem::exists(std::filesystem::symlink_status(p, ec)) &&
        !std::filesystem::is_regular_file(std::filesystem::symlink_status(p, ec)))
      return p.string() + " is not a regular file, and store " + at.store +
             " is Strict (no symlinks)";
  return std::nullopt;
}

}  // namespace vseal::coord
