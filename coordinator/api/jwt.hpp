#pragma once
// Lotus-style API tokens: JWT (RFC 7519) signed with HMAC-SHA256 over the header
// {"alg":"HS256","typ":"JWT"} and the payload {"Allow":[...]} with permissions read, write,
// sign, admin, base64url without padding as Go's jwt library writes it. A token for level P
// allows P and every level below it (lotus' AllPermissions prefix). Verification accepts only
// HS256 (no "none", no algorithm confusion), compares the MAC in constant time and rejects
// malformed segments, unknown permissions and extra structure with a reason.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vseal::coord {

enum class Permission { Read = 0, Write = 1, Sign = 2, Admin = 3 };

std::string_view permission_name(Permission p);
Permission parse_permission(std::string_view name);  // Error{BadInput} for unknown names

// The permissions a token created "for" level p carries: read..p.
std::vector<std::string> permissions_up_to(Permission p);

std::string create_token(std::span<const std::uint8_t> secret,
                         const std::vector<std::string>& allow);
// The token's Allow list; Error{BadInput} naming the problem when the token is not valid.
std::vector<std::string> verify_token(std::string_view token, std::span<const std::uint8_t> secret);
bool token_allows(const std::vector<std::string>& allow, Permission needed);

// Writes bytes to a new file created with mode 0600 (never readable by others, not even while
// it is written), fsync'ed and renamed into place.
void write_private_file(const std::filesystem::path& file, std::span<const std::uint8_t> bytes);

// 32 random bytes in <home>/token-secret (mode 0600), created once; read on every start.
std::vector<std::uint8_t> load_or_create_secret(const std::filesystem::path& file);

std::string base64url_encode(std::span<const std::uint8_t> bytes);
std::vector<std::uint8_t> base64url_decode(std::string_view text);  // Error{BadInput} if malformed

}  // namespace vseal::coord
