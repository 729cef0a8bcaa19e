#pragma once
// Follows a node's head with Filecoin.ChainNotify (coordinator.md §4.11) on a thread of its
// own: every batch of head changes is decoded and handed to a callback, the first batch of
// each connection being one "current" change. A lost or refused connection is retried every
// `retry` (10 s, as damocles does); the callers keep polling ChainHead on their own schedule,
// so a node without websockets only loses the early wake-ups. Log lines report the first
// connection, a loss (once per run of failures, not every retry) and the reconnection.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chainapi/lotus_types.hpp"
#include "rpc/rpc_subscription.hpp"

namespace vseal::coord {

class HeadFollower {
 public:
  using OnChanges = std::function<void(const std::vector<lotus::HeadChange>& changes)>;
  HeadFollower(RpcEndpoint endpoint, std::string token, OnChanges on_changes,
               std::function<void(const std::string&)> log,
               std::chrono::milliseconds retry = std::chrono::seconds(10));
  ~HeadFollower();
  HeadFollower(const HeadFollower&) = delete;
  HeadFollower& operator=(const HeadFollower&) = delete;

  void stop();
  // Connections that delivered their first change so far (1 + reconnections).
  std::uint64_t subscriptions() const { return subscriptions_; }
  bool following() const { return following_; }

 private:
  void loop();

  RpcSubscription subscription_;
  OnChanges on_changes_;
  std::function<void(const std::string&)> log_;
  std::chrono::milliseconds retry_;
  std::atomic<std::uint64_t> subscriptions_{0};
  std::atomic<bool> following_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

// The head changes of one ChainNotify element (a JSON array of {Type, Val}); a malformed one
// is Error{BadInput} naming what is wrong.
std::vector<lotus::HeadChange> head_changes_from_json(const lotus::json& j);

}  // namespace vseal::coord
