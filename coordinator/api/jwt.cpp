// Lotus-compatible JWT tokens (see jwt.hpp). HMAC and randomness come from OpenSSL 3.
#include "api/jwt.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace vseal::coord {
namespace {

constexpr std::array<std::string_view, 4> kNames = {"read", "write", "sign", "admin"};
constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

[[noreturn]] void bad(const std::string& why) {
  throw Error(ErrorCode::BadInput, "invalid API token: " + why);
}

std::array<std::uint8_t, 32> hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
  std::array<std::uint8_t, 32> mac{};
  unsigned len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &len) ||
      len != mac.size())
    throw Error(ErrorCode::Internal, "HMAC-SHA256 failed");
  return mac;
}

std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string_view permission_name(Permission p) {
  return kNames[static_cast<std::size_t>(p)];
}

Permission parse_permission(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Permission>(i);
  throw Error(ErrorCode::BadInput,
              "unknown permission '" + std::string(name) + "' (read, write, sign, admin)");
}

std::vector<std::string> permissions_up_to(Permission p) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i <= static_cast<std::size_t>(p); ++i) out.emplace_back(kNames[i]);
  return out;
}

std::string base64url_encode(std::span<const std::uint8_t> bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

std::vector<std::uint8_t> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) bad("a segment has an impossible base64 length");
  std::string s(text);
  for (char& c : s) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (!std::isalnum(static_cast<unsigned char>(c)))
      bad("a segment is not base64url");
  }
  const std::size_t pad = (4 - s.size() % 4) % 4;
  s.append(pad, '=');
  std::vector<std::uint8_t> out(s.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(s.data()),
                                static_cast<int>(s.size()));
  if (n < 0) bad("a segment is not base64url");
  out.resize(static_cast<std::size_t>(n) - pad);
  // Canonical form only: re-encoding must give the same text (no stray low bits).
  if (base64url_encode(out) != text) bad("a segment is not canonical base64url");
  return out;
}

std::string create_token(std::span<const std::uint8_t> secret,
                         const std::vector<std::string>& allow) {
  for (const auto& p : allow) parse_permission(p);
  const std::string payload = nlohmann::json{{"Allow", allow}}.dump();
  std::string signing = base64url_encode(as_bytes(kHeader));
  signing += '.';
  signing += base64url_encode(as_bytes(payload));
  const auto mac = hmac_sha256(secret, signing);
  signing += '.';
  signing += base64url_encode(mac);
  return signing;
}

std::vector<std::string> verify_token(std::string_view token,
                                      std::span<const std::uint8_t> secret) {
  const std::size_t d1 = token.find('.');
  const std::size_t d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
  if (d1 == std::string_view::npos || d2 == std::string_view::npos ||
      token.find('.', d2 + 1) != std::string_view::npos)
    bad("expected three dot-separated segments");
  const auto header_bytes = base64url_decode(token.substr(0, d1));
  const auto payload_bytes = base64url_decode(token.substr(d1 + 1, d2 - d1 - 1));
  const auto sig = base64url_decode(token.substr(d2 + 1));
  nlohmann::json header, payload;
  try {
    header = nlohmann::json::parse(header_bytes.begin(), header_bytes.end());
    payload = nlohmann::json::parse(payload_bytes.begin(), payload_bytes.end());
  } catch (const nlohmann::json::exception&) {
    bad("header or payload is not JSON");
  }
  if (!header.is_object() || header.value("alg", "") != "HS256")
    bad("only HS256 tokens are accepted (header alg is " +
        (header.is_object() && header.contains("alg") ? header["alg"].dump()
                                                      : std::string("missing")) +
        ")");
  const auto mac = hmac_sha256(secret, token.substr(0, d2));
  if (sig.size() != mac.size() || CRYPTO_memcmp(sig.data(), mac.data(), mac.size()) != 0)
    bad("signature does not match this node's secret");
  if (!payload.is_object() || !payload.contains("Allow") || !payload["Allow"].is_array())
    bad("payload has no Allow list");
  std::vector<std::string> allow;
  for (const auto& p : payload["Allow"]) {
    if (!p.is_string()) bad("Allow holds a non-string");
    parse_permission(p.get<std::string>());
    allow.push_back(p.get<std::string>());
  }
  return allow;
}

bool token_allows(const std::vector<std::string>& allow, Permission needed) {
  return std::find(allow.begin(), allow.end(), permission_name(needed)) != allow.end();
}

void write_private_file(const std::filesystem::path& file, std::span<const std::uint8_t> bytes) {
  const std::string tmp = file.string() + ".tmp";
  ::unlink(tmp.c_str());  // a stale temporary may carry wider permissions
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw Error(ErrorCode::Io, "cannot create " + tmp);
  const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw Error(ErrorCode::Io, "cannot write " + tmp);
  std::filesystem::rename(tmp, file);
}

std::vector<std::uint8_t> load_or_create_secret(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) {
    std::vector<std::uint8_t> secret(32);
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
      throw Error(ErrorCode::Internal, "RAND_bytes failed to make the token secret");
    write_private_file(file, secret);
    return secret;
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    throw Error(ErrorCode::BadInput, file.string() + " is readable by others (mode " +
                                         std::to_string(st.st_mode & 0777) + "); chmod 600 it");
  std::ifstream in(file, std::ios::binary);
  std::vector<std::uint8_t> secret((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  if (secret.size() != 32) throw Error(ErrorCode::BadInput, file.string() + " must hold 32 bytes");
  return secret;
}

}  // namespace vseal::coord
