// Verifying-key and proving-key-header parsing (see groth16_key.hpp).
#include "snark/groth16_key.hpp"

#include <fstream>
#include <string>

#include "base/error.hpp"
#include "io/atomic_file.hpp"

namespace vseal::snark {
namespace {

// bellperson writes counts as u32 big-endian.
std::uint32_t be32(const std::uint8_t* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         b[3];
}

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::span<const std::uint8_t> take(std::size_t n, const std::string& what) {
    if (bytes_.size() - pos_ < n) {
      throw Error(ErrorCode::BadInput, "verifying key truncated: " + what + " needs " +
                                           std::to_string(n) + " bytes at offset " +
                                           std::to_string(pos_) + ", " +
                                           std::to_string(bytes_.size() - pos_) + " left");
    }
    auto out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  std::uint32_t u32(const std::string& what) { return be32(take(4, what).data()); }
  field::G1Affine g1(const std::string& what) {
    const std::string where = what + " (offset " + std::to_string(pos_) + ")";
    const auto p = field::g1_deserialize(take(96, what).first<96>(), where);
    if (p.infinity) throw Error(ErrorCode::BadInput, where + ": point at infinity");
    return p;
  }
  field::G2Affine g2(const std::string& what) {
    const std::string where = what + " (offset " + std::to_string(pos_) + ")";
    const auto p = field::g2_deserialize(take(192, what).first<192>(), where);
    if (p.infinity) throw Error(ErrorCode::BadInput, where + ": point at infinity");
    return p;
  }
  std::size_t pos() const { return pos_; }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

template <std::size_t N>
void put(std::vector<std::uint8_t>& out, const std::array<std::uint8_t, N>& bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

}  // namespace

VerifyingKey parse_verifying_key_prefix(std::span<const std::uint8_t> bytes,
                                        std::size_t* consumed) {
  Reader r(bytes);
  VerifyingKey vk;
  vk.alpha_g1 = r.g1("alpha_g1");
  vk.beta_g1 = r.g1("beta_g1");
  vk.beta_g2 = r.g2("beta_g2");
  vk.gamma_g2 = r.g2("gamma_g2");
  vk.delta_g1 = r.g1("delta_g1");
  vk.delta_g2 = r.g2("delta_g2");
  const std::uint32_t count = r.u32("IC count");
  if (count == 0) throw Error(ErrorCode::BadInput, "verifying key: IC count is 0");
  if ((bytes.size() - r.pos()) / 96 < count) {
    throw Error(ErrorCode::BadInput, "verifying key truncated: IC count " + std::to_string(count) +
                                         " needs " + std::to_string(96ull * count) + " bytes, " +
                                         std::to_string(bytes.size() - r.pos()) + " left");
  }
  vk.ic.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) vk.ic.push_back(r.g1("IC[" + std::to_string(i) + "]"));
  if (consumed) *consumed = r.pos();
  return vk;
}

VerifyingKey parse_verifying_key(std::span<const std::uint8_t> bytes) {
  std::size_t used = 0;
  VerifyingKey vk = parse_verifying_key_prefix(bytes, &used);
  if (used != bytes.size()) {
    throw Error(ErrorCode::BadInput, "verifying key: " + std::to_string(bytes.size() - used) +
                                         " unexpected bytes after the " +
                                         std::to_string(vk.ic.size()) + " IC points");
  }
  return vk;
}

VerifyingKey read_verifying_key_file(const std::filesystem::path& path) {
  const auto bytes = io::read_binary_file(path);
  try {
    return parse_verifying_key(bytes);
  } catch (const Error& e) {
    throw Error(e.code(), path.string() + ": " + e.what());
  }
}

std::vector<std::uint8_t> encode_verifying_key(const VerifyingKey& vk) {
  std::vector<std::uint8_t> out;
  out.reserve(vk.encoded_size());
  put(out, field::g1_serialize(vk.alpha_g1));
  put(out, field::g1_serialize(vk.beta_g1));
  put(out, field::g2_serialize(vk.beta_g2));
  put(out, field::g2_serialize(vk.gamma_g2));
  put(out, field::g1_serialize(vk.delta_g1));
  put(out, field::g2_serialize(vk.delta_g2));
  put_u32(out, static_cast<std::uint32_t>(vk.ic.size()));
  for (const auto& p : vk.ic) put(out, field::g1_serialize(p));
  return out;
}

ParamsHeader read_params_header(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(ErrorCode::Io, "cannot read " + path.string());
  ParamsHeader h;
  h.file_bytes = static_cast<std::uint64_t>(in.tellg());
  const auto fail = [&](const std::string& why) {
    throw Error(ErrorCode::BadInput, path.string() + ": " + why);
  };
  // The key: its fixed part tells the IC count, then the IC points.
  std::vector<std::uint8_t> head(868);
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(head.data()), 868)) fail("shorter than a verifying key");
  const std::uint32_t ic = be32(head.data() + 864);
  if (h.file_bytes < 868 + 96ull * ic) fail("truncated inside the verifying key");
  head.resize(868 + 96ull * ic);
  if (!in.read(reinterpret_cast<char*>(head.data() + 868),
               static_cast<std::streamsize>(96ull * ic)))
    fail("read error inside the verifying key");
  try {
    h.vk = parse_verifying_key(head);
  } catch (const Error& e) {
    fail(e.what());
  }
  std::uint64_t offset = head.size();
  const auto array = [&](const char* name, std::uint64_t point_bytes) {
    unsigned char b[4];
    in.seekg(static_cast<std::streamoff>(offset));
    if (offset + 4 > h.file_bytes || !in.read(reinterpret_cast<char*>(b), 4))
      fail(std::string("truncated before the ") + name + " count at offset " +
           std::to_string(offset));
    const std::uint32_t n = be32(b);
    offset += 4 + point_bytes * n;
    if (offset > h.file_bytes)
      fail(std::string(name) + ": " + std::to_string(n) + " points run past the end of the file");
    return n;
  };
  h.h = array("h", 96);
  h.l = array("l", 96);
  h.a = array("a", 96);
  h.b_g1 = array("b_g1", 96);
  h.b_g2 = array("b_g2", 192);
  if (offset != h.file_bytes)
    fail(std::to_string(h.file_bytes - offset) + " unexpected bytes after the b_g2 points");
  return h;
}

}  // namespace vseal::snark
