// The few POSIX socket calls the ESME session makes, each returning a value
// or an error message instead of errno, so session.cc reads as protocol logic.
//
// Thread-safety: stateless functions; each fd belongs to its caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::gateway::smpp {

// Starts a non-blocking TCP connect to host:port (numeric addresses are not
// resolved; names go through getaddrinfo, which may block the calling thread:
// the session's own). `*in_progress` is true when the connect completes later
// (poll for POLLOUT, then ConnectResult). Errors: kIo with host, port and cause.
Result<int> StartConnect(const std::string& host, uint16_t port, bool* in_progress);

// The outcome of a connect that poll reported writable: ok, or kIo with the cause.
Status ConnectResult(int fd);

// What one non-blocking send or recv did.
struct IoResult {
  size_t bytes = 0;  // moved this call
  bool would_block = false;
  bool closed = false;  // recv: orderly EOF from the peer
  std::string error;    // non-empty: the connection is broken
};

// One send() of `bytes` (MSG_NOSIGNAL); a partial send is normal.
IoResult SendSome(int fd, std::string_view bytes);

// One recv() into `buffer` of `size` octets.
IoResult ReceiveSome(int fd, char* buffer, size_t size);

// Sets the socket's receive low-water mark: poll reports it readable only
// once `bytes` octets wait (or the peer closed); recv still returns fewer.
// Errors: kIo with the cause.
Status SetReceiveLowWater(int fd, int bytes);

// An eventfd the session's poll watches, so other threads can wake it.
// Errors: kIo (descriptor exhaustion).
Result<int> MakeWakeFd();
void Wake(int wake_fd);       // never blocks
void DrainWake(int wake_fd);  // clears the readable state

}  // namespace dvc::gateway::smpp
