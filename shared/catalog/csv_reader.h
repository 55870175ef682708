// An RFC 4180 CSV reader for the data files a province imports (units.csv).
//
// Accepts: comma separators, fields quoted with '"' (which may hold commas,
// CR/LF and doubled quotes ""), CRLF or LF line ends, an optional final line
// end, a UTF-8 byte-order mark at the start. Refuses (with the line number):
// a quote inside an unquoted field, text after a closing quote, an
// unterminated quoted field, and invalid UTF-8. Empty lines are skipped.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dvc::catalog {

struct CsvRecord {
  int line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;
};

// Splits `text` into records. Errors are kInvalidInput, "line N: ...".
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

}  // namespace dvc::catalog
