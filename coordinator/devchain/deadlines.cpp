#include "devchain/deadlines.hpp"

#include <stdexcept>

#include "base/error.hpp"
#include "chain/randomness.hpp"
#include "hash/blake2b.hpp"

namespace vseal::coord::devchain {

DeadlineInfo deadline_info(const Policy& p, std::int64_t period_start, std::uint64_t index,
                           std::int64_t now) {
  DeadlineInfo d;
  d.current_epoch = now;
  d.period_start = period_start;
  d.index = index;
  if (static_cast<std::int64_t>(index) < p.wpost_period_deadlines) {
    d.open = period_start + static_cast<std::int64_t>(index) * p.wpost_challenge_window;
    d.close = d.open + p.wpost_challenge_window;
    d.challenge = d.open - p.wpost_challenge_lookback;
    d.fault_cutoff = d.open - p.fault_declaration_cutoff;
  } else {
    d.open = d.close = d.challenge = period_start + p.wpost_proving_period;
    d.fault_cutoff = 0;
  }
  return d;
}

DeadlineInfo next_not_elapsed(const Policy& p, const DeadlineInfo& d) {
  if (!d.has_elapsed()) return d;
  const std::int64_t periods = 1 + (d.current_epoch - d.close) / p.wpost_proving_period;
  return deadline_info(p, d.period_start + p.wpost_proving_period * periods, d.index,
                       d.current_epoch);
}

std::int64_t proving_period_offset(const Policy& p, const chain::Address& miner,
                                   std::int64_t epoch) {
  auto in = chain::address_entropy(miner);
  chain::append_be64(in, static_cast<std::uint64_t>(epoch));
  const auto h = hash::blake2b(in, 32);
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | h[static_cast<std::size_t>(i)];
  return static_cast<std::int64_t>(v % static_cast<std::uint64_t>(p.wpost_proving_period));
}

PeriodAtCreation period_at_creation(const Policy& p, std::int64_t offset, std::int64_t epoch) {
  const std::int64_t pp = p.wpost_proving_period;
  const std::int64_t m = epoch % pp;  // epoch ≥ 0 at creation
  const std::int64_t start = m >= offset ? epoch - (m - offset) : epoch - (pp - (offset - m));
  return {start, static_cast<std::uint64_t>((epoch - start) / p.wpost_challenge_window)};
}

std::int64_t quantize_up(std::int64_t e, std::int64_t unit, std::int64_t offset) {
  const std::int64_t off = offset % unit;
  const std::int64_t r = (e - off) % unit;
  const std::int64_t q = (e - off) / unit;
  if (r == 0 || e - off < 0) return unit * q + off;
  return unit * (q + 1) + off;
}

std::int64_t quantize_down(std::int64_t e, std::int64_t unit, std::int64_t offset) {
  const std::int64_t up = quantize_up(e, unit, offset);
  return up == e ? up : up - unit;
}

DeadlineInfo current_deadline(const Policy& p, std::int64_t proving_period_start,
                              std::int64_t now) {
  const std::int64_t start = quantize_down(now, p.wpost_proving_period, proving_period_start);
  const auto index = static_cast<std::uint64_t>((now - start) / p.wpost_challenge_window);
  return deadline_info(p, start, index, now);
}

bool deadline_is_mutable(const Policy& p, std::int64_t proving_period_start, std::uint64_t index,
                         std::int64_t now) {
  const DeadlineInfo cur = current_deadline(p, proving_period_start, now);
  const DeadlineInfo d = next_not_elapsed(p, deadline_info(p, cur.period_start, index, now));
  return now < d.open - p.wpost_challenge_window;
}

std::vector<std::uint64_t> assign_deadlines(const Policy& p, std::uint64_t partition_sectors,
                                            std::vector<DeadlineLoad>& loads,
                                            const std::vector<bool>& candidate,
                                            std::size_t sector_count) {
  const std::uint64_t P = partition_sectors;
  auto ceil_div = [](std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; };
  // true when deadline a sorts before b (devchain.md §2.5 rule 3).
  auto before = [&](std::size_t a, std::size_t b) {
    const auto& x = loads[a];
    const auto& y = loads[b];
    const auto xc = ceil_div(x.live + 1, P), yc = ceil_div(y.live + 1, P);
    if (xc != yc) return xc < yc;
    const auto xt = ceil_div(x.total + 1, P), yt = ceil_div(y.total + 1, P);
    if (xt != yt) return xt < yt;
    const bool xfull = x.total % P == 0, yfull = y.total % P == 0;
    if (xfull != yfull) return !xfull;
    if (!xfull && !yfull && x.total != y.total) return x.total > y.total;
    if (x.live != y.live) return x.live < y.live;
    return a < b;
  };
  std::vector<std::uint64_t> out;
  for (std::size_t s = 0; s < sector_count; ++s) {
    std::size_t best = loads.size();
    for (std::size_t d = 0; d < loads.size(); ++d) {
      if (!candidate[d]) continue;
      if (best == loads.size() || before(d, best)) best = d;
    }
    if (best == loads.size())
      throw Error(ErrorCode::BadInput, "no mutable deadline to assign sectors to");
    if (loads[best].total >= P * p.max_partitions_per_deadline)
      throw Error(ErrorCode::BadInput, "deadline " + std::to_string(best) + " is full");
    ++loads[best].live;
    ++loads[best].total;
    out.push_back(best);
  }
  return out;
}

}  // namespace vseal::coord::devchain
