#include "receipt/receipt_renderer.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>

#include "dossier/dossier_code.h"
#include "receipt/qr_code.h"
#include "receipt/text_layout.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::receipt {
namespace {

// Type sizes in dots. On 58 mm paper body text stays at 20 dots (2.5 mm),
// near the printers' own 24-dot font, rather than shrinking in proportion:
// residents read these at arm's length.
struct TypeScale {
  int heading;  // issuing office and national motto
  int title;    // "GIẤY TIẾP NHẬN HỒ SƠ ..."
  int code;     // the dossier code, the largest type (shrunk to fit the width)
  int body;
  int emphasis;  // the appointment
  int small;     // captions and footer
};
constexpr TypeScale kScale58mm{18, 24, 48, 20, 22, 17};
constexpr TypeScale kScale80mm{22, 30, 64, 24, 27, 20};

TypeScale ScaleFor(int width) {
  if (width <= (kWidth58mm + kWidth80mm) / 2) return kScale58mm;
  if (width <= kWidth80mm) return kScale80mm;
  const auto grow = [width](int px) { return px * width / kWidth80mm; };
  return {grow(kScale80mm.heading), grow(kScale80mm.title),    grow(kScale80mm.code),
          grow(kScale80mm.body),    grow(kScale80mm.emphasis), grow(kScale80mm.small)};
}

enum class Align { kLeft, kCenter };

// NFC code points of untrusted UTF-8.
std::u32string Prepare(std::string_view s) {
  return text::DecodeUtf8(text::ToNfc(text::SanitizeUtf8(s)));
}

std::u32string Upper(std::u32string s) {
  for (char32_t& c : s)
    c = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
  return s;
}

// "08 giờ 30 phút, ngày 04/12/2026", as Form 01 writes a time.
std::u32string FormTime(const calendar::LocalDateTime& t) {
  char hm[32];
  // No-break spaces keep "08 giờ 30 phút," and "ngày 27/11/2026" whole
  // when the line wraps.
  std::snprintf(hm, sizeof hm, "%02d\u00A0giờ\u00A0%02d\u00A0phút, ngày\u00A0", t.time.hour,
                t.time.minute);
  return Prepare(std::string(hm) + t.date.ToVietnamese());
}

std::u32string DisplayCode(const std::string& compact) {
  Result<dossier::DossierCode> code = dossier::ParseDossierCode(compact);
  return Prepare(code.ok() ? code->Display() : compact);
}

// A white image that grows downwards as the layout goes.
class Canvas {
 public:
  Canvas(TextRasterizer& text, int width, int margin)
      : text_(text), image_(GrayImage::White(width, 0)), margin_(margin) {}

  int y() const { return y_; }
  int content_width() const { return image_.width - 2 * margin_; }
  bool overflowed() const { return overflowed_; }

  void Gap(int dots) { y_ += dots; }

  // Lays out and draws a paragraph. `indent_rest` is the hanging indent of
  // lines after the first.
  void Paragraph(const std::vector<Span>& spans, Align align, int indent_first = 0,
                 int indent_rest = 0, int extra_leading = 0, int right_inset = 0) {
    const int width = content_width() - right_inset;
    bool first = true;
    for (const LaidOutLine& line : WrapSpans(text_, spans, std::max(1, width - indent_first),
                                             std::max(1, width - indent_rest))) {
      Line(line, align, first ? indent_first : indent_rest, extra_leading);
      first = false;
    }
  }

  // A horizontal rule across `fraction` of the content width, centred.
  void Rule(int thickness, double fraction, bool dashed) {
    const int w = static_cast<int>(content_width() * fraction);
    const int x0 = margin_ + (content_width() - w) / 2;
    Reserve(y_ + thickness);
    for (int dy = 0; dy < thickness; ++dy) {
      for (int x = x0; x < x0 + w; ++x) {
        if (!dashed || ((x - x0) / 8) % 2 == 0) Set(x, y_ + dy, 0);
      }
    }
    y_ += thickness;
  }

  // A rectangle outline from y0 to y1 across the content width.
  void Box(int y0, int y1, int thickness) {
    Reserve(y1);
    const int x0 = margin_, x1 = image_.width - margin_;
    for (int t = 0; t < thickness; ++t) {
      for (int x = x0; x < x1; ++x) {
        Set(x, y0 + t, 0);
        Set(x, y1 - 1 - t, 0);
      }
      for (int y = y0; y < y1; ++y) {
        Set(x0 + t, y, 0);
        Set(x1 - 1 - t, y, 0);
      }
    }
  }

  // The QR symbol centred, `dots` per module, with its quiet zone.
  void Qr(const QrMatrix& qr, int dots) {
    const int side = (qr.size + 2 * kQrQuietZoneModules) * dots;
    const int x0 = (image_.width - side) / 2 + kQrQuietZoneModules * dots;
    const int y0 = y_ + kQrQuietZoneModules * dots;
    Reserve(y_ + side);
    for (int my = 0; my < qr.size; ++my) {
      for (int mx = 0; mx < qr.size; ++mx) {
        if (!qr.At(mx, my)) continue;
        for (int dy = 0; dy < dots; ++dy) {
          for (int dx = 0; dx < dots; ++dx) Set(x0 + mx * dots + dx, y0 + my * dots + dy, 0);
        }
      }
    }
    y_ += side;
  }

  GrayImage Finish(int bottom_margin) {
    Reserve(y_ + bottom_margin);
    image_.height = std::min(y_ + bottom_margin, image_.height);
    image_.pixels.resize(static_cast<size_t>(image_.width) * image_.height);
    return std::move(image_);
  }

 private:
  void Line(const LaidOutLine& line, Align align, int indent, int extra_leading) {
    const int height = line.ascent + line.descent + extra_leading;
    Reserve(y_ + height);
    const int x =
        align == Align::kCenter ? margin_ + (content_width() - line.width) / 2 : margin_ + indent;
    const int baseline = y_ + line.ascent + extra_leading / 2;
    for (const PlacedPiece& piece : line.pieces) {
      text_.Draw(image_, x + piece.x, baseline, piece.text, piece.style);
    }
    y_ += height;
  }

  // Makes the image at least `height` rows tall (amortised doubling), up to
  // kMaxHeightDots; beyond that drawing is clipped and overflowed() is set.
  void Reserve(int height) {
    if (height <= image_.height) return;
    if (height > kMaxHeightDots) {
      overflowed_ = true;
      height = kMaxHeightDots;
      if (height <= image_.height) return;
    }
    const int rows = std::min(kMaxHeightDots, std::max(height, image_.height * 2));
    image_.pixels.resize(static_cast<size_t>(image_.width) * rows, 255);
    image_.height = rows;
  }

  void Set(int x, int y, uint8_t v) {
    if (x >= 0 && x < image_.width && y >= 0 && y < image_.height) image_.At(x, y) = v;
  }

  TextRasterizer& text_;
  GrayImage image_;
  int margin_;
  int y_ = 0;
  bool overflowed_ = false;
};

// The largest size <= `preferred` at which `text` fits in `width`.
int FitSize(TextRasterizer& text, std::u32string_view s, int preferred, int width) {
  int px = preferred;
  while (px > 8 && text.Measure(s, TextStyle{px, true}) > width) --px;
  return px;
}

Result<int> QrDots(const QrMatrix& qr, int requested, int width) {
  const int modules = qr.size + 2 * kQrQuietZoneModules;
  if (requested < 0) return Status::InvalidInput("qr_dots_per_module must not be negative");
  if (requested > 0) {
    if (modules * requested > width) {
      return Status::InvalidInput("a QR code of " + std::to_string(modules) + " modules at " +
                                  std::to_string(requested) + " dots each does not fit " +
                                  std::to_string(width) + " dots");
    }
    return requested;
  }
  const int fit = width / modules;
  if (fit < 1) return Status::InvalidInput("the QR code does not fit the paper width");
  return std::min(4, fit);
}

}  // namespace

Result<std::unique_ptr<ReceiptRenderer>> ReceiptRenderer::Open(const FontPaths& fonts) {
  Result<std::unique_ptr<TextRasterizer>> text = TextRasterizer::Open(fonts.regular, fonts.bold);
  if (!text.ok()) return text.status();
  return std::unique_ptr<ReceiptRenderer>(new ReceiptRenderer(std::move(text).value()));
}

Result<GrayImage> ReceiptRenderer::Render(const ReceiptData& data, const RenderOptions& options) {
  const int width = options.width_dots;
  if (width < kMinWidthDots || width > kMaxWidthDots) {
    return Status::InvalidInput("receipt width must be " + std::to_string(kMinWidthDots) + ".." +
                                std::to_string(kMaxWidthDots) +
                                " dots (384 for 58 mm, 576 for "
                                "80 mm), not " +
                                std::to_string(width));
  }
  if (data.qr_text.empty()) return Status::InvalidInput("the receipt has no signed QR payload");
  Result<QrMatrix> qr = QrModules(data.qr_text);
  if (!qr.ok()) return qr.status().WithContext("receipt QR code");
  Result<int> qr_dots = QrDots(*qr, options.qr_dots_per_module, width);
  if (!qr_dots.ok()) return qr_dots.status();

  const TypeScale ts = ScaleFor(width);
  const TextStyle heading{ts.heading, true}, title{ts.title, true}, body{ts.body, false},
      body_bold{ts.body, true}, emphasis{ts.emphasis, true}, small{ts.small, false},
      small_bold{ts.small, true};
  const int margin = width / 48;
  const int gap = ts.body / 2;
  TextRasterizer& t = *text_;
  Canvas c(t, width, margin);
  const auto plain = [](std::string_view s, TextStyle st) {
    return std::vector<Span>{{Prepare(s), st}};
  };
  const auto labelled = [&](std::string_view label, std::string_view value, TextStyle value_style) {
    c.Paragraph({{Prepare(label), body}, {Prepare(value), value_style}}, Align::kLeft, 0, 0, 2);
  };

  // Heading: the issuing office, then the national motto (Form 01 puts them
  // side by side; a roll is too narrow, so they are stacked).
  c.Gap(margin);
  c.Paragraph({{Upper(Prepare("Ủy ban nhân dân " + data.commune_name)), heading}}, Align::kCenter);
  c.Paragraph(plain("BỘ PHẬN MỘT CỬA", heading), Align::kCenter);
  c.Gap(6);
  c.Rule(2, 0.3, false);
  c.Gap(gap);
  // The motto's first line stays whole, in smaller type on 58 mm paper.
  const std::u32string republic = Prepare("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  c.Paragraph({{republic, TextStyle{FitSize(t, republic, ts.heading, c.content_width()), true}}},
              Align::kCenter);
  c.Paragraph(plain("Độc lập - Tự do - Hạnh phúc", TextStyle{ts.heading, true}), Align::kCenter);
  c.Gap(6);
  c.Rule(2, 0.45, false);
  c.Gap(gap * 2);

  c.Paragraph(plain("GIẤY TIẾP NHẬN HỒ SƠ\nVÀ HẸN TRẢ KẾT QUẢ", title), Align::kCenter);
  c.Gap(gap);
  c.Paragraph(plain("Mã hồ sơ", small), Align::kCenter);
  const std::u32string code = DisplayCode(data.dossier_code);
  const int code_px = FitSize(t, code, ts.code, c.content_width());
  c.Paragraph({{code, TextStyle{code_px, true}}}, Align::kCenter);
  c.Gap(gap);
  c.Rule(2, 1.0, true);
  c.Gap(gap);

  labelled("Tiếp nhận hồ sơ của: ", data.applicant_name, body_bold);
  if (!data.applicant_phone.empty()) labelled("Số điện thoại: ", data.applicant_phone, body);
  labelled("Nội dung yêu cầu giải quyết: ", data.procedure_name, body_bold);
  labelled("Mã thủ tục: ", ProcedureCode(data), body);
  c.Gap(gap / 2);
  c.Paragraph(plain("Thành phần hồ sơ đã nhận:", body), Align::kLeft, 0, 0, 2);
  for (size_t i = 0; i < data.documents.size(); ++i) {
    const std::u32string number = Prepare(std::to_string(i + 1) + ". ");
    const int indent = t.Measure(number, body) + margin;
    c.Paragraph({{number, body}, {Prepare(data.documents[i]), body}}, Align::kLeft, margin, indent,
                2);
  }
  c.Gap(gap / 2);
  labelled("Thời hạn giải quyết: ",
           data.processing_working_days == 0
               ? std::string("trong ngày")
               : std::to_string(data.processing_working_days) + " ngày làm việc",
           body_bold);
  c.Paragraph({{Prepare("Nhận hồ sơ lúc: "), body}, {FormTime(data.received), body}}, Align::kLeft,
              0, 0, 2);
  c.Gap(gap);

  // The appointment, boxed: the one line a resident must not miss.
  const int box_top = c.y();
  c.Gap(gap);
  const int pad = margin + 6;
  c.Paragraph(
      {{Prepare("Hẹn trả kết quả vào lúc "), emphasis}, {FormTime(data.appointment), emphasis}},
      Align::kLeft, pad, pad, 2, pad);
  c.Gap(gap);
  c.Box(box_top, c.y(), 3);
  c.Gap(gap);
  if (data.official_appointment) {
    // The box shows what the QR signs; the resident must still learn the
    // date the province set.
    c.Paragraph({{Prepare("Ngày hẹn trả chính thức đã đổi thành: "), body_bold},
                 {FormTime(*data.official_appointment), body_bold}},
                Align::kLeft, 0, 0, 2);
    c.Paragraph(plain("(mã QR ghi ngày hẹn lúc tiếp nhận)", small), Align::kLeft, 0, 0, 2);
    c.Gap(gap);
  }
  labelled("Nơi trả kết quả: ", data.collect_at, body);
  c.Gap(gap);
  c.Rule(2, 1.0, true);
  c.Gap(gap);

  if (!data.status_instruction.empty()) {
    c.Paragraph(plain("Tra cứu tình trạng hồ sơ bằng tin nhắn:", body), Align::kCenter);
    // On one line if it fits at all: the resident copies it into a phone.
    const std::u32string instruction = Prepare(data.status_instruction);
    const int px = std::max(ts.small, FitSize(t, instruction, ts.emphasis, c.content_width()));
    c.Paragraph({{instruction, TextStyle{px, true}}}, Align::kCenter, 0, 0, 4);
    c.Gap(gap / 2);
  }
  c.Qr(*qr, *qr_dots);
  c.Paragraph(plain("Quét mã QR để kiểm tra giấy tiếp nhận này", small), Align::kCenter);
  c.Gap(gap);
  c.Rule(2, 1.0, true);
  c.Gap(gap);

  if (!data.kiosk_name.empty()) {
    c.Paragraph(plain("Nơi cấp giấy: " + data.kiosk_name, small), Align::kCenter);
  }
  c.Paragraph(plain("Chữ ký số trong mã QR: " + data.signer_id, small), Align::kCenter);
  c.Paragraph(plain("Mang theo giấy này khi đến nhận kết quả.", small_bold), Align::kCenter);
  GrayImage image = c.Finish(margin * 3);
  if (c.overflowed()) {
    return Status::InvalidInput("the receipt would be longer than " +
                                std::to_string(kMaxHeightDots) + " dots of paper");
  }
  return image;
}

}  // namespace dvc::receipt
