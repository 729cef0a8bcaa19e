#pragma once
// The one error type of vseal's libraries. An Error carries an ErrorCode that the jobs map to
// an exit code in exactly one place (jobs/common/job_main.hpp): BadInput -> 2, Transient -> 75,
// anything else is a bug. Libraries throw; they never print or exit. VSEAL_ASSERT is for
// programmer errors only: a condition that no input can trigger.
#include <stdexcept>
#include <string>
#include <string_view>

namespace vseal {

enum class ErrorCode {
  BadInput,     // malformed or out-of-range input (never retried)
  Corrupt,      // a file or record failed its integrity check
  Io,           // the operating system refused a read or a write
  Transient,    // may succeed when retried (EX_TEMPFAIL)
  Unsupported,  // a valid request this build or machine cannot serve
  Gpu,          // a CUDA call failed
  Internal,     // a broken invariant: a bug
};

std::string_view error_code_name(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

[[noreturn]] void assertion_failed(const char* expr, const char* file, int line);

}  // namespace vseal

#define VSEAL_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::vseal::assertion_failed(#cond, __FILE__, __LINE__))
