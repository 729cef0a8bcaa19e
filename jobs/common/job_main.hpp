#pragma once
// The one place where vseal errors become process exit codes (architecture.md §5):
// 0 success, 2 bad input or spec (never retried), 75 EX_TEMPFAIL transient (retried), and 70
// (EX_SOFTWARE) for everything else, which is a bug to investigate. Every executable's main()
// runs its body through run_main() so the mapping and the stderr format are the same everywhere.
#include <exception>
#include <functional>
#include <iostream>
#include <string_view>

#include "base/error.hpp"

namespace vseal::jobs {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitTransient = 75;  // EX_TEMPFAIL
inline constexpr int kExitBug = 70;        // EX_SOFTWARE

inline int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::BadInput:
      return kExitBadInput;
    case ErrorCode::Transient:
      return kExitTransient;
    default:
      return kExitBug;
  }
}

inline int run_main(std::string_view program, const std::function<int()>& body) {
  try {
    return body();
  } catch (const Error& e) {
    std::cerr << program << ": " << error_code_name(e.code()) << ": " << e.what() << "\n";
    return exit_code_for(e.code());
  } catch (const std::exception& e) {
    std::cerr << program << ": internal error: " << e.what() << "\n";
    return kExitBug;
  }
}

}  // namespace vseal::jobs
