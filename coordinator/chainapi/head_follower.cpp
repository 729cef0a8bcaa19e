#include "chainapi/head_follower.hpp"

#include "base/error.hpp"

namespace vseal::coord {

std::vector<lotus::HeadChange> head_changes_from_json(const lotus::json& j) {
  if (!j.is_array())
    throw Error(ErrorCode::BadInput, "ChainNotify: expected an array of head changes");
  std::vector<lotus::HeadChange> out;
  for (const auto& c : j) {
    auto change = lotus::head_change_from_json(c);
    if (change.type != "current" && change.type != "apply" && change.type != "revert")
      throw Error(ErrorCode::BadInput, "ChainNotify: unknown head change type '" + change.type +
                                           "' (expected current, apply or revert)");
    out.push_back(std::move(change));
  }
  return out;
}

HeadFollower::HeadFollower(RpcEndpoint endpoint, std::string token, OnChanges on_changes,
                           std::function<void(const std::string&)> log,
                           std::chrono::milliseconds retry)
    : subscription_(std::move(endpoint), std::move(token)),
      on_changes_(std::move(on_changes)),
      log_(std::move(log)),
      retry_(retry) {
  thread_ = std::thread([this] { loop(); });
}

HeadFollower::~HeadFollower() {
  stop();
}

void HeadFollower::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  subscription_.stop();
  if (thread_.joinable()) thread_.join();
}

void HeadFollower::loop() {
  const std::string where = subscription_.endpoint().text("ws");
  std::string last_failure;
  while (true) {
    std::string failure;
    try {
      subscription_.run(
          "Filecoin.ChainNotify", lotus::json::array(), [&](const lotus::json& value) {
            auto changes = head_changes_from_json(value);
            if (!following_.exchange(true)) {
              ++subscriptions_;
              log_(subscriptions_ == 1
                       ? "following the chain head with Filecoin.ChainNotify at " + where
                       : "Filecoin.ChainNotify at " + where + " is back");
              last_failure.clear();
            }
            on_changes_(changes);
          });
    } catch (const std::exception& ex) {
      failure = ex.what();
    }
    following_ = false;
    std::unique_lock lock(mu_);
    if (stopping_) return;
    // One line per run of identical failures: a node without websockets is not news every 10 s.
    if (!failure.empty() && failure != last_failure)
      log_("WARNING: " + failure + "; following the head by polling ChainHead, retrying " +
           "ChainNotify every " + std::to_string(retry_.count()) + " ms");
    last_failure = failure;
    cv_.wait_for(lock, retry_, [this] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace vseal::coord
