// Package browsertest runs headless Chromium for the browser tests of
// package workflow and its subpackages: it finds the browser, starts it
// with the flags this machine needs, opens tabs and pages, takes
// screenshots and evaluates JavaScript. Without Chromium the tests are
// skipped, unless TILMASH_REQUIRE_TOOLS=1 (set in CI) makes them fail.
package browsertest
