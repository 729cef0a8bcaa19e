#include "devchain/economy.hpp"

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>

namespace vseal::coord::devchain {

using boost::multiprecision::cpp_int;
using chain::TokenAmount;

namespace {
cpp_int big(TokenAmount::i128 v) {
  const bool neg = v < 0;
  __extension__ unsigned __int128 m = static_cast<unsigned __int128>(neg ? -v : v);
  cpp_int out = static_cast<std::uint64_t>(m >> 64);
  out <<= 64;
  out += static_cast<std::uint64_t>(m);
  return neg ? -out : out;
}
TokenAmount small(const cpp_int& v) {
  const bool neg = v < 0;
  const cpp_int m = neg ? cpp_int(-v) : v;
  const auto hi = static_cast<std::uint64_t>(m >> 64);
  const auto lo = static_cast<std::uint64_t>(m & ((cpp_int(1) << 64) - 1));
  __extension__ auto r =
      static_cast<TokenAmount::i128>((static_cast<unsigned __int128>(hi) << 64) | lo);
  return TokenAmount(neg ? -r : r);
}
}  // namespace

TokenAmount Economy::expected_reward(std::uint64_t qa, std::int64_t epochs) const {
  const cpp_int q = big(network_qa_power);
  const cpp_int r = big(reward_per_epoch.value());
  if (q == 0) return reward_per_epoch;
  const cpp_int per_byte = (r * epochs * (cpp_int(1) << 128)) / q;
  return small((cpp_int(qa) * per_byte) >> 128);
}

TokenAmount Economy::pre_commit_deposit(std::uint64_t sector_size) const {
  const TokenAmount br = expected_reward(sector_size * 10, 20 * 2880);
  return std::max(br, TokenAmount(1));
}

TokenAmount Economy::initial_pledge(std::uint64_t qa) const {
  const TokenAmount base = std::max(expected_reward(qa, 57600), TokenAmount(1));
  const cpp_int cs = big(circulating_supply.value());
  const cpp_int q = big(network_qa_power);
  const cpp_int with_baseline = std::max({q, q /* B = Q */, cpp_int(qa)});
  const cpp_int without_baseline = std::max(q, cpp_int(qa));
  const cpp_int additional = (700 * 3 * cs * qa) / (with_baseline * 10 * 1000) +
                             (300 * 3 * cs * qa) / (without_baseline * 10 * 1000);
  const cpp_int cap = (cpp_int("1000000000000000000") >> 35) * qa;
  return small(std::min(big(base.value()) + additional, cap));
}

TokenAmount Economy::creation_deposit(std::uint64_t consensus_min_power) const {
  return initial_pledge(consensus_min_power / 10);
}

TokenAmount Economy::daily_fee(std::uint64_t qa) const {
  return small(cpp_int(161817) * big(circulating_supply.value()) * qa /
               cpp_int("1000000000000000000000000000000"));
}

}  // namespace vseal::coord::devchain
