#pragma once
// The two per-node steps of PC2 (porep-sdr.md §8.1, §8.2): the column hash of a node (Poseidon
// of arity L over its labels in every layer, layer 1 first) and the replica node (last-layer
// label + data node in Fr). Both work on a contiguous run of nodes so PC2 can stream a sector
// through them in blocks; the hashing engine (CPU backend or GPU) is the caller's.
#include <cstdint>
#include <span>

#include "field/fr.hpp"
#include "merkle/poseidon_tree.hpp"

namespace vseal::porep {

// out[i] = Poseidon_L(layers[0][i], ..., layers[L-1][i]) where layers[l] points at the labels
// (32 bytes each) of layer l+1 for nodes first_node .. first_node+out.size()-1. A label that is
// not a field element is Error{Corrupt} naming layer and node.
void column_hashes(std::span<const std::uint8_t* const> layers, std::uint64_t first_node,
                   std::span<field::Fr> out, const merkle::PoseidonLevelHasher& hasher);

// replica[i] = key[i] + data[i] mod r, written as 32-byte LE to replica_bytes and as field
// elements to leaves. Empty `data` is an all-zero (CC) sector. A data node that is not a field
// element (data not fr32-padded) is Error{BadInput} naming the node.
void encode_replica(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                    std::uint64_t first_node, std::span<std::uint8_t> replica_bytes,
                    std::span<field::Fr> leaves);

}  // namespace vseal::porep
