#pragma once
// A throwaway PostgreSQL + PostGIS server for the Postgis* tests, started once per test process and
// stopped and removed when the process exits. Header-only (no change to the test targets' sources).
//
// What it holds: database "nbhd" with PostGIS and the demo borough's boundaries (table "lsoa") and assets
// (table "assets"), loaded with ogr2ogr with the column names kept; database "plain" without PostGIS.
//
// Cost: CTest runs every test in a process of its own, so "once per process" would be an initdb, a CREATE
// EXTENSION postgis and two loads per test (about 4 s). The first process therefore builds a template
// cluster (stopped) in the test folder, under a lock, and every process copies it and starts its own
// server on it (about 0.3 s). The template is rebuilt when the nbhd binary (which makes the demo data)
// or the server changes.
//
// The server listens only on a unix socket in a private folder (no TCP), with fsync off. initdb refuses
// to run as root, so as root the server runs as nobody (setpriv, util-linux) in folders it owns.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "support/test_data.hpp"

namespace nbhd::test {

class PostgisCluster {
 public:
  // The process's server, started on first use; null when it cannot run, with the reason in *why.
  static const PostgisCluster* get(std::string* why) {
    static std::string reason;
    static std::unique_ptr<PostgisCluster> cluster = [] {
      auto c = std::unique_ptr<PostgisCluster>(new PostgisCluster);
      reason = c->start();
      if (!reason.empty()) c.reset();
      return c;
    }();
    if (why) *why = reason;
    return cluster.get();
  }

  ~PostgisCluster() {
    if (running_)
      sh(as_server_user() + q(bin_ / "pg_ctl") + " -D " + q(run_ / "data") + " -m immediate -w stop");
    std::error_code ec;
    if (!run_.empty()) std::filesystem::remove_all(run_, ec);
  }
  PostgisCluster(const PostgisCluster&) = delete;
  PostgisCluster& operator=(const PostgisCluster&) = delete;

  // "PG:host=SOCKETDIR port=N dbname=DB user=postgres"
  std::string dsn(const std::string& db = "nbhd") const {
    return "PG:host=" + (run_ / "s").string() + " port=" + std::to_string(port_) + " dbname=" + db +
           " user=postgres";
  }
  // Runs one SQL statement with psql; returns its unaligned, tuples-only output ("ERROR..." on failure).
  std::string sql(const std::string& statement, const std::string& db = "nbhd") const {
    std::string out;
    int rc = sh("psql -X -q -At -v ON_ERROR_STOP=1 -h " + q(run_ / "s") + " -p " + std::to_string(port_) +
                    " -U postgres -d " + db + " -c " + q(statement),
                &out);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return rc == 0 ? out : "ERROR " + out;
  }
  // The server's log (it logs every statement, so a test can see what a client asked).
  std::string log() const { return read_file(run_ / "server.log"); }
  // Seconds this process took to have the server ready (template copy + start, or the template build too).
  double start_seconds() const { return start_seconds_; }
  bool built_template() const { return built_template_; }

  // Shell-quotes `s` in single quotes.
  static std::string q(const std::string& s) {
    std::string r = "'";
    for (char c : s) r += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return r + "'";
  }
  static std::string q(const std::filesystem::path& p) { return q(p.string()); }

 private:
  PostgisCluster() = default;

  // Runs `cmd` with sh, stdout and stderr into *out (or discarded); returns the exit status.
  static int sh(const std::string& cmd, std::string* out = nullptr) {
    std::string full = cmd + " 2>&1";
    FILE* p = ::popen(full.c_str(), "r");
    if (!p) return -1;
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    int st = ::pclose(p);
    if (out) *out = text;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }

  static std::filesystem::path tmp_root() {
    if (const char* env = std::getenv("NBHD_TEST_TMP"); env && *env) return env;
    return std::filesystem::temp_directory_path() / "nbhd-test";
  }

  bool root() const { return ::geteuid() == 0; }
  // initdb and postgres refuse root: run them as nobody, without root's capabilities.
  std::string as_server_user() const {
    return root() ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  }
  void give_to_server_user(const std::filesystem::path& p) const {
    if (root()) sh("chown -R 65534:65534 " + q(p));
  }

  // A TCP port nobody listens on now. The server listens on its socket only; the port names the socket.
  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 55432;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port = ntohs(a.sin_port);
    if (fd >= 0) ::close(fd);
    return port;
  }

  // "" when started, else why not (the skip message).
  std::string start() {
    namespace fs = std::filesystem;
    const auto t0 = std::chrono::steady_clock::now();
    const char* env_bin = std::getenv("NBHD_PG_BIN");
    if (env_bin && *env_bin) {
      bin_ = env_bin;
    } else {
      std::error_code ec;
      fs::path base = "/usr/lib/postgresql";
      for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec))
        if (fs::exists(it->path() / "bin" / "initdb") && (bin_.empty() || it->path() / "bin" > bin_))
          bin_ = it->path() / "bin";
    }
    const std::string install =
        "install postgresql and postgresql-15-postgis-3 (scripts/setup.sh does); skipping the PostGIS tests";
    if (bin_.empty() || !fs::exists(bin_ / "initdb") || !fs::exists(bin_ / "postgres"))
      return "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb or $NBHD_PG_BIN): " +
             install;
    std::string share;
    sh(q(bin_ / "pg_config") + " --sharedir", &share);
    while (!share.empty() && share.back() == '\n') share.pop_back();
    if (!fs::exists(fs::path(share) / "extension" / "postgis.control"))
      return "PostGIS not installed for " + bin_.string() + " (no " + share +
             "/extension/postgis.control): " + install;
    if (sh("command -v psql >/dev/null && command -v ogr2ogr >/dev/null") != 0)
      return "psql or ogr2ogr not found: install postgresql-client and gdal-bin; skipping the PostGIS tests";
    if (root() && sh("setpriv --reuid=65534 --regid=65534 --clear-groups true") != 0)
      return "running as root without setpriv (util-linux): initdb refuses root; skipping the PostGIS tests";

    // The folder holding the clusters: the test folder if the server user can reach it, else /tmp. A unix
    // socket path is at most 107 bytes, so a deep build folder also falls back to /tmp.
    fs::path root_dir = tmp_root();
    fs::create_directories(root_dir);
    if ((root() && sh(as_server_user() + "test -x " + q(root_dir)) != 0) || root_dir.string().size() > 60)
      root_dir = fs::temp_directory_path() / ("nbhd-pg-" + std::to_string(::geteuid()));
    fs::create_directories(root_dir);

    reap_orphans(root_dir);
    std::string why = ensure_template(root_dir);
    if (!why.empty()) return why;

    run_ = root_dir / ("pg-" + std::to_string(::getpid()));
    fs::remove_all(run_);
    fs::create_directories(run_ / "s");
    if (sh("cp -a " + q(template_ / "data") + " " + q(run_ / "data")) != 0)
      return "could not copy the PostGIS template cluster " + template_.string();
    give_to_server_user(run_);
    port_ = free_port();
    why = start_server(run_, port_);
    if (!why.empty()) return why;
    running_ = true;
    start_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return "";
  }

  // A test process that crashed left its server running: stop it and remove its folder.
  void reap_orphans(const std::filesystem::path& root_dir) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (fs::directory_iterator it(root_dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.size() < 4 || name.rfind("pg-", 0) != 0 ||
          name.find_first_not_of("0123456789", 3) != std::string::npos)
        continue;
      const pid_t pid = static_cast<pid_t>(std::stol(name.substr(3)));
      if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
      sh(as_server_user() + q(bin_ / "pg_ctl") + " -D " + q(it->path() / "data") + " -m immediate -w stop");
      std::error_code rec;
      fs::remove_all(it->path(), rec);
    }
  }

  std::string start_server(const std::filesystem::path& dir, int port) {
    std::string out;
    // log_statement=all: the filter-pushdown test reads what the server was asked.
    const std::string opts = "-p " + std::to_string(port) + " -k " + (dir / "s").string() +
                             " -c listen_addresses= -c fsync=off -c synchronous_commit=off"
                             " -c full_page_writes=off -c log_statement=all -c max_connections=20"
                             " -c shared_buffers=16MB";
    if (sh(as_server_user() + q(bin_ / "pg_ctl") + " -D " + q(dir / "data") + " -l " + q(dir / "server.log") +
               " -w -t 60 -o " + q(opts) + " start",
           &out) != 0)
      return "could not start PostgreSQL in " + dir.string() + ": " + out + read_file(dir / "server.log");
    return "";
  }

  // Changed whenever build_template makes a different cluster, so old templates are not reused.
  static constexpr const char* kRecipe = "2: 1 MB WAL segments;";

  // The template: an initialised, stopped cluster with both databases and the demo data loaded, made
  // once (under a lock) for this nbhd binary and server.
  std::string ensure_template(const std::filesystem::path& root_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto bin_time = fs::last_write_time(nbhd::test::nbhd_binary(), ec).time_since_epoch().count();
    const std::string key =
        std::to_string(std::hash<std::string>{}(kRecipe + std::to_string(bin_time) + bin_.string()));
    template_ = root_dir / ("pg-template-" + key);
    int lock = ::open((root_dir / "pg-template.lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (lock < 0) return "cannot create " + (root_dir / "pg-template.lock").string();
    ::flock(lock, LOCK_EX);
    std::string why;
    if (!fs::exists(template_ / "ready")) {
      // Old templates (another binary) go first.
      for (fs::directory_iterator it(root_dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind("pg-template-", 0) == 0) fs::remove_all(it->path(), ec);
      why = build_template();
      built_template_ = true;
    }
    ::flock(lock, LOCK_UN);
    ::close(lock);
    return why;
  }

  std::string build_template() {
    namespace fs = std::filesystem;
    const fs::path dir = template_;
    fs::create_directories(dir / "s");
    give_to_server_user(dir);
    std::string out;
    if (sh(as_server_user() + q(bin_ / "initdb") + " -D " + q(dir / "data") +
               " -U postgres -A trust -E UTF8 --no-sync --no-instructions --wal-segsize=1",
           &out) != 0)
      return "initdb failed: " + out;
    const int port = free_port();
    std::string why = start_server(dir, port);
    if (!why.empty()) return why;
    const std::string conn = " -h " + q(dir / "s") + " -p " + std::to_string(port) + " -U postgres ";
    const fs::path demo = demo_dir();
    const std::string pg =
        "PG:host=" + (dir / "s").string() + " port=" + std::to_string(port) + " dbname=nbhd user=postgres";
    // Column names as in the GeoPackage (no laundering to lower case), geometry column "geom".
    const std::string load = "ogr2ogr -f PostgreSQL " + q(pg) + " -lco LAUNDER=NO -lco GEOMETRY_NAME=geom ";
    const std::string steps[] = {
        "createdb" + conn + "nbhd",
        "createdb" + conn + "plain",
        "psql -X -q -v ON_ERROR_STOP=1" + conn + "-d nbhd -c 'CREATE EXTENSION postgis'",
        load + q(demo / "lsoa.gpkg") + " -nln lsoa",
        load + q(demo / "assets.gpkg") + " -nln assets",
        "psql -X -q -v ON_ERROR_STOP=1" + conn + "-d nbhd -c 'VACUUM ANALYZE'",
    };
    for (const auto& step : steps)
      if (sh(step, &out) != 0) {
        why = "setting up the PostGIS template failed: " + step + ": " + out;
        break;
      }
    sh(as_server_user() + q(bin_ / "pg_ctl") + " -D " + q(dir / "data") + " -m fast -w stop");
    if (why.empty()) std::ofstream(dir / "ready") << "ok\n";
    return why;
  }

  std::filesystem::path bin_, run_, template_;
  int port_ = 0;
  bool running_ = false, built_template_ = false;
  double start_seconds_ = 0;
};

// The process's PostGIS server; skips the current test (naming what to install) when it cannot run.
#define NBHD_REQUIRE_POSTGIS(var)                                                          \
  std::string var##_why;                                                                   \
  const ::nbhd::test::PostgisCluster* var = ::nbhd::test::PostgisCluster::get(&var##_why); \
  if (!var) GTEST_SKIP() << var##_why

}  // namespace nbhd::test
