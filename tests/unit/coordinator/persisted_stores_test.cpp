// Persisted stores: sectorstore.json files of damocles and lotus, the configured set, the choice
// of a store (read-only, allow/deny lists, room after reservations, weights), where a sector's
// files are read from, Strict stores refusing symlinks, and the crash-safe move of a proven
// sector's files (idempotent, resumable after the originals were deleted, sealing files
// dropped while job records stay).
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "base/error.hpp"
#include "stores/persisted_stores.hpp"
#include "stores/sector_move.hpp"
#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(PersistedStores, SectorstoreJsonOfDamoclesAndLotus) {
  const auto dir = vseal::testing::temp_dir("stores-json");
  write(dir / "a" / "sectorstore.json",
        R"({"Name": "fast-1", "Strict": true, "ReadOnly": false, "Weight": 3,
            "AllowMiners": [1000, 1001], "DenyMiners": [], "Meta": {"rack": "r1"}})");
  const auto a = read_sectorstore_json(dir / "a");
  EXPECT_EQ(a.name, "fast-1");
  EXPECT_TRUE(a.strict);
  EXPECT_EQ(a.weight, 3u);
  EXPECT_EQ(a.allow_miners, (std::vector<std::uint64_t>{1000, 1001}));
  EXPECT_EQ(a.path, (dir / "a").string());
  // lotus' LocalStorageMeta: ID names it, CanStore false makes it read-only for new sectors.
  write(dir / "b" / "sectorstore.json",
        R"({"ID": "1b7e-uuid", "Weight": 10, "CanSeal": true, "CanStore": false,
            "MaxStorage": 0, "Groups": [], "AllowTo": [], "DenyMiners": ["f02000"]})");
  const auto b = read_sectorstore_json(dir / "b");
  EXPECT_EQ(b.name, "1b7e-uuid");
  EXPECT_TRUE(b.read_only);
  EXPECT_EQ(b.deny_miners, (std::vector<std::uint64_t>{2000}));
  for (const auto& [text, expected] : std::map<std::string, std::string>{
           {R"({"Name": "x", "Wieght": 1})", "unknown key 'Wieght'"},
           {R"({"Name": "x", "Weight": -1})", "Weight must be a non-negative integer"},
           {R"({"Name": "x", "Strict": "yes"})", "Strict must be true or false"},
           {R"({"Name": "x", "AllowMiners": ["me"]})", "is not a miner id"},
           {R"([1, 2])", "is not a JSON object"},
           {R"({"Name": ""})", "Name must be a non-empty string"}}) {
    write(dir / "bad" / "sectorstore.json", text);
    try {
      read_sectorstore_json(dir / "bad");
      ADD_FAILURE() << text << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("sectorstore.json"), std::string::npos);
    }
  }
  EXPECT_THROW(read_sectorstore_json(dir / "none"), Error);
}

TEST(PersistedStores, TheConfiguredSetHasUniqueNamesAndExistingDirectories) {
  const auto dir = vseal::testing::temp_dir("stores-config");
  write(dir / "inc" / "sectorstore.json", R"({"Name": "s1"})");
  Config cfg;
  fs::create_directories(dir / "explicit");
  cfg.stores.push_back({"s0", (dir / "explicit").string(), false, false, 1, {}, {}});
  cfg.store_includes.push_back((dir / "inc").string());
  const auto stores = load_persisted_stores(cfg);
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_EQ(stores[1].name, "s1");
  cfg.stores.push_back({"s1", (dir / "explicit").string(), false, false, 1, {}, {}});
  EXPECT_THROW(load_persisted_stores(cfg), Error);  // two named s1
  cfg.stores.pop_back();
  cfg.stores.push_back({"gone", (dir / "missing").string(), false, false, 1, {}, {}});
  EXPECT_THROW(load_persisted_stores(cfg), Error);
}

TEST(PersistedStores, ChoiceHonoursReadOnlyMinersRoomAndWeights) {
  std::vector<PersistStore> stores(4);
  stores[0] = {"ro", "/a", false, true, 1, {}, {}};
  stores[1] = {"light", "/b", false, false, 1, {}, {}};
  stores[2] = {"heavy", "/c", false, false, 3, {}, {}};
  stores[3] = {"other-miner", "/d", false, false, 1, {2000}, {}};
  std::vector<StoreRoom> room(4, StoreRoom{1000, 0});
  // Weights 1 and 3 among the two eligible stores: draws 0 -> light, 1..3 -> heavy.
  std::map<std::size_t, int> picks;
  for (std::uint64_t draw = 0; draw < 400; ++draw)
    ++picks[*choose_store(stores, room, 1000, 10, draw)];
  EXPECT_EQ(picks[1], 100);
  EXPECT_EQ(picks[2], 300);
  EXPECT_EQ(picks.count(0), 0u);
  EXPECT_EQ(picks.count(3), 0u);
  // Reservations count against the room: heavy has 100 free with 95 promised.
  room[2] = {100, 95};
  EXPECT_EQ(choose_store(stores, room, 1000, 10, 3), 1u);
  room[1] = {5, 0};
  EXPECT_FALSE(choose_store(stores, room, 1000, 10, 3).has_value());
  // Miner 2000 is admitted by its own store; a deny list wins over the allow list.
  EXPECT_EQ(choose_store(stores, room, 2000, 10, 0), 3u);
  stores[3].deny_miners = {2000};
  EXPECT_FALSE(choose_store(stores, room, 2000, 10, 0).has_value());
  // Weight 0 counts as 1.
  stores[2].weight = 0;
  room = std::vector<StoreRoom>(4, StoreRoom{1000, 0});
  EXPECT_EQ(choose_store(stores, room, 1000, 10, 1), 2u);
}

struct SealedSector {
  fs::path scratch, store_root;
  PersistStore store;
  SectorLocation from, to;
  explicit SealedSector(const std::string& name) {
    const auto dir = vseal::testing::temp_dir("stores-" + name);
    scratch = dir / "scratch";
    store_root = dir / "store";
    fs::create_directories(store_root);
    store = {"st", store_root.string(), false, false, 1, {}, {}};
    from = location_in_scratch(scratch, 1000, 7);
    to = location_in_store(store, 1000, 7);
    const auto sd = sector_dir(scratch, 1000, 7);
    write(from.sealed, std::string(2048, 's'));
    write(from.cache / "p_aux", "paux");
    write(from.cache / "t_aux", "taux");
    write(from.cache / "sc-02-data-tree-r-last.dat", std::string(64, 'r'));
    write(from.cache / "sc-02-data-tree-c.dat", std::string(128, 'c'));
    write(from.cache / "sc-02-data-tree-d.dat", std::string(128, 'd'));
    write(sd / "layers.h5", std::string(4096, 'l'));
    write(sd / "sc-02-data-tree-d.dat", std::string(128, 'd'));
    write(sd / "pc2" / "unit-0.json", "{}");
    write(sd / "result.json", "{}");
    write(sd / "jobs" / "pc1-1000-7-1" / "job.log", "log");
  }
};

TEST(PersistedStores, AProvenSectorMovesOnceAndTheReplicaLast) {
  SealedSector s("move");
  EXPECT_EQ(s.to.sealed, s.store_root / "sealed" / "s-t01000-7");
  EXPECT_EQ(s.to.cache, s.store_root / "cache" / "s-t01000-7");
  const auto plan = persist_plan(s.from, s.to);
  ASSERT_EQ(plan.size(), 4u);  // p_aux, tree-r-last, t_aux, then the replica
  EXPECT_EQ(plan.back().to, s.to.sealed);
  for (const auto& c : plan) EXPECT_EQ(c.to.filename().string().find("tree-c"), std::string::npos);
  EXPECT_EQ(bytes_to_write(plan), 2048u + 4 + 4 + 64);
  // Before the replica is in the store, a sector moving there is read from scratch; one that
  // moved (its replica lost since) from the store.
  EXPECT_EQ(locate_sector(std::span(&s.store, 1), s.scratch, 1000, 7, "st", true).sealed,
            s.from.sealed);
  EXPECT_EQ(locate_sector(std::span(&s.store, 1), s.scratch, 1000, 7, "st", false).sealed,
            s.to.sealed);
  copy_into_store(plan);
  EXPECT_EQ(bytes_to_write(plan), 0u);
  EXPECT_EQ(read(s.to.sealed), std::string(2048, 's'));
  EXPECT_EQ(read(s.to.cache / "p_aux"), "paux");
  EXPECT_EQ(locate_sector(std::span(&s.store, 1), s.scratch, 1000, 7, "st", true).sealed,
            s.to.sealed);
  EXPECT_EQ(locate_sector(std::span(&s.store, 1), s.scratch, 1000, 7, std::nullopt, false).sealed,
            s.from.sealed);
  EXPECT_EQ(locate_sector(std::span(&s.store, 1), s.scratch, 1000, 7, "gone", false).sealed,
            s.from.sealed);
  copy_into_store(plan);  // again: nothing to do, nothing rewritten

  const auto freed = drop_sealing_files(sector_dir(s.scratch, 1000, 7));
  EXPECT_EQ(freed, 2048u + 4 + 4 + 64 + 128 + 128 + 4096 + 128 + 2);
  const auto sd = sector_dir(s.scratch, 1000, 7);
  EXPECT_FALSE(fs::exists(sd / "layers.h5"));
  EXPECT_FALSE(fs::exists(s.from.cache));
  EXPECT_FALSE(fs::exists(sd / "pc2"));
  EXPECT_TRUE(fs::exists(sd / "result.json"));
  EXPECT_TRUE(fs::exists(sd / "jobs" / "pc1-1000-7-1" / "job.log"));
  // A move that crashed after deleting the originals: the plan comes from the store's files
  // and the copy is complete.
  const auto again = persist_plan(s.from, s.to);
  EXPECT_EQ(again.size(), 4u);
  copy_into_store(again);
  EXPECT_EQ(drop_sealing_files(sd), 0u);
}

TEST(PersistedStores, AnInterruptedCopyIsRedoneAndLostFilesAreReported) {
  SealedSector s("interrupted");
  // A crash left a temporary half copy of the replica and p_aux in place.
  write(s.to.sealed.string() + ".tmp", "half");
  write(s.to.cache / "p_aux", "paux");
  const auto plan = persist_plan(s.from, s.to);
  EXPECT_EQ(bytes_to_write(plan), 2048u + 4 + 64);
  copy_into_store(plan);
  EXPECT_EQ(read(s.to.sealed), std::string(2048, 's'));
  EXPECT_FALSE(fs::exists(s.to.sealed.string() + ".tmp"));
  // Nothing to move at all.
  SealedSector t("lost");
  fs::remove_all(t.from.cache);
  EXPECT_THROW(persist_plan(t.from, t.to), Error);
  // The replica gone from both places.
  SealedSector u("lost-replica");
  fs::remove(u.from.sealed);
  try {
    copy_into_store(persist_plan(u.from, u.to));
    ADD_FAILURE() << "a lost replica was not reported";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Io);
    EXPECT_NE(std::string(e.what()).find("lost"), std::string::npos);
  }
}

TEST(PersistedStores, AStrictStoreRefusesSymlinks) {
  SealedSector s("strict");
  copy_into_store(persist_plan(s.from, s.to));
  s.store.strict = true;
  auto at = location_in_store(s.store, 1000, 7);
  EXPECT_FALSE(strict_store_refuses(at).has_value());
  fs::remove(at.cache / "t_aux");
  fs::create_symlink(s.from.cache / "t_aux", at.cache / "t_aux");
  const auto why = strict_store_refuses(at);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("is Strict"), std::string::npos);
  s.store.strict = false;
  EXPECT_FALSE(strict_store_refuses(location_in_store(s.store, 1000, 7)).has_value());
}

}  // namespace
}  // namespace vseal::coord
