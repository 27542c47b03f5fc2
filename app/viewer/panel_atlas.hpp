#pragma once
// The Export panel's "Atlas" section: one page per group of the loaded areas (a field such as
// ltla24_code or ward24_code), the current column and style, written by render/atlas's write_atlas (the
// same function as `nbhd atlas`) on a thread of its own, with a progress bar and Cancel. The job holds the
// data it reads, so opening another file while it runs cannot free it.
#include <atomic>
#include <future>
#include <memory>
#include <string>

#include "render/document/map_document.hpp"

namespace nbhd::view {

class Viewer;

class AtlasSection {
 public:
  AtlasSection() = default;
  // A running atlas is asked to stop (the viewer is closing): the job's future then waits only for that.
  ~AtlasSection() { cancel(); }
  AtlasSection(const AtlasSection&) = delete;
  AtlasSection& operator=(const AtlasSection&) = delete;
  // `page`: the Export panel's paper (A4 at 150 dpi when it is sized in pixels).
  void draw(Viewer& v, const PageSpec& page);
  // Starts the atlas of `by` into `out` (.pdf: one file; anything else: a folder of PNG pages).
  void start(const Viewer& v, const std::string& by, const std::string& out, const PageSpec& page,
             bool local_breaks);
  // Takes a finished atlas's result; true when one arrived.
  bool poll();
  bool busy() const { return job_.valid(); }
  void cancel() { progress_->cancel = true; }
  const std::string& message() const { return msg_; }

 private:
  struct Progress {
    std::atomic<double> fraction{0};
    std::atomic<bool> cancel{false};
  };
  char by_[128] = "";
  char out_[512] = "nbhd_atlas.pdf";
  bool local_ = false;
  std::shared_ptr<Progress> progress_ = std::make_shared<Progress>();
  std::future<std::string> job_;  // the message it ends with
  std::string msg_;
};

}  // namespace nbhd::view
