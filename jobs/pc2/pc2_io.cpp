// Tree files for PC2.
#include "pc2/pc2_io.hpp"

#include <string>

#include "base/error.hpp"

namespace vseal::pc2 {

TreeFile::TreeFile(io::PositionalFile file, merkle::TreeGeometry geometry, int first_row)
    : file_(std::move(file)), geometry_(geometry), first_row_(first_row) {}

std::uint64_t TreeFile::offset(int row, std::uint64_t index) const {
  return (geometry_.row_start(row) - geometry_.row_start(first_row_) + index) * 32;
}

void TreeFile::write(int row, std::uint64_t index, std::span<const field::Fr> values) {
  if (!stores(row)) return;
  std::vector<std::uint8_t> bytes(values.size() * 32);
  field::fr_to_bytes(values, bytes);
  file_.write_at(offset(row, index), bytes);
}

field::Fr TreeFile::read(int row, std::uint64_t index) const {
  field::FrBytes b;
  file_.read_at(offset(row, index), b);
  field::Fr v;
  if (!field::Fr::try_from_bytes(b, v)) v = field::Fr::zero();  // never a recorded root
  return v;
}

}  // namespace vseal::pc2
