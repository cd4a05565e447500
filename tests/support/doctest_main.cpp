// SPDX-License-Identifier: MIT
// The one doctest main of every kvbridge test program.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
