#include "smpp/delivery_receipt.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace dvc::gateway::smpp {
namespace {

struct StatSpelling {
  std::string_view text;
  MessageState state;
};

// The first spelling of each state is the canonical one (StatText).
constexpr std::array kStatSpellings = {
    StatSpelling{"ENROUTE", MessageState::kEnroute},
    StatSpelling{"DELIVRD", MessageState::kDelivered},
    StatSpelling{"EXPIRED", MessageState::kExpired},
    StatSpelling{"DELETED", MessageState::kDeleted},
    StatSpelling{"UNDELIV", MessageState::kUndeliverable},
    StatSpelling{"ACCEPTD", MessageState::kAccepted},
    StatSpelling{"UNKNOWN", MessageState::kUnknown},
    StatSpelling{"REJECTD", MessageState::kRejected},
    StatSpelling{"DELIVERED", MessageState::kDelivered},
    StatSpelling{"UNDELIVERABLE", MessageState::kUndeliverable},
    StatSpelling{"ACCEPTED", MessageState::kAccepted},
    StatSpelling{"REJECTED", MessageState::kRejected},
};

enum class Field { kId, kSub, kDlvrd, kSubmitDate, kDoneDate, kStat, kErr, kText };

struct Key {
  std::string_view name;
  Field field;
};

// Longer keys first where one is a prefix of another ("submit date" before
// "sub"). Underscore spellings are seen in some SMSCs' receipts.
constexpr std::array kKeys = {
    Key{"submit date", Field::kSubmitDate},
    Key{"submit_date", Field::kSubmitDate},
    Key{"done date", Field::kDoneDate},
    Key{"done_date", Field::kDoneDate},
    Key{"dlvrd", Field::kDlvrd},
    Key{"stat", Field::kStat},
    Key{"text", Field::kText},
    Key{"sub", Field::kSub},
    Key{"err", Field::kErr},
    Key{"id", Field::kId},
};

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Length of "key:" (with optional spaces before the colon) at the start of
// `rest`, or 0 when `key` is not there.
size_t MatchKey(std::string_view rest, std::string_view key) {
  if (rest.size() < key.size() || !EqualsIgnoringCase(rest.substr(0, key.size()), key)) return 0;
  size_t at = key.size();
  while (at < rest.size() && rest[at] == ' ') ++at;
  return at < rest.size() && rest[at] == ':' ? at + 1 : 0;
}

std::string* Slot(DeliveryReceipt& receipt, Field field) {
  switch (field) {
    case Field::kId:
      return &receipt.message_id;
    case Field::kSub:
      return &receipt.submitted;
    case Field::kDlvrd:
      return &receipt.delivered;
    case Field::kSubmitDate:
      return &receipt.submit_date;
    case Field::kDoneDate:
      return &receipt.done_date;
    case Field::kStat:
      return &receipt.stat;
    case Field::kErr:
      return &receipt.error;
    case Field::kText:
      return &receipt.text;
  }
  return nullptr;
}

std::string_view StripLeadingZeros(std::string_view id) {
  while (id.size() > 1 && id.front() == '0') id.remove_prefix(1);
  return id;
}

// The value of `id` in `base` (10 or 16); nullopt when a digit is out of
// range or the value overflows 64 bits.
std::optional<uint64_t> NumberOf(std::string_view id, unsigned base) {
  if (id.empty() || id.size() > 20) return std::nullopt;  // overflow checked below
  uint64_t value = 0;
  for (char c : id) {
    const char l = Lower(c);
    unsigned digit = 0;
    if (l >= '0' && l <= '9') {
      digit = static_cast<unsigned>(l - '0');
    } else if (l >= 'a' && l <= 'f') {
      digit = static_cast<unsigned>(l - 'a' + 10);
    } else {
      return std::nullopt;
    }
    if (digit >= base) return std::nullopt;
    if (value > (UINT64_MAX - digit) / base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
}

}  // namespace

std::optional<MessageState> MessageStateFromTlv(uint8_t value) {
  if (value < 1 || value > 8) return std::nullopt;
  return static_cast<MessageState>(value);
}

std::optional<MessageState> MessageStateFromStat(std::string_view stat) {
  for (const StatSpelling& spelling : kStatSpellings) {
    if (EqualsIgnoringCase(stat, spelling.text)) return spelling.state;
  }
  return std::nullopt;
}

std::string_view StatText(MessageState state) {
  for (const StatSpelling& spelling : kStatSpellings) {
    if (spelling.state == state) return spelling.text;
  }
  return "UNKNOWN";
}

bool IsFinal(MessageState state) {
  return state != MessageState::kEnroute && state != MessageState::kUnknown;
}

bool IsDelivered(MessageState state) { return state == MessageState::kDelivered; }

Result<DeliveryReceipt> ParseReceiptText(std::string_view text) {
  DeliveryReceipt receipt;
  bool has_id = false;
  bool has_stat = false;
  std::array<bool, 8> seen{};
  size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && IsSpace(text[at])) ++at;
    if (at >= text.size()) break;
    const std::string_view rest = text.substr(at);
    const Key* key = nullptr;
    size_t key_length = 0;
    for (const Key& candidate : kKeys) {
      key_length = MatchKey(rest, candidate.name);
      if (key_length > 0) {
        key = &candidate;
        break;
      }
    }
    if (key == nullptr) {  // not a field: skip the token
      while (at < text.size() && !IsSpace(text[at])) ++at;
      continue;
    }
    at += key_length;
    size_t end = at;
    if (key->field == Field::kText) {
      end = text.size();
    } else {
      while (end < text.size() && !IsSpace(text[end])) ++end;
    }
    const size_t index = static_cast<size_t>(key->field);
    if (!seen[index]) {  // the first occurrence counts
      seen[index] = true;
      Slot(receipt, key->field)->assign(text.substr(at, end - at));
      has_id = has_id || key->field == Field::kId;
      has_stat = has_stat || key->field == Field::kStat;
    }
    at = end;
  }
  if (!has_id && !has_stat) {
    return Status::InvalidInput("not a delivery receipt: no id: or stat: field");
  }
  receipt.state = MessageStateFromStat(receipt.stat);
  return receipt;
}

bool IsDeliveryReceipt(const DeliverSm& deliver) { return (deliver.esm_class & 0x3C) == 0x04; }

Result<DeliveryReceipt> ReceiptFromDeliverSm(const DeliverSm& deliver) {
  std::string_view text = deliver.short_message;
  const std::string* payload = deliver.tlvs.Find(tlv_tag::kMessagePayload);
  if (text.empty() && payload != nullptr) text = *payload;
  auto parsed = ParseReceiptText(text);
  DeliveryReceipt receipt = parsed.ok() ? std::move(parsed).value() : DeliveryReceipt{};
  bool from_tlv = false;
  if (auto id = deliver.tlvs.ReceiptedMessageId()) {
    receipt.message_id = std::move(*id);
    from_tlv = true;
  }
  if (auto value = deliver.tlvs.MessageState()) {
    if (auto state = MessageStateFromTlv(*value)) {
      receipt.state = state;
      from_tlv = true;
    }
  }
  receipt.network_error = deliver.tlvs.NetworkError();
  if (!parsed.ok() && !from_tlv) {
    return parsed.status().WithContext("deliver_sm");
  }
  return receipt;
}

std::string CanonicalMessageId(std::string_view id) {
  std::string out;
  for (char c : StripLeadingZeros(id)) out.push_back(Lower(c));
  return out;
}

std::optional<std::string> ReceiptIdAsRespId(std::string_view id, MessageIdStyle style) {
  if (style == MessageIdStyle::kSame) return CanonicalMessageId(id);
  const bool to_hex = style == MessageIdStyle::kHexInRespDecimalInReceipt;
  const auto value = NumberOf(id, to_hex ? 10 : 16);
  if (!value) return std::nullopt;
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, to_hex ? "%llx" : "%llu",
                static_cast<unsigned long long>(*value));
  return std::string(buffer);
}

}  // namespace dvc::gateway::smpp
