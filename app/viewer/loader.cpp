#include "app/viewer/loader.hpp"

#include "base/error.hpp"

namespace nbhd::view {

Loader::~Loader() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

void Loader::start(const Sources& s) {
  start([s](const Progress& p) { return load_view_data(s, p); });
}

void Loader::start(std::function<std::unique_ptr<ViewData>(const Progress&)> job) {
  if (thread_.joinable()) {
    cancel_ = true;
    thread_.join();
  }
  cancel_ = false;
  busy_ = true;
  {
    std::lock_guard lock(mu_);
    status_ = {0, "starting"};
    result_.reset();
  }
  thread_ = std::thread([this, job = std::move(job)] {
    Result r;
    try {
      r.data = job([this](double f, std::string_view stage) {
        {
          std::lock_guard lock(mu_);
          status_ = {f, std::string(stage)};
        }
        if (wake_) wake_();
        return !cancel_.load();
      });
    } catch (const Cancelled&) {
      r.error = "loading cancelled";
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    {
      std::lock_guard lock(mu_);
      result_ = std::move(r);
    }
    busy_ = false;
    if (wake_) wake_();
  });
}

Loader::Status Loader::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

std::optional<Loader::Result> Loader::take() {
  std::lock_guard lock(mu_);
  if (!result_) return std::nullopt;
  std::optional<Result> r = std::move(result_);
  result_.reset();
  return r;
}

}  // namespace nbhd::view
