// Gateway ingest: how many dossiers per second a running sms-gateway stores
// through the sync API (DESIGN.md section 10: >= 2,000 dossiers/s on 2 cores),
// from `clients` concurrent enrolled kiosks, each pushing signed batches of
// `batch` sealed dossiers over keep-alive HTTP on loopback. Every batch is
// committed durably (synchronous=FULL) before the gateway answers.
//
//   gateway_ingest_bench URL OPERATOR_TOKEN_FILE [clients=20] [batch=50] [batches=10]
//
// tests/bench/gateway_ingest.sh starts a fresh gateway and runs this. The
// kiosks are enrolled through the operator API and /v1/enroll first, and every
// request body (a realistic certified-copy dossier, its private part sealed to
// the province key) is built before the clock starts, so the figure is the
// gateway's: the client only signs each request (one Ed25519 signature, tens
// of microseconds) and sends it. Exit status 2 when any dossier is not stored.

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "core/hex.h"
#include "dossier/dossier.h"
#include "dossier/dossier_code.h"
#include "sync/enrolment_code.h"
#include "sync/messages.h"
#include "sync/request_signature.h"
#include "sync/sealing.h"

namespace {

using dvc::sync::EnrollResponse;

struct Kiosk {
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
  EnrollResponse enrolment;
  std::vector<std::string> bodies;  // one push request per batch
};

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "gateway_ingest_bench: %s\n", message.c_str());
  std::exit(1);
}

std::string ReadToken(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  if (!(in >> token)) Fail("cannot read the operator token from " + path);
  return token;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Kiosk Enrol(httplib::Client& client, const std::string& token, int index) {
  Kiosk kiosk;
  crypto_sign_keypair(kiosk.pk.data(), kiosk.sk.data());
  const nlohmann::json ask = {{"commune_code", "12430"},
                              {"name", "Bench kiosk " + std::to_string(index)}};
  auto made = client.Post("/v1/admin/enrolments", {{"Authorization", "Bearer " + token}},
                          ask.dump(), "application/json");
  if (!made || made->status != 200) {
    Fail("operator enrolment failed: " + (made ? made->body : httplib::to_string(made.error())));
  }
  const std::string code = nlohmann::json::parse(made->body).at("code").get<std::string>();
  auto parsed_code = dvc::sync::ParseEnrolmentCode(code);
  if (!parsed_code.ok()) Fail("enrolment code: " + parsed_code.status().message());
  dvc::sync::EnrollRequest request;
  request.code = *parsed_code;
  request.public_key = dvc::core::HexOf(kiosk.pk);
  request.proof = dvc::sync::SignEnrolmentProof(kiosk.sk, request.code, request.public_key);
  request.software = "gateway_ingest_bench";
  auto enrolled = client.Post("/v1/enroll", dvc::sync::ToJson(request).dump(), "application/json");
  if (!enrolled || enrolled->status != 200) {
    Fail("enrol failed: " + (enrolled ? enrolled->body : httplib::to_string(enrolled.error())));
  }
  auto response = dvc::sync::EnrollResponseFromJson(nlohmann::json::parse(enrolled->body));
  if (!response.ok()) Fail("enrol answer: " + response.status().message());
  kiosk.enrolment = std::move(response).value();
  return kiosk;
}

void BuildBodies(Kiosk& kiosk, const dvc::catalog::Catalog& catalog, int batch, int batches) {
  auto sealing_key = dvc::sync::Key32FromHex(kiosk.enrolment.province.sealing_key);
  if (!sealing_key.ok()) Fail("province sealing key: " + sealing_key.status().message());
  const dvc::catalog::Service* service = catalog.FindService("chung-thuc-ban-sao");
  if (service == nullptr) Fail("the shipped catalog has no chung-thuc-ban-sao");
  dvc::sync::PrivatePart secret;
  secret.answers = {{"full_name", "Nguyễn Văn An"},     {"citizen_id", "034090001234"},
                    {"phone", "0912345678"},            {"document_type", "van-bang"},
                    {"issuer", "Trường Đại học Thái Bình"}, {"pages", 2},
                    {"copies", 3}};
  secret.phone = "0912345678";
  secret.applicant_name = "Nguyễn Văn An";
  const std::string secret_text = dvc::sync::ToJson(secret).dump();
  uint32_t counter = 0;
  for (int b = 0; b < batches; ++b) {
    dvc::sync::PushRequest push;
    for (int i = 0; i < batch; ++i) {
      auto code = dvc::dossier::DossierCode::FromParts(kiosk.enrolment.commune_code,
                                                       kiosk.enrolment.issuer, counter++);
      if (!code.ok()) Fail("code: " + code.status().message());
      dvc::sync::PushDossier dossier;
      dossier.id = dvc::dossier::NewDossierId();
      dossier.code = code->compact();
      dossier.service_id = service->id;
      dossier.catalog_version = catalog.version();
      dossier.form_version = static_cast<int>(service->form.version);
      dossier.created_at = dvc::dossier::Timestamp(std::chrono::seconds(NowSeconds()));
      dossier.sealed = dvc::sync::Base64Encode(dvc::sync::Seal(*sealing_key, secret_text));
      push.dossiers.push_back(std::move(dossier));
    }
    kiosk.bodies.push_back(dvc::sync::ToJson(push).dump());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: gateway_ingest_bench URL OPERATOR_TOKEN_FILE [clients=20] [batch=50] "
                 "[batches=10]\n");
    return 1;
  }
  if (sodium_init() < 0) Fail("libsodium does not initialise");
  const std::string url = argv[1];
  const std::string token = ReadToken(argv[2]);
  const int clients = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
  const int batch = argc > 4 ? std::clamp(std::atoi(argv[4]), 1, 100) : 50;
  const int batches = argc > 5 ? std::max(1, std::atoi(argv[5])) : 10;

  auto catalog = dvc::catalog::LoadCatalog(std::string(DVC_SOURCE_DIR) + "/assets/catalog");
  if (!catalog.ok()) Fail("catalog: " + catalog.status().message());

  std::vector<Kiosk> kiosks;
  {
    httplib::Client setup(url);
    for (int i = 0; i < clients; ++i) {
      kiosks.push_back(Enrol(setup, token, i));
      BuildBodies(kiosks.back(), *catalog, batch, batches);
    }
  }

  std::atomic<int64_t> stored{0};
  std::atomic<int64_t> failed{0};
  std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Kiosk& kiosk = kiosks[static_cast<size_t>(c)];
      httplib::Client client(url);
      client.set_keep_alive(true);
      client.set_read_timeout(60, 0);
      for (const std::string& body : kiosk.bodies) {
        const auto sent = std::chrono::steady_clock::now();
        const auto headers = dvc::sync::SignRequest(kiosk.sk, kiosk.enrolment.kiosk_id, "POST",
                                                    "/v1/dossiers", NowSeconds(), body);
        httplib::Headers h = {{std::string(dvc::sync::kHeaderKiosk), headers.kiosk},
                              {std::string(dvc::sync::kHeaderTimestamp), headers.timestamp},
                              {std::string(dvc::sync::kHeaderNonce), headers.nonce},
                              {std::string(dvc::sync::kHeaderSignature), headers.signature}};
        auto answer = client.Post("/v1/dossiers", h, body, "application/json");
        latencies[static_cast<size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent)
                .count());
        if (!answer || answer->status != 200) {
          failed += batch;
          std::fprintf(stderr, "push: %s\n",
                       answer ? answer->body.c_str() : httplib::to_string(answer.error()).c_str());
          continue;
        }
        auto parsed = dvc::sync::PushResponseFromJson(nlohmann::json::parse(answer->body));
        if (!parsed.ok()) {
          failed += batch;
          continue;
        }
        for (const auto& result : parsed->results) {
          if (result.result == dvc::sync::PushOutcome::kStored) {
            ++stored;
          } else {
            ++failed;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1,
                                      static_cast<size_t>(p * static_cast<double>(all.size())))];
  };
  std::printf("gateway ingest: %d clients x %d batches of %d dossiers\n", clients, batches, batch);
  std::printf("  stored %lld, not stored %lld, in %.2f s: %.0f dossiers/s (goal >= 2000)\n",
              static_cast<long long>(stored.load()), static_cast<long long>(failed.load()), seconds,
              static_cast<double>(stored.load()) / seconds);
  std::printf("  push request latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", pct(0.50),
              pct(0.99), all.empty() ? 0.0 : all.back());
  return failed.load() == 0 ? 0 : 2;
}
