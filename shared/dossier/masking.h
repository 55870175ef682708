// How a resident's name and phone appear where they must not be read in full:
// a receipt reprint, the receipt page behind a link, lists and logs. The same
// rule everywhere, so a resident recognises their own dossier and nobody else
// learns who they are.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace dvc::dossier {

// "Nguyễn Văn An" → "Nguyễn V. A.": the family name, then initials (a
// one-word name is an initial too: alone it would identify). NFC output;
// invalid UTF-8 becomes U+FFFD; "" for blank input.
std::string MaskName(std::string_view name);

// "0912345678" → "091****678"; shorter than 7 characters: all but the last
// 2 starred.
std::string MaskPhone(std::string_view phone);

}  // namespace dvc::dossier
