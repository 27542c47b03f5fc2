#include "app/commands.hpp"
#include "app/heap_reserve.hpp"

int main(int argc, char** argv) {
  nbhd::cli::reserve_heap_in_huge_pages();
  return nbhd::cli::run_cli(argc, argv);
}
