#pragma once
// Pieces of a sector (porep-sdr.md §5.3–5.5): CommP of a piece, where add_piece places a piece
// (alignment with zero pieces), and CommD of a sector from its piece commitments — bit-exact
// with rust-fil-proofs, including its quirk of not padding a partial fill to the sector size.
#include <cstdint>
#include <istream>
#include <span>

#include "merkle/sha256_tree.hpp"

namespace vseal::porep {

struct PieceInfo {
  merkle::Node commitment;
  std::uint64_t unpadded_size;  // 127 * 2^k
};

struct PieceAlignment {
  std::uint64_t left_unpadded;   // zero bytes before the piece
  std::uint64_t right_unpadded;  // zero bytes after it, up to its power-of-two slot
};

// Alignment of a piece of `piece_unpadded` bytes after `written_unpadded` bytes already placed.
PieceAlignment piece_alignment(std::uint64_t written_unpadded, std::uint64_t piece_unpadded);

// The smallest valid piece size 127 * 2^k (k >= 0) holding `unpadded` bytes.
std::uint64_t piece_slot_size(std::uint64_t unpadded);

struct CommP {
  merkle::Node comm_p;
  std::uint64_t unpadded_size;  // the slot: bytes read plus zero fill
  std::uint64_t padded_size;
};

// CommP of the next `bytes` bytes of `in`, zero-filled up to the piece slot (as Lotus' pad
// reader does), streamed: memory is O(log size).
CommP comm_p_of_stream(std::istream& in, std::uint64_t bytes);

// CommD from piece commitments in sector order (compute_comm_d). No pieces: the zero
// commitment of the sector. Rejects sizes that are not 127 * 2^k, pieces that exceed the sector,
// and all-zero commitments (Error{BadInput}).
merkle::Node compute_comm_d(std::uint64_t sector_size, std::span<const PieceInfo> pieces);

}  // namespace vseal::porep
