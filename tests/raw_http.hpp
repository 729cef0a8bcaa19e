#pragma once
// One plain HTTP request to a local server, for tests that look at status codes and bodies the
// JSON-RPC client never shows (401 pages, GET endpoints such as /metrics).
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace vseal::testing {

struct HttpReply {
  int status = 0;
  std::string content_type, body;
};

inline HttpReply raw_http(std::uint16_t port, boost::beast::http::verb verb,
                          const std::string& target, const std::string& token,
                          const std::string& body = "") {
  namespace http = boost::beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket sock(io);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::string_body> req(verb, target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  req.body() = body;
  req.prepare_payload();
  http::write(sock, req);
  boost::beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(sock, buf, res);
  boost::beast::error_code ec;
  sock.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return {static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
          res.body()};
}

}  // namespace vseal::testing
