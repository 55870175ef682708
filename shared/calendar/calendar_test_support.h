// Shorthand for the calendar tests. Test-only: included by *_test.cc files.
#pragma once

#include "calendar/date.h"

namespace dvc::calendar::test_support {

// D(2026, 2, 17): a date written as the tests read it.
inline Date D(int y, int m, int d) { return Date::Ymd(y, m, d); }

}  // namespace dvc::calendar::test_support
