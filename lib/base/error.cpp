// Names of error codes and the assertion handler (raises Error{Internal}, so a job reports it).
#include "base/error.hpp"

namespace vseal {

std::string_view error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::BadInput:
      return "bad input";
    case ErrorCode::Corrupt:
      return "corrupt data";
    case ErrorCode::Io:
      return "i/o error";
    case ErrorCode::Transient:
      return "transient failure";
    case ErrorCode::Unsupported:
      return "unsupported";
    case ErrorCode::Gpu:
      return "gpu error";
    case ErrorCode::Internal:
      return "internal error";
  }
  return "unknown error";
}

void assertion_failed(const char* expr, const char* file, int line) {
  throw Error(ErrorCode::Internal, std::string("assertion failed: ") + expr + " at " + file + ":" +
                                       std::to_string(line));
}

}  // namespace vseal
