#pragma once
// The dev chain's JSON-RPC surface (devchain.md §5.5): the Filecoin.* methods vcoord uses,
// with lotus' JSON shapes and permissions, and the DevChain.* test controls (admin). ChainNotify
// needs a websocket and is not served; vcoord follows the head by polling ChainHead.
#include <memory>

#include "devchain/chain.hpp"
#include "rpc/rpc_methods.hpp"

namespace vseal::coord::devchain {

std::shared_ptr<RpcMethods> make_rpc_methods(DevChain& chain);

}  // namespace vseal::coord::devchain
