// Asynchronous Beast on a private io_context run by the connection's thread: stream handlers
// run on threads of their own and hand frames to that thread with asio::post, so every
// operation on the websocket happens on one thread and a slow handler never blocks reading.
#include "rpc/ws_session.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <list>
#include <memory>
#include <thread>

namespace vseal::coord {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxQueuedFrames = 1024;

class WsSession {
 public:
  WsSession(asio::io_context& io, tcp::socket& sock, const RpcMethods& methods,
            const std::vector<std::string>& allow, const RpcServer::CallObserver& observer)
      : io_(io), ws_(sock), methods_(methods), allow_(allow), observer_(observer) {}

  void run(const http::request<http::string_body>& req) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(RpcServer::kMaxRequestBytes);
    beast::error_code ec;
    ws_.accept(req, ec);
    if (ec) return;
    read_next();
    io_.run();
    closed_ = true;
    for (auto& s : streams_)
      if (s->thread.joinable()) s->thread.join();
  }

 private:
  struct Stream {
    std::uint64_t channel = 0;
    json request_id;
    std::atomic<bool> open{true}, finished{false};
    std::thread thread;
  };

  class Sink final : public RpcStreamSink {
   public:
    Sink(WsSession& session, Stream& stream) : session_(session), stream_(stream) {}
    bool send(const json& value) override {
      if (!open()) return false;
      session_.post_frame(
          json{{"jsonrpc", "2.0"}, {"method", "xrpc.ch.val"}, {"params", {stream_.channel, value}}}
              .dump());
      return open();
    }
    bool open() const override { return stream_.open && !session_.closed_; }

   private:
    WsSession& session_;
    Stream& stream_;
  };

  void read_next() {
    ws_.async_read(in_, [this](beast::error_code ec, std::size_t) {
      if (ec) return fail();
      const std::string text = beast::buffers_to_string(in_.data());
      in_.consume(in_.size());
      on_frame(text);
      if (!closed_) read_next();
    });
  }

  void on_frame(const std::string& text) {
    const json request = json::parse(text, nullptr, false);
    if (request.is_discarded())
      return queue(rpc_error_answer(nullptr, -32700, "frame is not JSON").dump());
    const std::string name =
        request.is_object() && request.contains("method") && request["method"].is_string()
            ? request["method"].get<std::string>()
            : std::string();
    if (name == "xrpc.cancel") {
      if (request.contains("params") && request["params"].is_array() && !request["params"].empty())
        for (auto& s : streams_)
          if (s->request_id == request["params"][0]) s->open = false;
      return;
    }
    if (name.starts_with("xrpc.")) return;  // other control notifications need no answer
    const auto started = std::chrono::steady_clock::now();
    const json id = request.is_object() && request.contains("id") ? request["id"] : json(nullptr);
    const json reply = rpc_dispatch(
        methods_, request, allow_,
        [this, &id](const RpcStream& s, const json& p) { return open_stream(s, id, p); });
    if (observer_ && !name.empty())
      observer_(name, std::chrono::steady_clock::now() - started, reply.contains("error"));
    // A request without an id is a notification: JSON-RPC gives it no answer.
    if (!request.is_object() || request.contains("id")) queue(reply.dump());
  }

  // Starts the handler's thread and returns the channel id the call answers. The answer is
  // queued by on_frame before this thread returns to the io loop, and the handler's frames are
  // posted to that loop, so the id always precedes the channel's elements.
  json open_stream(const RpcStream& stream, const json& request_id, const json& params) {
    // Streams that ended are joined here so a long connection does not accumulate threads.
    for (auto it = streams_.begin(); it != streams_.end();) {
      if ((*it)->finished) {
        (*it)->thread.join();
        it = streams_.erase(it);
      } else {
        ++it;
      }
    }
    auto& s = *streams_.emplace_back(std::make_unique<Stream>());
    s.channel = next_channel_++;
    s.request_id = request_id;
    s.thread = std::thread([this, &s, run = stream.run, params] {
      Sink sink(*this, s);
      try {
        run(params, sink);
      } catch (const std::exception&) {
        // The stream's end is what the client sees; the handler had nothing more to give.
      }
      post_frame(
          json{{"jsonrpc", "2.0"}, {"method", "xrpc.ch.close"}, {"params", {s.channel}}}.dump());
      s.finished = true;
    });
    return s.channel;
  }

  // From any thread.
  void post_frame(std::string text) {
    if (closed_) return;
    asio::post(io_, [this, text = std::move(text)]() mutable { queue(std::move(text)); });
  }

  // On the session's thread only.
  void queue(std::string text) {
    if (closed_) return;
    if (out_.size() >= kMaxQueuedFrames) return fail();
    out_.push_back(std::move(text));
    if (!writing_) write_next();
  }

  void write_next() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(out_.front()), [this](beast::error_code ec, std::size_t) {
      out_.pop_front();
      if (ec) return fail();
      if (out_.empty())
        writing_ = false;
      else
        write_next();
    });
  }

  // Ends the session: the websocket's idle timer would otherwise keep run() going for minutes.
  void fail() {
    if (closed_.exchange(true)) return;
    beast::error_code ignored;
    ws_.next_layer().close(ignored);
    io_.stop();
  }

  asio::io_context& io_;
  websocket::stream<tcp::socket&> ws_;
  const RpcMethods& methods_;
  const std::vector<std::string>& allow_;
  const RpcServer::CallObserver& observer_;
  beast::flat_buffer in_;
  std::deque<std::string> out_;
  bool writing_ = false;
  std::atomic<bool> closed_{false};
  std::list<std::unique_ptr<Stream>> streams_;
  std::uint64_t next_channel_ = 1;
};

}  // namespace

void serve_websocket(asio::io_context& io, tcp::socket& sock,
                     const http::request<http::string_body>& req, const RpcMethods& methods,
                     const std::vector<std::string>& allow,
                     const RpcServer::CallObserver& observer) {
  WsSession session(io, sock, methods, allow, observer);
  session.run(req);
}

}  // namespace vseal::coord
