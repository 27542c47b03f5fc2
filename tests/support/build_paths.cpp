// The build folder's paths the tests need, from compile definitions set on this file alone
// (tests/CMakeLists.txt): see test_data.hpp.
#include "support/test_data.hpp"

namespace nbhd::test {

const char* nbhd_binary() {
  return NBHD_BINARY;
}

const char* fail_alloc_library() {
#ifdef NBHD_FAIL_ALLOC
  return NBHD_FAIL_ALLOC;
#else
  return "";
#endif
}

const char* xdnd_drop_binary() {
#ifdef NBHD_XDND_DROP
  return NBHD_XDND_DROP;
#else
  return "";
#endif
}

}  // namespace nbhd::test
