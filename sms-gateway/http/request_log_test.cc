// The request log: a 500's internal error reaches the operator's log line
// (docs/sync-api.md: "the gateway's log says which"), other lines stay short.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "cli/serve_command.h"
#include "http/gateway_server.h"
#include "service/service_test_support.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using test_support::kOperatorToken;

class RequestLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ =
        test_support::OpenTestService(dir_, keys_, [] { return int64_t{1'793'000'000'000}; });
    GatewayServerOptions options;
    options.threads = 2;
    options.operator_token = kOperatorToken;
    options.events_token = std::string(64, 'b');
    options.log = [this](const RequestLogEntry& entry) {
      std::lock_guard lock(mu_);
      entries_.push_back(entry);
      logged_.notify_all();
    };
    auto server = GatewayServer::Create(*service_, options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server).value();
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  httplib::Result OperatorGet(const std::string& path) {
    return client_->Get(path, {{"Authorization", "Bearer " + kOperatorToken}});
  }
  // The `n`th entry (1-based): cpp-httplib logs after writing the answer, so
  // the client may have it before the entry is there.
  RequestLogEntry Entry(size_t n) {
    std::unique_lock lock(mu_);
    const bool there =
        logged_.wait_for(lock, std::chrono::seconds(10), [&] { return entries_.size() >= n; });
    EXPECT_TRUE(there);
    return there ? entries_[n - 1] : RequestLogEntry{};
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<GatewayServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::mutex mu_;
  std::condition_variable logged_;
  std::vector<RequestLogEntry> entries_;
};

TEST_F(RequestLogTest, InternalErrorIsLoggedOnTheRequestLine) {
  auto fine = OperatorGet("/v1/admin/dossiers");
  ASSERT_EQ(fine->status, 200) << fine->body;
  EXPECT_EQ(Entry(1).error, "");
  EXPECT_EQ(FormatRequestLogLine(Entry(1)).find(':'), std::string::npos);

  // A store that fails under the service: its table gone.
  {
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE((*db)->Exec("break the store", "DROP TABLE status_history").ok());
    ASSERT_TRUE((*db)->Exec("break the store", "DROP TABLE dossier_attachments").ok());
    ASSERT_TRUE((*db)->Exec("break the store", "DROP TABLE changes").ok());
    ASSERT_TRUE((*db)->Exec("break the store", "DROP TABLE dossiers").ok());
  }
  auto failed = OperatorGet("/v1/admin/dossiers?status=received");
  ASSERT_EQ(failed->status, 500) << failed->body;
  const std::string message = nlohmann::json::parse(failed->body)["error"]["message"];
  const RequestLogEntry entry = Entry(2);
  EXPECT_EQ(entry.status, 500);
  EXPECT_EQ(entry.path, "/v1/admin/dossiers");
  EXPECT_EQ(entry.error, message);
  EXPECT_NE(entry.error.find("dossiers"), std::string::npos) << entry.error;
  const std::string line = FormatRequestLogLine(entry);
  EXPECT_EQ(line.rfind("GET /v1/admin/dossiers 500 ", 0), 0u) << line;
  EXPECT_EQ(line.substr(line.size() - message.size() - 2), ": " + message) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace dvc::gateway
