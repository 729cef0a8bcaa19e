// venus-messager client (see messager_client.hpp).
#include "chainapi/messager_client.hpp"

#include "base/error.hpp"

namespace vseal::coord {

using lotus::json;

json send_spec_json(const MessagerSendSpec& s) {
  return {{"expireEpoch", s.expire_epoch},
          {"gasOverEstimation", s.gas_over_estimation},
          {"maxFee", s.max_fee.to_string()},
          {"gasOverPremium", s.gas_over_premium}};
}

MessagerClient::MessagerClient(std::unique_ptr<RpcClient> rpc) : rpc_(std::move(rpc)) {}

std::unique_ptr<MessagerClient> connect_messager(const std::string& api, const std::string& token) {
  return std::make_unique<MessagerClient>(
      std::make_unique<RpcClient>(RpcEndpoint::parse(api, "/rpc/v0"), token));
}

void MessagerClient::push(const std::string& uid, const chain::Message& m,
                          const MessagerSendSpec& spec) {
  json msg = lotus::message_json(m);
  msg.erase("CID");
  const auto r =
      rpc_->call("Message.PushMessageWithId", json::array({uid, msg, send_spec_json(spec)}));
  if (!r.is_string() || r.get<std::string>() != uid)
    throw Error(ErrorCode::BadInput,
                "venus-messager answered PushMessageWithId(" + uid + ") with " + r.dump());
}

bool MessagerClient::has(const std::string& uid) {
  const auto r = rpc_->call("Message.HasMessageByUid", json::array({uid}));
  if (!r.is_boolean())
    throw Error(ErrorCode::BadInput, "venus-messager answered HasMessageByUid with " + r.dump());
  return r.get<bool>();
}

lotus::MessagerMessage MessagerClient::get(const std::string& uid) {
  return lotus::messager_message_from_json(
      rpc_->call("Message.GetMessageByUid", json::array({uid})));
}

lotus::MessagerMessage MessagerClient::wait(const std::string& uid, std::uint64_t confidence) {
  return lotus::messager_message_from_json(rpc_->call_with_timeout(
      "Message.WaitMessage", json::array({uid, confidence}), std::chrono::minutes(10)));
}

}  // namespace vseal::coord
