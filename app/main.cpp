#include "app/commands.hpp"

int main(int argc, char** argv) { return nbhd::cli::run_cli(argc, argv); }
