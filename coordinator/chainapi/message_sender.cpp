// The two message paths (see message_sender.hpp).
#include "chainapi/message_sender.hpp"

#include "base/error.hpp"
#include "chain/commitment_cid.hpp"

namespace vseal::coord {

std::string_view message_state_name(MessageState s) {
  switch (s) {
    case MessageState::Pending:
      return "pending";
    case MessageState::Packed:
      return "packed";
    case MessageState::Landed:
      return "landed";
    case MessageState::Failed:
      return "failed";
    case MessageState::PermFailed:
      return "permanently failed";
  }
  return "?";
}

MessageStatus executed_status(std::int64_t exit_code, std::int64_t height,
                              std::int64_t confidence_now, std::uint64_t confidence) {
  MessageStatus s;
  s.height = height;
  s.exit_code = exit_code;
  if (exit_code == 0) {
    s.state = confidence_now >= static_cast<std::int64_t>(confidence) ? MessageState::Landed
                                                                      : MessageState::Packed;
  } else {
    s.state = exit_code == 6 || exit_code == 7 || exit_code == 19 ? MessageState::Failed
                                                                  : MessageState::PermFailed;
    s.detail = "exited " + std::to_string(exit_code);
  }
  return s;
}

MessageStatus messager_status(const lotus::MessagerMessage& m, std::uint64_t confidence) {
  MessageStatus s;
  if (m.signed_cid) s.cid = chain::cid_string(*m.signed_cid);
  if (m.state == lotus::kMessagerOnChain || m.state == lotus::kMessagerReplaced) {
    if (!m.receipt) {
      s.state = MessageState::Failed;
      s.detail = "on chain without a receipt";
      return s;
    }
    auto e = executed_status(m.receipt->exit_code, m.height, m.confidence, confidence);
    e.cid = s.cid;
    return e;
  }
  if (m.state == lotus::kMessagerFailed) {
    s.state = MessageState::Failed;
    s.detail = "venus-messager failed it" + (m.error.empty() ? "" : ": " + m.error);
    return s;
  }
  // 0 unknown, 1 unfilled, 2 filled: still on its way; 6 no wallet: waits for the operator.
  s.state = MessageState::Pending;
  if (m.state == lotus::kMessagerNoWallet)
    s.detail =
        "venus-messager has no wallet for " + m.message.from.to_string(chain::Network::Testnet);
  return s;
}

std::optional<std::string> MpoolSender::push(const chain::Message& m, const std::string& uid,
                                             double) {
  // lotus estimates with its own GasLimitOverestimation (node config); MaxFee 0 = its default.
  return chain_.push(m, uid, chain::TokenAmount()).cid;
}

MessageStatus MpoolSender::status(const std::string& uid, const std::optional<std::string>& cid,
                                  std::int64_t head, std::uint64_t confidence) {
  if (!cid)
    throw Error(ErrorCode::Corrupt, "message " + uid + " was pushed to the mpool without a CID");
  const auto outcome = chain_.search(*cid);
  if (!outcome) {
    // Not executed yet: still waiting in the node's mpool, or lost from it (a node restarted
    // without keeping its local messages). A lost one would be waited for forever, so it is
    // reported Failed and sent again.
    try {
      chain_.rpc().call("Filecoin.ChainGetMessage", lotus::json::array({{{"/", *cid}}}));
    } catch (const RpcError& e) {
      MessageStatus lost;
      lost.state = MessageState::Failed;
      lost.detail = "the node has no message " + *cid + " (" + e.what() +
                    "): dropped from its mpool, it will be sent again";
      return lost;
    }
    return {};
  }
  auto s = executed_status(outcome->exit_code, outcome->height, head - outcome->height, confidence);
  s.cid = cid;
  return s;
}

std::optional<std::string> MessagerSender::push(const chain::Message& m, const std::string& uid,
                                                double gas_over_estimation) {
  MessagerSendSpec spec;
  spec.gas_over_estimation = gas_over_estimation;
  messager_->push(uid, m, spec);
  return std::nullopt;
}

MessageStatus MessagerSender::status(const std::string& uid, const std::optional<std::string>&,
                                     std::int64_t, std::uint64_t confidence) {
  try {
    return messager_status(messager_->get(uid), confidence);
  } catch (const RpcError& e) {
    // venus-messager keeps every message it was given; no record means it lost this one (or
    // it never had it), so waiting would last forever: report it Failed to be sent again.
    if (std::string_view(e.what()).find("record not found") == std::string_view::npos) throw;
    MessageStatus lost;
    lost.state = MessageState::Failed;
    lost.detail = "venus-messager has no record of uid " + uid + "; it will be sent again";
    return lost;
  }
}

}  // namespace vseal::coord
