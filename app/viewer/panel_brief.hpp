#pragma once
// The Export panel's "Brief" button: a neighbourhood brief (render/brief, the same write_brief as
// `nbhd brief`) of the selected areas, one page each, with the mapped column (and the bivariate one) as
// key figures, the dual-disadvantage position of a bivariate map, the assets and the Gaps panel's
// denominator. It runs on its own thread with a progress bar and Cancel; the job holds the data it reads.
#include <atomic>
#include <future>
#include <memory>
#include <string>

namespace nbhd::view {

class Viewer;

class BriefButton {
 public:
  ~BriefButton();
  // The button (greyed without a selection), the progress bar with Cancel while it runs, its message.
  // `map_path`: the Export panel's file; the brief is written beside it as <stem>-brief.pdf.
  void draw(Viewer& v, const std::string& map_path);
  // Starts a brief of the selection into `pdf` (the button and scripts). Does nothing while one runs.
  void start(const Viewer& v, const std::string& pdf);
  void cancel();
  bool poll();  // takes a finished job's message; true when one arrived
  bool busy() const { return job_.valid(); }
  const std::string& message() const { return msg_; }

 private:
  std::future<std::string> job_;  // the message: "wrote ...", "brief failed: ...", "brief cancelled"
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::shared_ptr<std::atomic<float>> progress_;
  std::string msg_;
};

}  // namespace nbhd::view
