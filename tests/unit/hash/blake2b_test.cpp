// BLAKE2b: RFC 7693 Appendix A, digest lengths, and the keyed mode synthetic PoRep uses. The
// keyed values were produced by Python's hashlib.blake2b (the reference C implementation).
#include <gtest/gtest.h>

#include <numeric>
#include <string_view>

#include "base/error.hpp"
#include "base/hex.hpp"
#include "hash/blake2b.hpp"

namespace vseal::hash {
namespace {

std::vector<std::uint8_t> bytes(std::string_view s) {
  return {s.begin(), s.end()};
}
std::vector<std::uint8_t> iota(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  std::iota(v.begin(), v.end(), std::uint8_t{0});
  return v;
}

TEST(Blake2b, Rfc7693AppendixA) {
  EXPECT_EQ(to_hex(blake2b(bytes("abc"), 64)),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST(Blake2b, KeyedMatchesReference) {
  EXPECT_EQ(to_hex(blake2b_keyed(bytes("k"), {}, 32)),
            "490b6c8300eb23464bd2f9ca37c036be5091da14ddbeafab424c4c0a1f9eaac5");
  EXPECT_EQ(to_hex(blake2b_keyed(iota(64), bytes("abc"), 32)),
            "dff38c978666dff5631db35ca15535520d134f5c8060ea569c6a178ad393719f");
  EXPECT_EQ(to_hex(blake2b_keyed(iota(64), iota(200), 64)),
            "3095a349d245708c7cf550118703d7302c27b60af5d4e67fc978f8a4e60953c7"
            "a04f92fcf41aee64321ccb707a895851552b1e37b00bc5e6b72fa5bcef9e3fff");
}

TEST(Blake2b, KeyedIncrementalEqualsOneShot) {
  const auto data = iota(300);
  for (const std::size_t split : {0u, 1u, 127u, 128u, 129u, 300u}) {
    Blake2b h(32, bytes("filecoin.io|PoRep|1|Synthetic|1|Generation"));
    h.update(std::span(data).first(split)).update(std::span(data).subspan(split));
    EXPECT_EQ(h.finalize(),
              blake2b_keyed(bytes("filecoin.io|PoRep|1|Synthetic|1|Generation"), data, 32))
        << split;
  }
}

TEST(Blake2b, RejectsBadParameters) {
  EXPECT_THROW(Blake2b(0), Error);
  EXPECT_THROW(Blake2b(65), Error);
  EXPECT_THROW(Blake2b(32, iota(65)), Error);
  EXPECT_NE(blake2b_keyed(bytes("a"), {}, 32), blake2b({}, 32));
}

}  // namespace
}  // namespace vseal::hash
