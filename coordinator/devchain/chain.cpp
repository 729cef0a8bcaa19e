// Block production, execution and the message pool. All mutable chain data sits behind one
// mutex; the states of past tipsets are immutable shared snapshots, so queries never copy
// more than a pointer.
#include "devchain/chain.hpp"

#include <algorithm>
#include <iostream>

#include "base/error.hpp"
#include "chain/cbor.hpp"
#include "chain/randomness.hpp"
#include "hash/blake2b.hpp"
#include "state/sqlite.hpp"

namespace vseal::coord::devchain {

using chain::Message;
using lotus::json;

namespace {

constexpr std::int64_t kBlockGasLimit = 10'000'000'000;
constexpr std::uint64_t kGenesisAccountBase = 100;
const TokenAmount kGenesisFunds = TokenAmount::fil(50'000);

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// BLAKE2b-256(prefix || 00) || BLAKE2b-256(prefix || 01) || BLAKE2b-256(prefix || 02): 96
// deterministic bytes, the size of a BLS signature or VRF proof.
Bytes three_digests(const Bytes& prefix) {
  Bytes out;
  for (std::uint8_t i = 0; i < 3; ++i) {
    Bytes in(prefix);
    in.push_back(i);
    const auto d = hash::blake2b(in, 32);
    out.insert(out.end(), d.begin(), d.end());
  }
  return out;
}

std::array<std::uint8_t, 32> digest32(const Bytes& in) {
  const auto h = hash::blake2b(in, 32);
  std::array<std::uint8_t, 32> out{};
  std::copy(h.begin(), h.end(), out.begin());
  return out;
}

// A deterministic 96-byte "signature": the dev chain does not verify signatures (§4.1).
Bytes fake_signature(const Bytes& cid) {
  return three_digests(cid);
}

ChainState genesis_state(const DevChainConfig& cfg) {
  ChainState st;
  const std::pair<std::uint64_t, ActorKind> singletons[] = {
      {0, ActorKind::System},     {1, ActorKind::Init},  {2, ActorKind::Reward},
      {3, ActorKind::Cron},       {4, ActorKind::Power}, {5, ActorKind::Market},
      {99, ActorKind::BurntFunds}};
  for (const auto& [id, kind] : singletons)
    st.actors[id] = Actor{kind, TokenAmount(), 0, std::nullopt};
  for (unsigned i = 0; i < cfg.accounts; ++i) {
    // BLS key bytes derived from the chain seed: only their address form matters here.
    Bytes in = {'v', 's', 'e', 'a', 'l', '-', 'k', 'e', 'y'};
    in.insert(in.end(), cfg.seed.begin(), cfg.seed.end());
    in.push_back(static_cast<std::uint8_t>(i));
    auto key = hash::blake2b(in, 48);
    const auto addr = chain::Address::from_bls_pubkey(key);
    const std::uint64_t id = kGenesisAccountBase + i;
    st.actors[id] = Actor{ActorKind::Account, kGenesisFunds, 0, addr};
    st.key_ids[addr.bytes()] = id;
  }
  st.next_id = 1000;
  return st;
}

}  // namespace

DevChain::DevChain(DevChainConfig config)
    : config_(std::move(config)), policy_(Policy::for_profile(config_.profile)) {
  proofs_ = make_proof_checker(config_);
  if (config_.block_time.count() <= 0)
    throw Error(ErrorCode::BadInput, "dev chain block time must be positive");
  std::vector<BlockRecord> stored;
  if (!config_.data_dir.empty()) {
    std::filesystem::create_directories(config_.data_dir);
    db_ = std::make_unique<Database>(config_.data_dir / "blocks.db");
    db_->exec(
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS blocks(height INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL,"
        " messages TEXT NOT NULL);"
        // The message pool and the MsgUuids it has seen survive a restart, as lotus keeps
        // its mpool in its datastore: a client re-pushing with the same uuid gets the same
        // message, and a pushed message still lands.
        "CREATE TABLE IF NOT EXISTS mpool(cid TEXT PRIMARY KEY, uuid TEXT, message TEXT NOT "
        "NULL);");
    auto get = db_->prepare("SELECT value FROM meta WHERE key = ?1");
    const std::string settings =
        config_.profile + "/" + config_.proof_mode + "/" + std::to_string(config_.accounts) + "/" +
        lotus::base64_encode(Bytes(config_.seed.begin(), config_.seed.end()));
    get.bind(1, "settings");
    if (get.step()) {
      if (get.text(0) != settings)
        throw Error(ErrorCode::BadInput, "the dev chain in " + config_.data_dir.string() +
                                             " was created with settings " + get.text(0) +
                                             ", now asked for " + settings +
                                             ": remove that directory to start a new chain");
      get.reset();
      get.bind(1, "genesis_timestamp");
      get.step();
      genesis_ts_ = std::stoll(get.text(0));
    } else {
      genesis_ts_ = unix_now();
      Transaction tx(*db_);
      db_->prepare("INSERT INTO meta(key, value) VALUES ('settings', ?1)").bind(1, settings).run();
      db_->prepare("INSERT INTO meta(key, value) VALUES ('genesis_timestamp', ?1)")
          .bind(1, std::to_string(genesis_ts_))
          .run();
      tx.commit();
    }
    auto rows = db_->prepare("SELECT height, timestamp, messages FROM blocks ORDER BY height");
    while (rows.step()) {
      BlockRecord b;
      b.height = rows.i64(0);
      b.timestamp = rows.i64(1);
      for (const auto& m : json::parse(rows.text(2)))
        b.messages.push_back(lotus::signed_message_from_json(m));
      stored.push_back(std::move(b));
    }
  } else {
    genesis_ts_ = unix_now();
  }
  // Genesis: S(0) is the genesis state; block 0 carries no messages.
  BlockRecord g;
  g.height = 0;
  g.timestamp = genesis_ts_;
  {
    chain::CborWriter w;
    w.array(3).integer(0).bytes(vrf_proof(0)).integer(g.timestamp);
    g.cid = chain::dag_cbor_cid_bytes(w.data());
  }
  blocks_.push_back(g);
  states_.push_back(std::make_shared<const ChainState>(genesis_state(config_)));
  tipset_heights_[g.cid] = 0;
  replaying_ = true;
  for (auto& b : stored) {
    if (b.height != static_cast<std::int64_t>(blocks_.size()))
      throw Error(ErrorCode::Corrupt,
                  "dev chain block store has a gap at height " + std::to_string(blocks_.size()));
    execute_block_locked(b);
  }
  replaying_ = false;
  if (db_) {
    auto rows = db_->prepare("SELECT uuid, message FROM mpool");
    while (rows.step()) {
      const auto sm = lotus::signed_message_from_json(json::parse(rows.text(1)));
      if (!rows.is_null(0)) uuids_[rows.text(0)] = sm;
      if (executed_.count(sm.cid())) continue;
      const auto& st = *states_.back();
      const auto id = st.lookup_id(sm.message.from);
      if (id && sm.message.nonce >= st.actor(*id)->nonce) pending_[*id][sm.message.nonce] = sm;
    }
  }
  if (!stored.empty())
    log("dev chain resumed at height " + std::to_string(head()) + " from " +
        (config_.data_dir / "blocks.db").string());
}

DevChain::~DevChain() {
  stop();
}

std::string DevChain::network_name() const {
  return "vseal-devnet-" + policy_.profile + "-" + proofs_->mode();
}

std::int64_t DevChain::genesis_timestamp() const {
  return genesis_ts_;
}

void DevChain::log(const std::string& line) {
  if (replaying_) return;  // said once already, when the block was first produced
  audit_.push_back(line);
  std::cerr << "devchain: " << line << "\n";
}

Bytes DevChain::vrf_proof(std::int64_t height) const {
  Bytes t = {'v', 's', 'e', 'a', 'l', '-', 'd', 'e', 'v', 'c', 'h',
             'a', 'i', 'n', '-', 't', 'i', 'c', 'k', 'e', 't'};
  t.reserve(t.size() + config_.seed.size() + 8);
  t.insert(t.end(), config_.seed.begin(), config_.seed.end());
  chain::append_be64(t, static_cast<std::uint64_t>(height));
  return three_digests(t);
}

Bytes DevChain::beacon_data(std::int64_t round) const {
  Bytes r;
  chain::append_be64(r, static_cast<std::uint64_t>(round));
  const auto d = hash::blake2b(r, 32);
  return Bytes(d.begin(), d.end());
}

std::array<std::uint8_t, 32> DevChain::ticket_digest(std::int64_t epoch) const {
  return digest32(vrf_proof(std::max<std::int64_t>(epoch, 0)));
}

std::array<std::uint8_t, 32> DevChain::beacon_digest(std::int64_t epoch) const {
  // Round e + 100 for e ≥ 0; the genesis entry (round 100) for negative epochs (§3.3, §3.4).
  return digest32(beacon_data(std::max<std::int64_t>(epoch, 0) + 100));
}

ExecContext DevChain::context(std::int64_t epoch) const {
  ExecContext ctx;
  ctx.policy = &policy_;
  ctx.economy = &economy_;
  ctx.epoch = epoch;
  ctx.proofs = proofs_.get();
  ctx.ticket_digest = [this](std::int64_t e) { return ticket_digest(e); };
  ctx.beacon_digest = [this](std::int64_t e) { return beacon_digest(e); };
  ctx.log = [this](const std::string& s) { const_cast<DevChain*>(this)->log(s); };
  return ctx;
}

void DevChain::execute_block_locked(const BlockRecord& in) {
  BlockRecord b = in;
  b.parent = blocks_.back().cid;
  chain::CborWriter w;
  w.array(5).integer(b.height).cid(b.parent).bytes(vrf_proof(b.height)).integer(b.timestamp);
  w.array(b.messages.size());
  for (const auto& m : b.messages) w.cid(m.cid());
  b.cid = chain::dag_cbor_cid_bytes(w.data());
  ChainState st = *states_.back();
  const ExecContext ctx = context(b.height);
  for (const auto& sm : b.messages) {
    const Receipt r = apply_message(st, ctx, sm.message);
    if (r.exit_code != 0)
      log("message " + chain::cid_string(sm.cid()) + " (method " +
          std::to_string(sm.message.method) + ") at height " + std::to_string(b.height) +
          " exited " + std::to_string(r.exit_code) + ": " + r.error);
    executed_[sm.cid()] = MessageLookup{sm.cid(), b.height, r, sm.message};
    if (const auto id = st.lookup_id(sm.message.from)) {
      auto it = pending_.find(*id);
      if (it != pending_.end()) it->second.erase(sm.message.nonce);
    }
  }
  run_cron(st, ctx);
  tipset_heights_[b.cid] = b.height;
  blocks_.push_back(std::move(b));
  states_.push_back(std::make_shared<const ChainState>(std::move(st)));
}

void DevChain::persist_block(const BlockRecord& b) {
  if (!db_) return;
  json msgs = json::array();
  for (const auto& m : b.messages) msgs.push_back(lotus::signed_message_json(m));
  db_->prepare("INSERT INTO blocks(height, timestamp, messages) VALUES (?1, ?2, ?3)")
      .bind(1, b.height)
      .bind(2, b.timestamp)
      .bind(3, msgs.dump())
      .run();
}

void DevChain::produce_locked(std::int64_t timestamp) {
  const ChainState& parent = *states_.back();
  BlockRecord b;
  b.height = static_cast<std::int64_t>(blocks_.size());
  b.timestamp = timestamp;
  std::int64_t gas = 0;
  const TokenAmount base_fee(100);
  for (auto& [sender, queue] : pending_) {
    const Actor* a = parent.actor(sender);
    if (!a) continue;
    TokenAmount balance = a->balance;
    std::uint64_t nonce = a->nonce;
    for (const auto& [n, sm] : queue) {
      if (n != nonce) break;
      const Message& m = sm.message;
      const auto size = chain::signed_message_cbor(m, sm.signature_type, sm.signature).size();
      if (m.gas_limit < minimum_message_gas(size) || gas + m.gas_limit > kBlockGasLimit) break;
      const TokenAmount cost = TokenAmount::parse(m.gas_fee_cap) * m.gas_limit;
      if (TokenAmount::parse(m.gas_fee_cap) < base_fee || cost > balance) break;
      balance -= cost;
      const TokenAmount value = TokenAmount::parse(m.value);
      if (value <= balance) balance -= value;  // a value it cannot pay still lands (exit 6)
      gas += m.gas_limit;
      b.messages.push_back(sm);
      ++nonce;
    }
  }
  persist_block(b);
  execute_block_locked(b);
  head_cv_.notify_all();
}

void DevChain::mine(int n) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < n; ++i) produce_locked(unix_now());
}

void DevChain::start() {
  std::lock_guard lock(mu_);
  if (clock_.joinable()) return;
  stopping_ = false;
  clock_ = std::thread([this] { run_clock(); });
}

void DevChain::run_clock() {
  std::unique_lock lock(mu_);
  auto next = std::chrono::steady_clock::now() + config_.block_time;
  while (!stopping_) {
    if (clock_cv_.wait_until(lock, next, [this] { return stopping_; })) break;
    if (!paused_) produce_locked(unix_now());
    next += config_.block_time;
    const auto now = std::chrono::steady_clock::now();
    if (next < now) next = now + config_.block_time;  // never burst after a stall
  }
}

void DevChain::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  clock_cv_.notify_all();
  head_cv_.notify_all();
  if (clock_.joinable()) clock_.join();
}

void DevChain::pause() {
  std::lock_guard lock(mu_);
  paused_ = true;
}

void DevChain::resume() {
  std::lock_guard lock(mu_);
  paused_ = false;
}

std::int64_t DevChain::head() const {
  std::lock_guard lock(mu_);
  return static_cast<std::int64_t>(blocks_.size()) - 1;
}

std::optional<BlockRecord> DevChain::block(std::int64_t h) const {
  std::lock_guard lock(mu_);
  if (h < 0 || h >= static_cast<std::int64_t>(blocks_.size())) return std::nullopt;
  return blocks_[static_cast<std::size_t>(h)];
}

std::optional<std::int64_t> DevChain::height_of(const Bytes& cid) const {
  std::lock_guard lock(mu_);
  const auto it = tipset_heights_.find(cid);
  if (it == tipset_heights_.end()) return std::nullopt;
  return it->second;
}

std::shared_ptr<const ChainState> DevChain::parent_state(std::int64_t h) const {
  std::lock_guard lock(mu_);
  const auto idx =
      std::clamp<std::int64_t>(h - 1, 0, static_cast<std::int64_t>(states_.size()) - 1);
  return states_[static_cast<std::size_t>(idx)];
}

std::shared_ptr<const ChainState> DevChain::state_after(std::int64_t h) const {
  std::lock_guard lock(mu_);
  const auto idx = std::clamp<std::int64_t>(h, 0, static_cast<std::int64_t>(states_.size()) - 1);
  return states_[static_cast<std::size_t>(idx)];
}

std::vector<chain::Address> DevChain::wallet() const {
  const auto st = state_after(0);
  std::vector<chain::Address> out;
  for (unsigned i = 0; i < config_.accounts; ++i)
    out.push_back(*st->actor(kGenesisAccountBase + i)->key);
  return out;
}

std::uint64_t DevChain::next_nonce(const chain::Address& a) const {
  std::lock_guard lock(mu_);
  const auto& st = *states_.back();
  const auto id = st.lookup_id(a);
  if (!id) return 0;
  std::uint64_t n = st.actor(*id)->nonce;
  const auto it = pending_.find(*id);
  if (it != pending_.end() && !it->second.empty()) n = std::max(n, it->second.rbegin()->first + 1);
  return n;
}

namespace {
// Any version decodes (the JSON and CBOR forms carry a number); only 0 may be included in a
// block, as lotus' ValidForBlockInclusion says.
void require_valid_version(const Message& m) {
  if (m.version != 0)
    throw Error(ErrorCode::BadInput,
                "message version " + std::to_string(m.version) + " is not supported (only 0)");
}
}  // namespace

Receipt DevChain::estimate(const Message& m) const {
  require_valid_version(m);
  std::lock_guard lock(mu_);
  ChainState st = *states_.back();  // S(head), i.e. after the head's own messages
  const std::int64_t h = static_cast<std::int64_t>(blocks_.size()) - 1;
  const ExecContext ctx = context(h);
  Message probe = m;
  const auto id = st.lookup_id(m.from);
  if (id) {
    const auto it = pending_.find(*id);
    if (it != pending_.end())
      for (const auto& [n, sm] : it->second) apply_message(st, ctx, sm.message);
    probe.nonce = st.actor(*id)->nonce;
  }
  probe.gas_limit = kBlockGasLimit;
  probe.gas_fee_cap = "100";
  probe.gas_premium = "0";
  const Receipt r = apply_message(st, ctx, probe);
  if (r.exit_code != 0)
    throw Error(ErrorCode::BadInput, "estimating gas used: message execution failed: exit " +
                                         std::to_string(r.exit_code) + ": " + r.error);
  return r;
}

Message DevChain::estimate_message_gas(Message m, const json& spec) const {
  require_valid_version(m);
  if (m.gas_limit == 0) {
    const Receipt r = estimate(m);
    m.gas_limit = std::min<std::int64_t>(r.gas_used * 125 / 100, kBlockGasLimit);
  }
  if (TokenAmount::parse(m.gas_premium) == TokenAmount()) m.gas_premium = "100000";
  if (TokenAmount::parse(m.gas_fee_cap) == TokenAmount()) {
    // ⌊parentBaseFee × ⌊1.125^20 × 256⌋ / 256⌋ + premium, with the base fee fixed at 100.
    const TokenAmount cap = TokenAmount(100 * 2699 / 256) + TokenAmount::parse(m.gas_premium);
    m.gas_fee_cap = cap.to_string();
  }
  TokenAmount max_fee = TokenAmount::parse("70000000000000000");  // 0.07 FIL
  if (spec.is_object() && spec.contains("MaxFee") && spec["MaxFee"].is_string() &&
      spec["MaxFee"].get<std::string>() != "0")
    max_fee = lotus::amount_from_json(spec["MaxFee"], "MaxFee");
  const bool maximize = spec.is_object() && spec.value("MaximizeFeeCap", false);
  if (maximize || TokenAmount::parse(m.gas_fee_cap) * m.gas_limit > max_fee)
    m.gas_fee_cap = TokenAmount(max_fee.value() / m.gas_limit).to_string();
  // lotus' capGasFee caps the premium at the fee cap in either case, so a fee cap the sender
  // chose below the estimated premium still makes a valid message.
  if (TokenAmount::parse(m.gas_premium) > TokenAmount::parse(m.gas_fee_cap))
    m.gas_premium = m.gas_fee_cap;
  return m;
}

lotus::SignedMessage DevChain::push_message(Message m, const json& spec) {
  require_valid_version(m);
  std::string uuid;
  if (spec.is_object() && spec.contains("MsgUuid") && spec["MsgUuid"].is_string())
    uuid = spec["MsgUuid"].get<std::string>();
  if (!uuid.empty() && uuid != "00000000-0000-0000-0000-000000000000") {
    std::lock_guard lock(mu_);
    const auto it = uuids_.find(uuid);
    if (it != uuids_.end()) return it->second;
  }
  {
    const auto st = state_after(head());
    const auto id = st->lookup_id(m.from);
    if (!id)
      throw Error(ErrorCode::BadInput,
                  "sender " + m.from.to_string(chain::Network::Testnet) + " not found");
    const Actor* a = st->actor(*id);
    if (!a->key || a->kind != ActorKind::Account)
      throw Error(ErrorCode::BadInput,
                  "sender " + m.from.to_string(chain::Network::Testnet) + " is not an account");
    m.from = *a->key;  // lotus replaces an ID sender by its key address
  }
  if (m.nonce != 0)
    throw Error(ErrorCode::BadInput, "MpoolPushMessage expects message nonce to be 0");
  m = estimate_message_gas(m, spec);
  if (TokenAmount::parse(m.gas_premium) > TokenAmount::parse(m.gas_fee_cap))
    throw Error(ErrorCode::BadInput, "after estimation, GasPremium is greater than GasFeeCap");
  std::lock_guard lock(mu_);
  if (!uuid.empty()) {
    const auto it = uuids_.find(uuid);
    if (it != uuids_.end()) return it->second;
  }
  const auto& st = *states_.back();
  const auto id = *st.lookup_id(m.from);
  const Actor* a = st.actor(id);
  if (a->balance < TokenAmount::parse(m.value) + TokenAmount::parse(m.gas_fee_cap) * m.gas_limit)
    throw Error(ErrorCode::BadInput,
                "mpool push: not enough funds: balance " + a->balance.fil_string());
  std::uint64_t nonce = a->nonce;
  const auto pit = pending_.find(id);
  if (pit != pending_.end() && !pit->second.empty())
    nonce = std::max(nonce, pit->second.rbegin()->first + 1);
  m.nonce = nonce;
  lotus::SignedMessage sm;
  sm.message = m;
  sm.signature_type = 2;
  sm.signature = fake_signature(sm.cid());
  remember_pushed(sm, uuid);
  pending_[id][nonce] = sm;
  if (!uuid.empty()) uuids_[uuid] = sm;
  return sm;
}

Bytes DevChain::push_signed(const lotus::SignedMessage& sm) {
  require_valid_version(sm.message);
  std::lock_guard lock(mu_);
  const auto& st = *states_.back();
  const auto id = st.lookup_id(sm.message.from);
  if (!id) throw Error(ErrorCode::BadInput, "sender not found");
  const Actor* a = st.actor(*id);
  const std::uint64_t n = sm.message.nonce;
  if (n < a->nonce)
    throw Error(ErrorCode::BadInput, "minimum expected nonce is " + std::to_string(a->nonce) +
                                         ", got " + std::to_string(n));
  auto& queue = pending_[*id];
  const std::uint64_t next =
      queue.empty() ? a->nonce : std::max(a->nonce, queue.rbegin()->first + 1);
  if (n > next + 4)
    throw Error(ErrorCode::BadInput,
                "nonce gap too large (more than 4 above the next expected nonce)");
  if (TokenAmount::parse(sm.message.gas_fee_cap) < TokenAmount(100))
    throw Error(ErrorCode::BadInput, "gas fee cap below the minimum of 100 attoFIL");
  TokenAmount pending_gas = TokenAmount::parse(sm.message.gas_fee_cap) * sm.message.gas_limit;
  for (const auto& [k, p] : queue)
    if (k != n) pending_gas += TokenAmount::parse(p.message.gas_fee_cap) * p.message.gas_limit;
  if (pending_gas > a->balance)
    throw Error(ErrorCode::BadInput, "not enough funds for the gas of all pending messages");
  const auto existing = queue.find(n);
  if (existing != queue.end() && existing->second.cid() != sm.cid()) {
    const auto old = TokenAmount::parse(existing->second.message.gas_premium);
    if (TokenAmount::parse(sm.message.gas_premium) < TokenAmount(old.value() * 110 / 100 + 1))
      throw Error(ErrorCode::BadInput,
                  "replace by fee needs a gas premium of at least old × 1.1 + 1");
  }
  remember_pushed(sm, "");
  queue[n] = sm;
  return sm.cid();
}

void DevChain::remember_pushed(const lotus::SignedMessage& sm, const std::string& uuid) {
  if (!db_) return;
  db_->prepare("INSERT OR REPLACE INTO mpool(cid, uuid, message) VALUES (?1, ?2, ?3)")
      .bind(1, chain::cid_string(sm.cid()))
      .bind(2, uuid.empty() ? std::optional<std::string>() : std::optional<std::string>(uuid))
      .bind(3, lotus::signed_message_json(sm).dump())
      .run();
}

std::optional<lotus::SignedMessage> DevChain::pushed_with_uuid(const std::string& uuid) const {
  std::lock_guard lock(mu_);
  const auto it = uuids_.find(uuid);
  if (it == uuids_.end()) return std::nullopt;
  return it->second;
}

std::optional<MessageLookup> DevChain::search(const Bytes& cid, std::int64_t at_height) const {
  std::lock_guard lock(mu_);
  const auto it = executed_.find(cid);
  if (it == executed_.end() || it->second.inclusion_height + 1 > at_height ||
      it->second.inclusion_height + 1 >= static_cast<std::int64_t>(blocks_.size()))
    return std::nullopt;
  return it->second;
}

bool DevChain::known_message(const Bytes& cid) const {
  return find_message(cid).has_value();
}

std::optional<Message> DevChain::find_message(const Bytes& cid) const {
  std::lock_guard lock(mu_);
  const auto it = executed_.find(cid);
  if (it != executed_.end()) return it->second.message;
  for (const auto& [id, q] : pending_)
    for (const auto& [n, sm] : q)
      if (sm.cid() == cid) return sm.message;
  return std::nullopt;
}

bool DevChain::wait_for_head_after(std::int64_t height, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return head_cv_.wait_for(lock, timeout, [&] {
    return stopping_ || static_cast<std::int64_t>(blocks_.size()) - 1 > height;
  }) && !stopping_;
}

std::vector<std::string> DevChain::audit_log() const {
  std::lock_guard lock(mu_);
  return audit_;
}

}  // namespace vseal::coord::devchain
