#include "http/receipt_routes.h"

#include <nlohmann/json.hpp>

#include "http/http_response.h"
#include "service/receipts.h"
#include "sync/sealing.h"

namespace dvc::gateway {

namespace {

constexpr std::string_view kPngSuffix = ".png";
constexpr const char* kHtmlType = "text/html; charset=utf-8";

// Shared by the page, its 404 and the PNG: never cached, indexed or
// referred; the page may only use its own inline style and data: images.
void SetPublicHeaders(httplib::Response& response) {
  response.set_header("Cache-Control", "no-store, private");
  response.set_header("X-Robots-Tag", "noindex, nofollow");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Content-Security-Policy",
                      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                      "frame-ancestors 'none'");
}

constexpr std::string_view kStyle =
    "body{margin:0;background:#eee;font-family:sans-serif;color:#222}"
    "main{max-width:640px;margin:0 auto;padding:16px;text-align:center}"
    "img{width:100%;max-width:576px;background:#fff;box-shadow:0 1px 4px #999}"
    ".hint{margin:16px auto;padding:12px;border:2px solid #2a6;border-radius:8px;"
    "background:#fff;max-width:544px}"
    "@media print{body{background:#fff}.hint{display:none}main{padding:0}"
    "img{box-shadow:none;max-width:none;width:80mm}@page{margin:0}}";

std::string Page(std::string_view title, std::string_view body) {
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += "<meta name=\"robots\" content=\"noindex, nofollow\">";
  html += "<title>";
  html += title;
  html += "</title><style>";
  html += kStyle;
  html += "</style></head><body><main>";
  html += body;
  html += "</main></body></html>\n";
  return html;
}

void WriteHtml(httplib::Response& response, int status, const std::string& html) {
  SetPublicHeaders(response);
  response.status = status;
  response.set_content(html, kHtmlType);
}

std::string ErrorHtml() {
  return Page("Lỗi",
              "<h1>Chưa hiển thị được biên nhận</h1><p>Hệ thống đang gặp sự cố. Vui lòng "
              "thử lại sau ít phút.</p>");
}

}  // namespace

std::string ReceiptPageHtml(std::string_view png) {
  std::string body;
  body +=
      "<p class=\"hint\">Để in biên nhận, dùng lệnh <b>In</b> của trình duyệt (Ctrl+P). "
      "Mã QR trên biên nhận có chữ ký số của tỉnh.</p>";
  body += "<img alt=\"Giấy tiếp nhận hồ sơ và hẹn trả kết quả\" src=\"data:image/png;base64,";
  body += sync::Base64Encode(png);
  body += "\">";
  return Page("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", body);
}

std::string ReceiptNotFoundHtml() {
  return Page("Không tìm thấy biên nhận",
              "<h1>Không tìm thấy biên nhận</h1><p>Đường dẫn không đúng. Vui lòng kiểm tra lại "
              "tin nhắn, hoặc hỏi Bộ phận Một cửa của xã.</p>");
}

void ServeReceiptPage(RouteContext& c) {
  std::string_view segment = c.params.at(0);
  const bool png = segment.size() > kPngSuffix.size() && segment.ends_with(kPngSuffix);
  if (png) segment.remove_suffix(kPngSuffix.size());
  // Only the token's shape reaches the service: a dossier code in a public
  // URL answers 404 like any unknown token.
  if (!IsReceiptToken(segment)) return WriteHtml(c.response, 404, ReceiptNotFoundHtml());
  ApiResult<std::vector<uint8_t>> image = c.service.RenderReceipt(segment);
  if (!image.ok()) {
    if (image.error().http_status == 404) {
      return WriteHtml(c.response, 404, ReceiptNotFoundHtml());
    }
    return WriteHtml(c.response, 500, ErrorHtml());
  }
  const std::string_view bytes(reinterpret_cast<const char*>(image->data()), image->size());
  if (png) {
    SetPublicHeaders(c.response);
    c.response.status = 200;
    c.response.set_content(std::string(bytes), "image/png");
    return;
  }
  WriteHtml(c.response, 200, ReceiptPageHtml(bytes));
}

void ServeOperatorReceipt(RouteContext& c) {
  ApiResult<std::string> token = c.service.ReceiptLink(c.params.at(0));
  if (!token.ok()) return WriteError(c.response, token.error());
  ApiResult<std::vector<uint8_t>> image = c.service.RenderReceipt(*token);
  if (!image.ok()) return WriteError(c.response, image.error());
  const std::string_view bytes(reinterpret_cast<const char*>(image->data()), image->size());
  WriteJson(c.response, 200,
            nlohmann::json{{"token", *token}, {"png_base64", sync::Base64Encode(bytes)}});
}

void ServeKioskKeys(RouteContext& c) {
  ApiResult<std::string> document = c.service.ExportKioskKeys();
  if (!document.ok()) return WriteError(c.response, document.error());
  c.response.status = 200;
  c.response.set_content(*document, kJsonContentType);
}

}  // namespace dvc::gateway
