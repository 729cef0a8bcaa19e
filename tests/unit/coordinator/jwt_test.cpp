// API tokens: byte-exact with a lotus/Go-style HS256 JWT (reference computed with Python's hmac
// and base64), permission levels, and every forged or malformed token rejected with a reason.
#include "api/jwt.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <numeric>

#include "base/error.hpp"
#include "temp_dir.hpp"

namespace vseal::coord {
namespace {

std::vector<std::uint8_t> test_secret() {
  std::vector<std::uint8_t> s(32);
  std::iota(s.begin(), s.end(), 0);
  return s;
}

std::string rejection(const std::string& token, const std::vector<std::uint8_t>& secret) {
  try {
    verify_token(token, secret);
  } catch (const Error& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Jwt, MatchesTheReferenceEncoding) {
  const std::string token = create_token(test_secret(), {"read", "write"});
  EXPECT_EQ(token,
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJBbGxvdyI6WyJyZWFkIiwid3JpdGUiXX0."
            "a2dV0UrA0kX6qMxjUfdyJZUwmw8W-rDDjES_OWZDB94");
  EXPECT_EQ(verify_token(token, test_secret()), (std::vector<std::string>{"read", "write"}));
}

TEST(Jwt, PermissionLevels) {
  EXPECT_EQ(permissions_up_to(Permission::Sign),
            (std::vector<std::string>{"read", "write", "sign"}));
  const auto admin = verify_token(create_token(test_secret(), permissions_up_to(Permission::Admin)),
                                  test_secret());
  EXPECT_TRUE(token_allows(admin, Permission::Admin));
  const auto read =
      verify_token(create_token(test_secret(), permissions_up_to(Permission::Read)), test_secret());
  EXPECT_TRUE(token_allows(read, Permission::Read));
  EXPECT_FALSE(token_allows(read, Permission::Write));
  EXPECT_THROW(parse_permission("root"), Error);
  EXPECT_THROW(create_token(test_secret(), {"superuser"}), Error);
}

TEST(Jwt, ForgedAndMalformedTokensAreRejected) {
  const auto secret = test_secret();
  const std::string good = create_token(secret, {"read"});
  auto other = secret;
  other[0] ^= 1;
  EXPECT_NE(rejection(good, other).find("signature does not match"), std::string::npos);
  // Payload swapped for an admin one, old signature kept.
  const std::string admin_payload = base64url_encode(
      std::span(reinterpret_cast<const std::uint8_t*>(R"({"Allow":["admin"]})"), 19));
  const auto d1 = good.find('.'), d2 = good.rfind('.');
  EXPECT_NE(
      rejection(good.substr(0, d1 + 1) + admin_payload + good.substr(d2), secret).find("signature"),
      std::string::npos);
  // alg "none" with an empty signature.
  const std::string none_header = base64url_encode(
      std::span(reinterpret_cast<const std::uint8_t*>(R"({"alg":"none","typ":"JWT"})"), 26));
  EXPECT_NE(rejection(none_header + good.substr(d1, d2 - d1) + ".", secret).find("only HS256"),
            std::string::npos);
  EXPECT_NE(rejection("abc", secret).find("three dot-separated"), std::string::npos);
  EXPECT_NE(rejection("a.b.c.d", secret).find("three dot-separated"), std::string::npos);
  EXPECT_NE(rejection(good + "x", secret).find("signature"), std::string::npos);
  EXPECT_NE(rejection(good + "xx", secret).find("base64"), std::string::npos);
  EXPECT_NE(rejection("e30.e30.", secret).find("only HS256"), std::string::npos);  // {} header
  EXPECT_EQ(verify_token(create_token(secret, {}), secret).size(), 0u);
}

TEST(Jwt, Base64UrlRoundTripAndCanonicalForm) {
  for (std::size_t n = 0; n < 40; ++n) {
    std::vector<std::uint8_t> b(n);
    std::iota(b.begin(), b.end(), static_cast<std::uint8_t>(n * 7));
    EXPECT_EQ(base64url_decode(base64url_encode(b)), b);
  }
  EXPECT_THROW(base64url_decode("QQ="), Error);  // padding is not used
  EXPECT_THROW(base64url_decode("QR"), Error);   // non-zero stray bits
  EXPECT_THROW(base64url_decode("A"), Error);
  EXPECT_THROW(base64url_decode("a+b/"), Error);  // standard alphabet
}

TEST(Jwt, SecretFileIsCreatedPrivateAndReused) {
  const auto dir = vseal::testing::temp_dir("jwt-secret");
  const auto file = dir / "token-secret";
  const auto first = load_or_create_secret(file);
  EXPECT_EQ(first.size(), 32u);
  EXPECT_EQ(load_or_create_secret(file), first);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ::chmod(file.c_str(), 0644);
  EXPECT_THROW(load_or_create_secret(file), Error);
  ::chmod(file.c_str(), 0600);
  std::ofstream(file, std::ios::trunc) << "short";
  EXPECT_THROW(load_or_create_secret(file), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vseal::coord
