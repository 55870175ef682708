#include "core/url_host.h"

#include <gtest/gtest.h>

namespace dvc::core {
namespace {

TEST(UrlHostTest, TheHostWithoutSchemeUserPortOrPath) {
  EXPECT_EQ(UrlHost("https://gw.example/dvc"), "gw.example");
  EXPECT_EQ(UrlHost("http://127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ(UrlHost("http://[::1]:8080/v1"), "[::1]");
  EXPECT_EQ(UrlHost("http://user@127.0.0.1?x"), "127.0.0.1");
  EXPECT_EQ(UrlHost("127.0.0.1:8080"), "");
  EXPECT_EQ(UrlHost("https://"), "");
}

TEST(UrlHostTest, OnlyThisMachineIsLoopback) {
  for (const char* host : {"127.0.0.1", "127.255.0.9", "localhost", "LocalHost", "::1", "[::1]"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  // Names and addresses that only look like it: a URL to any of these would
  // otherwise go unchecked (operator CLI) or in clear (kiosk).
  for (const char* host : {"localhost.example.org", "127.0.0.1.nip.io", "127.0.0", "127.0.0.1.",
                           "127.0.0.256", "0.0.0.0", "::2", "[::1", "", "128.0.0.1"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

}  // namespace
}  // namespace dvc::core
