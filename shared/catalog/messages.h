// The messages validation shows a resident, in Vietnamese and English: one
// table (messages.cc), so wording is reviewed in one place and a message
// kind is a value the UI and tests can compare.
// Thread-safety: pure functions over a constant table.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

#include "catalog/bilingual.h"

namespace dvc::catalog {

enum class MessageId {
  kRequired,
  kRequiredChoice,
  kRequiredAttachment,
  kRequiredCheckbox,
  kWrongType,
  kTooShort,
  kTooLong,
  kPatternMismatch,
  kNotANumber,
  kNotAnInteger,
  kNumberTooSmall,
  kNumberTooLarge,
  kBadDate,
  kDateTooEarly,
  kDateTooLate,
  kDateInFuture,
  kDateInPast,
  kUnknownOption,
  kDuplicateOption,
  kCitizenIdNotDigits,
  kCitizenIdLength,
  kCitizenIdProvince,
  kCitizenIdBirthYear,
  kCitizenIdBirthMismatch,
  kPhoneMalformed,
  kPhoneOldNumber,
  kPhoneNotMobile,
  kAddressCommuneMissing,
  kAddressCommuneUnknown,
  kAddressDetailMissing,
  kAttachmentTooFew,
  kAttachmentTooMany,
  kAttachmentInvalid,
  kHiddenField,
  kUnknownField,
  kAnswersNotObject,
};

// A placeholder value per language: {"{n}", {"5", "5"}}.
using MessageArg = std::pair<std::string_view, Text>;

// The message `id` with "{label}" replaced by `label` and the other
// placeholders by `args` (placeholders without a value are left as they are).
Text FormatMessage(MessageId id, const Text& label, std::initializer_list<MessageArg> args = {});

// The untranslated template of `id` in `lang` (for tests and review).
std::string_view MessageTemplate(MessageId id, Language lang);

}  // namespace dvc::catalog
