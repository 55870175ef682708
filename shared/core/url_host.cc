#include "core/url_host.h"

#include <algorithm>
#include <cctype>

namespace dvc::core {

std::string_view UrlHost(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with('[')) {
    const size_t close = rest.find(']');
    return close == std::string_view::npos ? rest : rest.substr(0, close + 1);
  }
  return rest.substr(0, rest.find(':'));
}

bool IsLoopbackHost(std::string_view host) {
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  auto same_letters = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  };
  if (host == "::1" || std::ranges::equal(host, std::string_view("localhost"), same_letters)) {
    return true;
  }
  // 127.0.0.0/8 in dotted decimal: four numbers 0..255, the first 127.
  if (!host.starts_with("127.")) return false;
  int parts = 0;
  size_t start = 0;
  for (;;) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    const std::string_view part = host.substr(start, dot - start);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    int value = 0;
    for (char c : part) value = value * 10 + (c - '0');
    if (value > 255) return false;
    ++parts;
    if (dot == host.size()) break;
    start = dot + 1;
  }
  return parts == 4;
}

}  // namespace dvc::core
