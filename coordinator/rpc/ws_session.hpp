#pragma once
// One websocket connection of RpcServer, framed as go-jsonrpc frames it (what lotus clients
// speak): each text frame is one JSON-RPC request, answered in arrival order on the
// connection's thread. A call to a streaming method is answered with a channel id; the
// handler's elements follow as {"method":"xrpc.ch.val","params":[channel, value]} and its end
// as {"method":"xrpc.ch.close","params":[channel]}; {"method":"xrpc.cancel","params":[request
// id]} closes the channel that request opened. A client that stops reading while more than
// 1024 frames wait is disconnected rather than buffered without bound.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <string>
#include <vector>

#include "rpc/rpc_server.hpp"

namespace vseal::coord {

// Accepts the upgrade `req` (already read from `sock`, already authorised for `allow`) and
// serves the connection until the client leaves or the socket is shut down; returns only
// after every stream handler it started has returned. `sock` must belong to `io`, which this
// runs on the calling thread.
void serve_websocket(boost::asio::io_context& io, boost::asio::ip::tcp::socket& sock,
                     const boost::beast::http::request<boost::beast::http::string_body>& req,
                     const RpcMethods& methods, const std::vector<std::string>& allow,
                     const RpcServer::CallObserver& observer);

}  // namespace vseal::coord
