#include "text/sms_segment.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "text/gsm7.h"
#include "text/normalize.h"
#include "text/ucs2.h"
#include "text/utf8.h"

namespace dvc::text {
namespace {

// Capacities per encoding, in septets or UTF-16 units.
struct Capacity {
  size_t single;
  size_t part;
};
constexpr Capacity kGsm7Capacity{kGsm7SingleSeptets, kGsm7PartSeptets};
constexpr Capacity kUcs2Capacity{kUcs2SingleUnits, kUcs2PartUnits};

const Capacity& CapacityOf(SmsEncoding e) {
  return e == SmsEncoding::kGsm7 ? kGsm7Capacity : kUcs2Capacity;
}

// Where parts end, from the size of each character in units: greedy, so a
// two-unit character (escape pair, surrogate pair) moves whole to the next
// part. Returns the number of characters in each part.
std::vector<size_t> SplitCharacters(const std::vector<size_t>& sizes, const Capacity& cap) {
  size_t total = 0;
  for (size_t s : sizes) total += s;
  if (total <= cap.single) return {sizes.size()};
  std::vector<size_t> parts;
  size_t chars = 0, fill = 0;
  for (size_t s : sizes) {
    if (fill + s > cap.part) {
      parts.push_back(chars);
      chars = 0;
      fill = 0;
    }
    ++chars;
    fill += s;
  }
  if (chars > 0) parts.push_back(chars);
  return parts;
}

// The size of each character of NFC `cps` in units of `encoding`.
Result<std::vector<size_t>> CharacterSizes(const std::u32string& cps, SmsEncoding encoding) {
  std::vector<size_t> sizes;
  sizes.reserve(cps.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    if (encoding == SmsEncoding::kUcs2) {
      sizes.push_back(Utf16Units(cps[i]));
      continue;
    }
    const std::optional<size_t> n = Gsm7Septets(cps[i]);
    if (!n) return NotInGsm7Error(cps[i], i);
    sizes.push_back(*n);
  }
  return sizes;
}

// The body of one part. REQUIRES: CharacterSizes accepted `cps`.
std::string EncodeBody(std::u32string_view cps, SmsEncoding encoding) {
  std::string out;
  for (char32_t cp : cps) {
    if (encoding == SmsEncoding::kUcs2) {
      AppendUtf16Be(cp, &out);
    } else if (!AppendGsm7(cp, &out)) {
      std::abort();
    }
  }
  return out;
}

// GSM-7 when it carries every code point of `cps`, else UCS-2.
SmsEncoding EncodingFor(const std::u32string& cps) {
  const bool gsm7 =
      std::all_of(cps.begin(), cps.end(), [](char32_t cp) { return Gsm7Septets(cp).has_value(); });
  return gsm7 ? SmsEncoding::kGsm7 : SmsEncoding::kUcs2;
}

// PlanSms on NFC code points.
Result<SmsPlan> PlanCodePoints(const std::u32string& cps, SmsEncoding encoding, uint8_t reference,
                               Gsm7Layout layout) {
  Result<std::vector<size_t>> sizes = CharacterSizes(cps, encoding);
  if (!sizes.ok()) return sizes.status();
  const std::vector<size_t> parts = SplitCharacters(*sizes, CapacityOf(encoding));
  if (parts.size() > kMaxSmsSegments) {
    return Status::InvalidInput("text needs " + std::to_string(parts.size()) +
                                " SMS segments; one concatenated message holds at most 255");
  }
  SmsPlan plan;
  plan.encoding = encoding;
  plan.layout = layout;
  const bool concatenated = parts.size() > 1;
  size_t begin = 0;
  for (size_t seq = 0; seq < parts.size(); ++seq) {
    SmsSegment seg;
    if (concatenated) {
      seg.udh = {0x05,
                 0x00,
                 0x03,
                 static_cast<char>(reference),
                 static_cast<char>(parts.size()),
                 static_cast<char>(seq + 1)};
    }
    std::string body = EncodeBody(std::u32string_view(cps).substr(begin, parts[seq]), encoding);
    begin += parts[seq];
    if (encoding == SmsEncoding::kUcs2) {
      seg.units = body.size() / 2;
      seg.user_data_octets = seg.udh.size() + body.size();
      seg.body = std::move(body);
    } else {
      seg.units = body.size();
      const int fill = seg.udh.empty() ? 0 : FillBitsAfterUdh(seg.udh.size());
      Result<std::string> packed = PackSeptets(body, fill);
      if (!packed.ok()) std::abort();  // septets from AppendGsm7 are always < 0x80
      seg.user_data_octets = seg.udh.size() + packed->size();
      seg.body = layout == Gsm7Layout::kPacked ? std::move(*packed) : std::move(body);
    }
    if (seg.user_data_octets > kSmsUserDataOctets) std::abort();  // the split above is wrong
    plan.segments.push_back(std::move(seg));
  }
  return plan;
}

}  // namespace

SmsEncoding ChooseEncoding(std::string_view utf8) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  return cps.ok() ? EncodingFor(*cps) : SmsEncoding::kUcs2;
}

Result<SmsPlan> PlanSms(std::string_view utf8, SmsEncoding encoding, uint8_t reference,
                        Gsm7Layout layout) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  if (!cps.ok()) return cps.status();
  return PlanCodePoints(*cps, encoding, reference, layout);
}

Result<SmsPlan> PlanSmsAuto(std::string_view utf8, uint8_t reference, Gsm7Layout layout) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  if (!cps.ok()) return cps.status();
  return PlanCodePoints(*cps, EncodingFor(*cps), reference, layout);
}

Result<size_t> CountSegments(std::string_view utf8, SmsEncoding encoding) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  if (!cps.ok()) return cps.status();
  Result<std::vector<size_t>> sizes = CharacterSizes(*cps, encoding);
  if (!sizes.ok()) return sizes.status();
  return SplitCharacters(*sizes, CapacityOf(encoding)).size();
}

Result<std::string> PlanText(const SmsPlan& plan) {
  std::string joined;
  for (const SmsSegment& seg : plan.segments) {
    if (plan.encoding == SmsEncoding::kUcs2) {
      joined += seg.body;
    } else if (plan.layout == Gsm7Layout::kPacked) {
      const int fill = seg.udh.empty() ? 0 : FillBitsAfterUdh(seg.udh.size());
      Result<std::string> septets = UnpackSeptets(seg.body, fill, seg.units);
      if (!septets.ok()) return septets.status();
      joined += *septets;
    } else {
      joined += seg.body;
    }
  }
  return plan.encoding == SmsEncoding::kUcs2 ? DecodeUtf16Be(joined) : DecodeGsm7(joined);
}

}  // namespace dvc::text
