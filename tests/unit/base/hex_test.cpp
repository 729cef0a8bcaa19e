#include "base/hex.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"

namespace vseal {
namespace {

TEST(Hex, RoundTrip) {
  const std::vector<std::uint8_t> bytes = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(to_hex(bytes), "0001abff");
  EXPECT_EQ(from_hex("0001ABff"), bytes);
  EXPECT_EQ(from_hex("0x0001abff"), bytes);
  EXPECT_TRUE(from_hex("").empty());
}

TEST(Hex, RejectsBadInput) {
  EXPECT_THROW(from_hex("abc"), Error);
  EXPECT_THROW(from_hex("zz"), Error);
  std::array<std::uint8_t, 2> out{};
  EXPECT_THROW(from_hex_exact(out, "00", "thing"), Error);
  try {
    from_hex_exact(out, "00112", "ticket");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    EXPECT_NE(std::string(e.what()).find("ticket"), std::string::npos);
  }
}

}  // namespace
}  // namespace vseal
