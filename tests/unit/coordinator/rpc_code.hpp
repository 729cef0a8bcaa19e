#pragma once
// The JSON-RPC error code a call ends with (0: it succeeded), for tests of RPC surfaces.
#include "rpc/rpc_methods.hpp"

namespace vseal::coord {

inline int rpc_code(auto&& call) {
  try {
    call();
  } catch (const RpcError& e) {
    return e.code();
  }
  return 0;
}

}  // namespace vseal::coord
