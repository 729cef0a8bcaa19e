// fil-blst .prf readers for the Groth16 vector tests.
#include "vectors/prf_file.hpp"

#include <algorithm>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace vseal::testing {
namespace {

std::uint64_t be64(std::span<const std::uint8_t> b) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | b[i];
  return v;
}

field::Fr fr_be(std::span<const std::uint8_t> b) {
  field::FrBytes le;
  std::reverse_copy(b.begin(), b.begin() + 32, le.begin());
  return field::Fr::from_bytes(le);
}

void need(std::size_t have, std::size_t want, const std::filesystem::path& path) {
  if (have < want) throw std::runtime_error(path.string() + ": truncated .prf file");
}

}  // namespace

std::filesystem::path params_dir() {
  return std::filesystem::path(VSEAL_VECTORS_DIR) / "params";
}

PrfFile read_prf_batch(const std::filesystem::path& path) {
  const auto bytes = io::read_binary_file(path);
  need(bytes.size(), 16, path);
  const std::uint64_t n = be64(std::span(bytes).subspan(0, 8));
  const std::uint64_t m = be64(std::span(bytes).subspan(8, 8));
  const std::size_t vk_bytes = 96 * (m + 1) + 868;
  need(bytes.size(), 16 + vk_bytes + n * (192 + 32 * m), path);
  PrfFile out;
  out.vk.assign(bytes.begin() + 16, bytes.begin() + static_cast<std::ptrdiff_t>(16 + vk_bytes));
  std::size_t pos = 16 + vk_bytes;
  for (std::uint64_t j = 0; j < n; ++j) {
    out.proofs.insert(out.proofs.end(), bytes.begin() + static_cast<std::ptrdiff_t>(pos),
                      bytes.begin() + static_cast<std::ptrdiff_t>(pos + 192));
    pos += 192;
    std::vector<field::Fr> inputs;
    for (std::uint64_t i = 0; i < m; ++i, pos += 32)
      inputs.push_back(fr_be(std::span(bytes).subspan(pos, 32)));
    out.inputs.push_back(std::move(inputs));
  }
  if (pos != bytes.size()) throw std::runtime_error(path.string() + ": trailing bytes");
  return out;
}

PrfFile read_prf_single(const std::filesystem::path& path) {
  const auto bytes = io::read_binary_file(path);
  need(bytes.size(), 200, path);
  PrfFile out;
  out.proofs.assign(bytes.begin(), bytes.begin() + 192);
  const std::uint64_t m = be64(std::span(bytes).subspan(192, 8));
  need(bytes.size(), 200 + 32 * m, path);
  std::vector<field::Fr> inputs;
  for (std::uint64_t i = 0; i < m; ++i)
    inputs.push_back(fr_be(std::span(bytes).subspan(200 + 32 * i, 32)));
  out.inputs.push_back(std::move(inputs));
  out.vk.assign(bytes.begin() + static_cast<std::ptrdiff_t>(200 + 32 * m), bytes.end());
  return out;
}

}  // namespace vseal::testing
