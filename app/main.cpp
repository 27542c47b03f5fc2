#include <cstring>

#include "app/commands.hpp"
#include "app/heap_reserve.hpp"

int main(int argc, char** argv) {
  // The viewer keeps one heap arena, the one-shot commands take one per core (app/heap_reserve.hpp).
  nbhd::cli::reserve_heap_in_huge_pages(argc > 1 && std::strcmp(argv[1], "view") == 0);
  return nbhd::cli::run_cli(argc, argv);
}
