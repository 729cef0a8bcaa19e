#include "base/error.hpp"

#include <gtest/gtest.h>

namespace vseal {
namespace {

TEST(Error, CarriesCode) {
  const Error e(ErrorCode::Corrupt, "layer 3 truncated");
  EXPECT_EQ(e.code(), ErrorCode::Corrupt);
  EXPECT_STREQ(e.what(), "layer 3 truncated");
  EXPECT_EQ(error_code_name(ErrorCode::Transient), "transient failure");
}

TEST(Error, AssertRaisesInternal) {
  try {
    VSEAL_ASSERT(1 + 1 == 3);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Internal);
    EXPECT_NE(std::string(e.what()).find("1 + 1 == 3"), std::string::npos);
  }
}

}  // namespace
}  // namespace vseal
