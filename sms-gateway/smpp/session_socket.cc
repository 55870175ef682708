#include "smpp/session_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace dvc::gateway::smpp {
namespace {

std::string Where(const std::string& host, uint16_t port) {
  return host + ":" + std::to_string(port);
}

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

}  // namespace

Result<int> StartConnect(const std::string& host, uint16_t port, bool* in_progress) {
  *in_progress = false;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* raw = nullptr;
  const std::string service = std::to_string(port);
  const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &raw);
  if (rc != 0) return Status::Io("cannot resolve " + Where(host, port) + ": " + gai_strerror(rc));
  const std::unique_ptr<addrinfo, AddrInfoDeleter> info(raw);
  std::string last_error = "no address";
  for (const addrinfo* a = info.get(); a != nullptr; a = a->ai_next) {
    const int fd =
        socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last_error = std::strerror(errno);
      continue;
    }
    // SMPP is request/response with small PDUs: Nagle would add latency to every window.
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) return fd;
    if (errno == EINPROGRESS) {
      *in_progress = true;
      return fd;
    }
    last_error = std::strerror(errno);
    close(fd);
  }
  return Status::Io("cannot connect to " + Where(host, port) + ": " + last_error);
}

Status ConnectResult(int fd) {
  int error = 0;
  socklen_t length = sizeof error;
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
  if (error == 0) return Status::Ok();
  return Status::Io(std::string("connect failed: ") + std::strerror(error));
}

IoResult SendSome(int fd, std::string_view bytes) {
  IoResult result;
  const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  if (n >= 0) {
    result.bytes = static_cast<size_t>(n);
  } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
    result.would_block = true;
  } else {
    result.error = std::string("send failed: ") + std::strerror(errno);
  }
  return result;
}

IoResult ReceiveSome(int fd, char* buffer, size_t size) {
  IoResult result;
  const ssize_t n = recv(fd, buffer, size, 0);
  if (n > 0) {
    result.bytes = static_cast<size_t>(n);
  } else if (n == 0) {
    result.closed = true;
  } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
    result.would_block = true;
  } else {
    result.error = std::string("recv failed: ") + std::strerror(errno);
  }
  return result;
}

Status SetReceiveLowWater(int fd, int bytes) {
  if (setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &bytes, sizeof bytes) == 0) return Status::Ok();
  return Status::Io(std::string("setting SO_RCVLOWAT failed: ") + std::strerror(errno));
}

Result<int> MakeWakeFd() {
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) return Status::Io(std::string("eventfd failed: ") + std::strerror(errno));
  return fd;
}

void Wake(int wake_fd) {
  const uint64_t one = 1;
  // EAGAIN means the counter is saturated: the session is woken anyway.
  [[maybe_unused]] const ssize_t n = write(wake_fd, &one, sizeof one);
}

void DrainWake(int wake_fd) {
  uint64_t value = 0;
  [[maybe_unused]] const ssize_t n = read(wake_fd, &value, sizeof value);
}

}  // namespace dvc::gateway::smpp
