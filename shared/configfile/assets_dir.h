// Where the programs' read-only data lives by default (their configuration
// tables' defaults for catalog_dir, units_csv, ...): an installed build
// defines DVC_ASSETS_DIR (/usr/share/dvc, a copy of the repository's
// assets/); a development build reads the source tree's assets/ directly, so
// the kiosk and the gateway run from the build directory with no install step.
//
// A macro, not a constant: the tables build their defaults by string-literal
// concatenation (DVC_DEFAULT_ASSETS "/catalog") in constant data.
#pragma once

#ifdef DVC_ASSETS_DIR
#define DVC_DEFAULT_ASSETS DVC_ASSETS_DIR
#else
#define DVC_DEFAULT_ASSETS DVC_SOURCE_DIR "/assets"
#endif
