#pragma once
// vcoord's client of venus-messager (`Message.*` at /rpc/v0, coordinator.md §4.7 and §5): a
// message is pushed under a uid vcoord fixed before the push, so pushing it again after a
// crash returns the same record instead of a second message, and its state is polled by that
// uid. Node errors come back as RpcError, an unreachable messager as Error{Transient}.
#include <memory>
#include <optional>
#include <string>

#include "chainapi/lotus_types.hpp"
#include "rpc/rpc_client.hpp"

namespace vseal::coord {

// venus-messager's SendSpec; zero values leave the choice to the messager's own defaults.
struct MessagerSendSpec {
  std::int64_t expire_epoch = 0;
  double gas_over_estimation = 0;
  chain::TokenAmount max_fee;
  double gas_over_premium = 0;
};
lotus::json send_spec_json(const MessagerSendSpec& s);

class MessagerClient {
 public:
  explicit MessagerClient(std::unique_ptr<RpcClient> rpc);

  // Message.PushMessageWithId; the messager must answer with the same uid.
  void push(const std::string& uid, const chain::Message& m, const MessagerSendSpec& spec);
  bool has(const std::string& uid);                    // Message.HasMessageByUid
  lotus::MessagerMessage get(const std::string& uid);  // Message.GetMessageByUid
  lotus::MessagerMessage wait(const std::string& uid, std::uint64_t confidence);

  RpcClient& rpc() { return *rpc_; }

 private:
  std::unique_ptr<RpcClient> rpc_;
};

std::unique_ptr<MessagerClient> connect_messager(const std::string& api, const std::string& token);

}  // namespace vseal::coord
