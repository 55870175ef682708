#include "config/gateway_config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_keys.h"
#include "config/token_file.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

const std::string kExamplePath = DVC_SOURCE_DIR "/deploy/gateway.example.toml";

std::string ErrorOf(std::string_view text) {
  auto parsed = ParseGatewayConfig(text, "gateway.toml");
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.status().message();
}

std::string ReadExample() {
  std::ifstream in(kExamplePath, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(GatewayConfigTest, DefaultsAreTheDocumentedOnes) {
  const GatewayConfig config = DefaultGatewayConfig();
  EXPECT_EQ(config.data_dir, "/var/lib/dvc-gateway");
  EXPECT_EQ(config.http_listen, "127.0.0.1");
  EXPECT_EQ(config.http_port, 8460);
  EXPECT_EQ(config.enrolment_code_ttl_h, 24);
  EXPECT_FALSE(config.UsesTls());
  EXPECT_EQ(config.OperatorTokenPath(), "/var/lib/dvc-gateway/operator.token");
  EXPECT_EQ(config.EventsTokenPath(), "/var/lib/dvc-gateway/events.token");
  EXPECT_EQ(config.LocalUrl(), "http://127.0.0.1:8460");
  EXPECT_EQ(config.office_hours.ToString(), "07:30-11:30,13:30-17:00");
  EXPECT_EQ(config.catalog_dir, DVC_SOURCE_DIR "/assets/catalog");
  auto empty = ParseGatewayConfig("", "gateway.toml");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->http_port, 8460);
}

TEST(GatewayConfigTest, ReadsEveryKindOfKey) {
  auto config = ParseGatewayConfig(R"(
data_dir = "/srv/gw"
office_hours = "08:00-12:00"
[http]
listen = "0.0.0.0"
port = 9000
threads = 4
tls_cert = "/etc/gw/cert.pem"
tls_key = "/etc/gw/key.pem"
[enrolment]
code_ttl_h = 48
[operator]
token_file = "/etc/gw/op.token"
)",
                                   "gateway.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->data_dir, "/srv/gw");
  EXPECT_EQ(config->office_hours.ToString(), "08:00-12:00");
  EXPECT_EQ(config->http_port, 9000);
  EXPECT_EQ(config->http_threads, 4);
  EXPECT_TRUE(config->UsesTls());
  // A wildcard listen address is reached over loopback by the local commands.
  EXPECT_EQ(config->LocalUrl(), "https://127.0.0.1:9000");
  EXPECT_EQ(config->enrolment_code_ttl_h, 48);
  EXPECT_EQ(config->OperatorTokenPath(), "/etc/gw/op.token");
  EXPECT_EQ(config->EventsTokenPath(), "/srv/gw/events.token");
}

TEST(GatewayConfigTest, Ipv6ListenAddressIsBracketedInTheUrl) {
  auto config = ParseGatewayConfig("[http]\nlisten = \"::1\"\nport = 81\n", "gateway.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->LocalUrl(), "http://[::1]:81");
}

TEST(GatewayConfigTest, ErrorsNameFileLineKeyAndExpectation) {
  EXPECT_EQ(ErrorOf("\n[http]\nport = 70000\n"),
            "gateway.toml:3: http.port: expected an integer between 0 and 65535");
  EXPECT_EQ(ErrorOf("[http]\nport = \"8460\"\n"),
            "gateway.toml:2: http.port: expected an integer between 0 and 65535");
  EXPECT_EQ(ErrorOf("data_dir = \"\"\n"), "gateway.toml:1: data_dir: expected a non-empty path");
  EXPECT_EQ(ErrorOf("[http]\nlisten = \"127.0.0.1:80\"\n")
                .rfind("gateway.toml:2: http.listen: "
                       "expected an IP address",
                       0),
            0u);
  EXPECT_NE(ErrorOf("office_hours = \"17:00-07:00\"\n").find("office_hours: expected office hours"),
            std::string::npos);
  EXPECT_EQ(ErrorOf("[enrolment]\ncode_ttl_h = 0\n"),
            "gateway.toml:2: enrolment.code_ttl_h: expected an integer between 1 and 720");
  EXPECT_EQ(ErrorOf("http = 3\n"), "gateway.toml:1: http: expected a table ([http])");
  // Residents' messages are kept at least 2 days: the rate limits count them.
  EXPECT_EQ(ErrorOf("[sms]\nkeep_days = 1\n"),
            "gateway.toml:2: sms.keep_days: expected an integer between 2 and 3650");
}

TEST(GatewayConfigTest, UnknownKeysSuggestTheNearestOne) {
  EXPECT_EQ(ErrorOf("[http]\nprot = 1\n"),
            "gateway.toml:2: http.prot: unknown key; did you mean http.port?");
  EXPECT_EQ(ErrorOf("port = 1\n"), "gateway.toml:1: port: unknown key; did you mean http.port?");
  EXPECT_EQ(ErrorOf("zzzzzzzzzzzzzzz = 1\n"), "gateway.toml:1: zzzzzzzzzzzzzzz: unknown key");
}

TEST(GatewayConfigTest, TlsNeedsBothFiles) {
  EXPECT_EQ(ErrorOf("[http]\ntls_cert = \"/c.pem\"\n"),
            "gateway.toml:2: http.tls_key: expected a path, since http.tls_cert is set "
            "(HTTPS needs both)");
}

TEST(GatewayConfigTest, SyntaxErrorsNameTheLine) {
  const std::string error = ErrorOf("data_dir = \"/x\"\n[http\n");
  EXPECT_EQ(error.rfind("gateway.toml:2: ", 0), 0u) << error;
}

TEST(GatewayConfigTest, SeveralProblemsAreListedInFileOrder) {
  const std::string error = ErrorOf("[http]\nthreads = 0\nport = -1\n");
  EXPECT_EQ(error,
            "gateway.toml:2: http.threads: expected an integer between 1 and 256\n"
            "gateway.toml:3: http.port: expected an integer between 0 and 65535");
}

TEST(GatewayConfigTest, MissingFileIsAnIoErrorNamingIt) {
  auto loaded = LoadGatewayConfig("/nonexistent/gateway.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kIo);
  EXPECT_NE(loaded.status().message().find("/nonexistent/gateway.toml"), std::string::npos);
}

// deploy/gateway.example.toml is the rendering of the key table. Run the test
// with DVC_UPDATE_EXAMPLE=1 to rewrite it after changing the table.
TEST(GatewayConfigTest, ExampleFileIsTheKeyTable) {
  const std::string rendered = RenderExampleConfig();
  if (std::getenv("DVC_UPDATE_EXAMPLE") != nullptr) {
    std::ofstream(kExamplePath, std::ios::binary | std::ios::trunc) << rendered;
  }
  const std::string file = ReadExample();
  EXPECT_EQ(file, rendered) << kExamplePath
                            << " is out of date; rerun this test with DVC_UPDATE_EXAMPLE=1";
  auto parsed = ParseGatewayConfig(file, "gateway.example.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const toml::table table = toml::parse(file);
  for (const ConfigKey& key : ConfigKeys()) {
    EXPECT_TRUE(table.at_path(key.name)) << key.name << " missing from " << kExamplePath;
  }
}

TEST(TokenFileTest, CreatedOwnerOnlyOnceAndReadBack) {
  store::ScratchDir scratch;
  const std::string path = scratch.File("operator.token");
  auto token = CreateTokenFile(path);
  ASSERT_TRUE(token.ok()) << token.status().message();
  EXPECT_EQ(token->size(), 64u);
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto again = CreateTokenFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  auto loaded = LoadTokenFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(*loaded, *token);
  // Two tokens differ (they are random).
  auto other = CreateTokenFile(scratch.File("events.token"));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*other, *token);
}

TEST(TokenFileTest, RefusesOpenPermissionsAndGarbage) {
  store::ScratchDir scratch;
  const std::string path = scratch.File("t");
  ASSERT_TRUE(CreateTokenFile(path).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  EXPECT_EQ(LoadTokenFile(path).status().code(), ErrorCode::kConflict);
  const std::string bad = scratch.File("bad");
  std::ofstream(bad) << "not a token\n";
  ASSERT_EQ(::chmod(bad.c_str(), 0600), 0);
  EXPECT_EQ(LoadTokenFile(bad).status().code(), ErrorCode::kCorrupt);
  auto missing = LoadTokenFile(scratch.File("none"));
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_NE(missing.status().message().find("keys init"), std::string::npos);
}

TEST(TokenFileTest, BearerHeaderAndComparison) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer  abc "), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
  EXPECT_EQ(BearerToken(""), "");
  EXPECT_TRUE(TokenMatches("abcd", "abcd"));
  EXPECT_FALSE(TokenMatches("abcd", "abce"));
  EXPECT_FALSE(TokenMatches("abcd", "abc"));
  EXPECT_FALSE(TokenMatches("", ""));
}

}  // namespace
}  // namespace dvc::gateway
