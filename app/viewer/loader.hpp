#pragma once
// Runs load_view_data on a worker thread so the window keeps drawing: the UI polls progress every frame
// and takes the result (or the error message) when done. Cancel asks the load to stop at its next
// progress report.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/viewer/view_data.hpp"

namespace nbhd::view {

class Loader {
 public:
  // `wake` is called from the worker after each progress step and at the end (e.g. glfwPostEmptyEvent),
  // so an idle UI thread redraws the bar.
  explicit Loader(std::function<void()> wake = {}) : wake_(std::move(wake)) {}
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  void start(const Sources& s);  // load_view_data(s)
  // Any job that makes a ViewData (a parent level's, levels.hpp), run the same way.
  void start(std::function<std::unique_ptr<ViewData>(const Progress&)> job);
  bool busy() const { return busy_; }
  void cancel() { cancel_ = true; }

  struct Status {
    double fraction = 0;
    std::string stage;
  };
  Status status() const;

  // When the load has finished: the data, or nullptr with `error` set. Empty optional while running.
  struct Result {
    std::unique_ptr<ViewData> data;
    std::string error;
  };
  std::optional<Result> take();

 private:
  std::function<void()> wake_;
  std::thread thread_;
  std::atomic<bool> busy_{false}, cancel_{false};
  mutable std::mutex mu_;
  Status status_;
  std::optional<Result> result_;
};

}  // namespace nbhd::view
