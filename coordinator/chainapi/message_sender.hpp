#pragma once
// How vcoord sends chain messages (coordinator.md §4.7): through the node's mpool (lotus
// MpoolPushMessage with MsgUuid, then StateSearchMsg by CID) or through venus-messager
// (Message.PushMessageWithId, then GetMessageByUid). Both push under a uid vcoord fixed before
// the push, so pushing again after a crash returns the message already sent instead of a
// second one, and both report what they see as one MessageStatus:
//   Pending (not executed yet), Packed (executed, fewer than `confidence` epochs on top),
//   Landed (exit 0, confident), Failed (worth sending again: out of funds or gas, or the
//   messager gave up on it), PermFailed (any other exit code).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "chainapi/chain_client.hpp"
#include "chainapi/messager_client.hpp"

namespace vseal::coord {

enum class MessageState { Pending, Packed, Landed, Failed, PermFailed };
std::string_view message_state_name(MessageState s);

struct MessageStatus {
  MessageState state = MessageState::Pending;
  std::optional<std::string> cid;  // of the message as executed, once known
  std::int64_t height = 0;         // execution epoch
  std::int64_t exit_code = 0;
  std::string detail;
};

// The exit-code rule shared by both paths: 0 landed (or packed below `confidence`), 6
// SysErrInsufficientFunds / 7 SysErrOutOfGas / 19 ErrInsufficientFunds failed (retry), other
// codes permanently failed.
MessageStatus executed_status(std::int64_t exit_code, std::int64_t height,
                              std::int64_t confidence_now, std::uint64_t confidence);
// venus-messager's record mapped by the table of coordinator.md §4.7.
MessageStatus messager_status(const lotus::MessagerMessage& m, std::uint64_t confidence);

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  virtual std::string name() const = 0;
  // The message's CID when the path knows it at once (lotus); venus-messager signs later.
  // gas_over_estimation: [Commitment] *GasOverEstimation, for venus-messager's gas limit.
  // The node refusing the message throws RpcError.
  virtual std::optional<std::string> push(const chain::Message& m, const std::string& uid,
                                          double gas_over_estimation) = 0;
  // `cid` is what push returned, if anything; `head` the current chain height.
  virtual MessageStatus status(const std::string& uid, const std::optional<std::string>& cid,
                               std::int64_t head, std::uint64_t confidence) = 0;
};

class MpoolSender final : public MessageSender {
 public:
  explicit MpoolSender(ChainClient& chain) : chain_(chain) {}
  std::string name() const override { return "lotus mpool"; }
  std::optional<std::string> push(const chain::Message& m, const std::string& uid,
                                  double gas_over_estimation) override;
  MessageStatus status(const std::string& uid, const std::optional<std::string>& cid,
                       std::int64_t head, std::uint64_t confidence) override;

 private:
  ChainClient& chain_;
};

class MessagerSender final : public MessageSender {
 public:
  explicit MessagerSender(std::unique_ptr<MessagerClient> messager)
      : messager_(std::move(messager)) {}
  std::string name() const override { return "venus-messager"; }
  std::optional<std::string> push(const chain::Message& m, const std::string& uid,
                                  double gas_over_estimation) override;
  MessageStatus status(const std::string& uid, const std::optional<std::string>& cid,
                       std::int64_t head, std::uint64_t confidence) override;

 private:
  std::unique_ptr<MessagerClient> messager_;
};

}  // namespace vseal::coord
