#pragma once
// The dev chain's JSON-RPC surface (devchain.md §5.5): the Filecoin.* methods vcoord uses,
// with lotus' JSON shapes and permissions, the DevChain.* test controls (admin), and a
// venus-messager surface for vcoord's messager path. Filecoin.ChainNotify is served over a
// websocket at the same path.
#include <memory>

#include "devchain/chain.hpp"
#include "rpc/rpc_methods.hpp"

namespace vseal::coord::devchain {

std::shared_ptr<RpcMethods> make_rpc_methods(DevChain& chain);

// venus-messager's Message.* surface (served at /rpc/v0) over the same mpool: a message pushed
// with a uid is MpoolPushMessage with that MsgUuid; its record says FillMsg (2) while it waits
// in the mpool, OnChainMsg (3) with receipt, height and confidence once executed, FailedMsg (4)
// with the reason when the push itself was refused (gas estimation), as venus-messager keeps a
// message it could not send. Refused pushes are remembered in memory only: after a restart
// their uid is unknown again.
std::shared_ptr<RpcMethods> make_messager_methods(DevChain& chain);

}  // namespace vseal::coord::devchain
