// Piece commitments and compute_comm_d's stack of equal-size merges.
#include "porep/pieces.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "porep/fr32.hpp"

namespace vseal::porep {
namespace {

bool valid_piece_size(std::uint64_t unpadded) {
  return unpadded >= kFr32UnpaddedBlock && unpadded % kFr32UnpaddedBlock == 0 &&
         std::has_single_bit(unpadded / kFr32UnpaddedBlock);
}

std::uint64_t padded_of(std::uint64_t unpadded) {
  return unpadded / kFr32UnpaddedBlock * kFr32PaddedBlock;
}

merkle::Node zero_piece(std::uint64_t unpadded) {
  return merkle::zero_commitment(static_cast<unsigned>(std::countr_zero(padded_of(unpadded)) - 5));
}

}  // namespace

std::uint64_t piece_slot_size(std::uint64_t unpadded) {
  std::uint64_t need = kFr32UnpaddedBlock;
  while (need < unpadded) need *= 2;
  return need;
}

PieceAlignment piece_alignment(std::uint64_t written, std::uint64_t piece) {
  const std::uint64_t need = piece_slot_size(piece);
  return {(need - written % need) % need, need - piece};
}

CommP comm_p_of_stream(std::istream& in, std::uint64_t bytes) {
  if (bytes == 0) throw Error(ErrorCode::BadInput, "a piece needs at least one byte");
  const std::uint64_t slot = piece_slot_size(bytes);
  // 64 fr32 blocks per step: 8128 bytes in, 8 KiB out.
  constexpr std::size_t kBlocks = 64;
  std::vector<std::uint8_t> raw(kBlocks * kFr32UnpaddedBlock), padded(kBlocks * kFr32PaddedBlock);
  merkle::Sha256TreeBuilder tree;
  std::uint64_t read = 0;
  for (std::uint64_t done = 0; done < slot; done += raw.size()) {
    const std::size_t step =
        static_cast<std::size_t>(std::min<std::uint64_t>(raw.size(), slot - done));
    std::fill(raw.begin(), raw.end(), 0);
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(step, bytes - read));
    if (want > 0) {
      in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(want));
      if (static_cast<std::size_t>(in.gcount()) != want) {
        throw Error(ErrorCode::Io,
                    "piece ended after " +
                        std::to_string(read + static_cast<std::uint64_t>(in.gcount())) + " of " +
                        std::to_string(bytes) + " bytes");
      }
      read += want;
    }
    const std::size_t blocks = step / kFr32UnpaddedBlock;
    fr32_pad_blocks(std::span(raw).first(step), std::span(padded).first(blocks * kFr32PaddedBlock));
    for (std::size_t i = 0; i < blocks * kFr32PaddedBlock; i += 32) {
      merkle::Node n;
      std::copy_n(padded.data() + i, 32, n.data());
      tree.push(n);
    }
  }
  return {tree.root(), slot, padded_of(slot)};
}

merkle::Node compute_comm_d(std::uint64_t sector_size, std::span<const PieceInfo> pieces) {
  if (sector_size < 128 || !std::has_single_bit(sector_size))
    throw Error(ErrorCode::BadInput, "sector size " + std::to_string(sector_size) +
                                         " is not a power of two of at least 128 bytes");
  if (pieces.empty())
    return merkle::zero_commitment(static_cast<unsigned>(std::countr_zero(sector_size) - 5));
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    if (!valid_piece_size(p.unpadded_size)) {
      throw Error(ErrorCode::BadInput, "piece " + std::to_string(i) + ": unpadded size " +
                                           std::to_string(p.unpadded_size) + " is not 127 * 2^k");
    }
    if (std::all_of(p.commitment.begin(), p.commitment.end(), [](auto b) { return b == 0; }))
      throw Error(ErrorCode::BadInput, "piece " + std::to_string(i) + ": all-zero commitment");
    total += padded_of(p.unpadded_size);
  }
  if (total > sector_size) {
    throw Error(ErrorCode::BadInput, "pieces fill " + std::to_string(total) +
                                         " padded bytes, more than the sector's " +
                                         std::to_string(sector_size));
  }
  std::vector<PieceInfo> stack;
  auto reduce = [&] {
    while (stack.size() >= 2 &&
           stack[stack.size() - 1].unpadded_size == stack[stack.size() - 2].unpadded_size) {
      const PieceInfo right = stack.back();
      stack.pop_back();
      PieceInfo& left = stack.back();
      left.commitment = merkle::sha256_node(left.commitment, right.commitment);
      left.unpadded_size += right.unpadded_size;
    }
  };
  auto push_zero_like_top = [&] {
    const std::uint64_t size = stack.back().unpadded_size;
    stack.push_back({zero_piece(size), size});
    reduce();
  };
  stack.push_back(pieces[0]);
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    while (stack.back().unpadded_size < pieces[i].unpadded_size) push_zero_like_top();
    stack.push_back(pieces[i]);
    reduce();
  }
  while (stack.size() > 1) push_zero_like_top();
  return stack[0].commitment;
}

}  // namespace vseal::porep
