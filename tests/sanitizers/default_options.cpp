// Linked into every executable of a sanitizer build (NBHD_SANITIZE, NBHD_FUZZ; see the root CMakeLists.txt):
// the sanitizer runtimes call these at start-up, so the options and the LSan suppressions apply to tests, to
// the nbhd processes tests start, and to runs by hand alike. ASAN_OPTIONS / LSAN_OPTIONS / UBSAN_OPTIONS in
// the environment still override them. Why each option: tests/sanitizers/README.md.
extern "C" {

const char* __asan_default_options() {
  return "detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0";
}

const char* __lsan_default_options() {
  return "suppressions=" NBHD_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

const char* __ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1";
}

}  // extern "C"
