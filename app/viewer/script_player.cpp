#include "app/viewer/script_player.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/viewer/state_dump.hpp"
#include "app/viewer/ui_items.hpp"
#include "app/viewer/viewer.hpp"

namespace nbhd::view {

ScriptOutcome ScriptPlayer::dialog_step(Viewer& v, const ScriptStep& s) {
  ScriptOutcome o;
  o.kind = ScriptOutcome::Done;
  if (s.cmd == "open") {
    auto r = parse_role(s.args[0]);
    if (r)
      v.files.open(*r);
    else
      std::fprintf(stderr, "script line %d: unknown role '%s'\n", s.line, s.args[0].c_str());
  } else if (s.cmd == "drop") {
    v.on_drop(s.args);
  } else if (s.cmd == "export") {
    // export PATH W H | export PATH A4|A3 DPI [landscape]
    try {
      PageSpec page = s.args[1] == "A4" || s.args[1] == "A3"
                          ? page_from_paper(s.args[1], std::stod(s.args.at(2)),
                                            s.args.size() > 3 && s.args[3] == "landscape")
                          : page_from_pixels(std::stoi(s.args[1]), std::stoi(s.args.at(2)));
      v.exporter.start(v, s.args[0], page, true);
    } catch (const std::exception& e) {
      v.exporter.set_message(std::string("export failed: ") + e.what());
    }
  } else if (s.cmd == "wait-export") {
    if (v.exporter.poll()) v.dirty = true;
    if (v.exporter.busy()) o.kind = ScriptOutcome::Wait;
  } else if (s.cmd == "basemap") {  // as the Map panel's checkbox and slider
    const std::string& a = s.args[0];
    if (a == "on" || a == "off")
      v.set_basemap_view(a == "on", v.basemap_opacity);
    else
      v.set_basemap_view(v.basemap_on, std::stod(a));
  } else if (s.cmd == "save") {
    v.project.save(v, s.args[0]);
  } else if (s.cmd == "relocate") {
    v.project.relocate(s.args[0], s.args[1]);
    v.project.load_relocated(v);
  } else if (s.cmd == "dual") {
    Highlight h;
    h.kind = Highlight::Dual;
    h.dual_column = s.args[0];
    h.dual_share = std::stod(s.args[1]) / 100.0;
    v.set_highlight(h);
  } else if (s.cmd == "stats") {
    const std::string& a = s.args[0];
    auto sp = a.find(' ');
    std::string err = v.stats.set_option(v, a.substr(0, sp), sp == std::string::npos ? "" : a.substr(sp + 1));
    if (!err.empty()) std::fprintf(stderr, "script line %d: %s\n", s.line, err.c_str());
  } else if (s.cmd == "level") {
    // As the Data panel's Level control: refused while data loads (the panel's error says so).
    v.set_level(s.args[0]);
  } else if (s.cmd == "wait-level") {
    v.poll_levels();
    // Until the new level's map has all its levels of detail, as wait-loaded.
    if (v.levels.busy() || (v.scene && v.scene->levels_pending())) o.kind = ScriptOutcome::Wait;
  } else if (s.cmd == "level-weight") {
    v.set_level_weight(s.args[0] == "none" ? "" : s.args[0]);
  } else if (s.cmd == "level-zoom") {
    v.level_with_zoom = s.args[0] == "on";
    v.level_zoom_mpp = 0;
  } else if (s.cmd == "wait-stats") {
    if (v.stats.busy()) o.kind = ScriptOutcome::Wait;
  } else if (s.cmd == "scatter-drag") {
    // A real drag across the Moran scatter plot, between two (value, lag) points.
    const ScreenRect& r = v.stats.plot_rect();
    if (!(r.x1 > r.x0)) {
      std::fprintf(stderr, "script line %d: no scatter plot on screen\n", s.line);
      return o;
    }
    auto num = [&](size_t i) { return std::stod(s.args[i]); };
    o.kind = ScriptOutcome::Rewrite;
    o.step = {"drag",
              {std::to_string(v.stats.px_of(num(0))), std::to_string(v.stats.py_of(num(1))),
               std::to_string(v.stats.px_of(num(2))), std::to_string(v.stats.py_of(num(3)))},
              s.line};
  } else if (s.cmd == "dialog-header") {
    // A click on a column header of the open dialog (sorts by it; again: the other way).
    int c = std::stoi(s.args[0]);
    if (!v.files.is_open() || c < 0 || c > 2) {
      std::fprintf(stderr, "script line %d: no open dialog or no column %d\n", s.line, c);
      return o;
    }
    auto r = v.files.header_rect(c);
    o.kind = ScriptOutcome::Rewrite;
    o.step = {"click", {std::to_string((r[0] + r[2]) / 2), std::to_string((r[1] + r[3]) / 2)}, s.line};
  } else if (s.cmd == "hist-drag") {
    // A real drag across the histogram, from value a to value b, as a person would brush.
    double lo = v.legend.histogram_lo(), hi = v.legend.histogram_hi();
    const ScreenRect& hist = v.legend.histogram();
    if (!(hi > lo)) {
      std::fprintf(stderr, "script line %d: no histogram on screen\n", s.line);
      return o;
    }
    auto x_of = [&](double x) { return hist.x0 + float((x - lo) / (hi - lo)) * (hist.x1 - hist.x0); };
    float y = (hist.y0 + hist.y1) / 2;
    o.kind = ScriptOutcome::Rewrite;
    o.step = {"drag",
              {std::to_string(x_of(std::stod(s.args[0]))), std::to_string(y),
               std::to_string(x_of(std::stod(s.args[1]))), std::to_string(y)},
              s.line};
  } else {
    o.kind = ScriptOutcome::Unknown;
  }
  return o;
}

void ScriptPlayer::begin_frame(Viewer& v) {
  ImGuiIO& io = ImGui::GetIO();
  if (key_down >= 0) io.KeysDown[key_down] = false, key_down = -1;
  if (shift_up) shift_down = shift_up = false;
  if (queue.empty()) advance(v);
  if (!queue.empty()) {
    Input in = queue.front();
    queue.erase(queue.begin());
    if (in.pos) pos = *in.pos;
    if (in.down >= 0) mouse_down = in.down == 1;
    if (in.down == 1) shift_down = in.shift;
    // Shift is let go a frame after the button: the canvas reads it on the release frame.
    if (in.down == 0) shift_up = true;
    io.MouseWheel += in.wheel;
    if (in.key >= 0) io.KeysDown[in.key] = true, key_down = in.key;
    ctrl_down = in.ctrl;
    for (char c : in.text) io.AddInputCharacter(static_cast<unsigned char>(c));
  }
  io.MousePos = pos;
  io.MouseDown[0] = mouse_down;
  io.KeysDown[GLFW_KEY_LEFT_SHIFT] = shift_down;
  io.KeyShift = shift_down;
  io.KeysDown[GLFW_KEY_LEFT_CONTROL] = ctrl_down;
  io.KeyCtrl = ctrl_down;
}

void ScriptPlayer::advance(Viewer& v) {
  if (wait_frames > 0) {
    --wait_frames;
    return;
  }
  while (next < steps.size() && queue.empty() && wait_frames == 0) {
    const ScriptStep* sp = &steps[next];
    // Steps on the viewer's dialogs and panels; some become plain input steps.
    ScriptOutcome o = dialog_step(v, *sp);
    if (o.kind == ScriptOutcome::Wait) return;
    if (o.kind == ScriptOutcome::Done) {
      ++next;
      continue;
    }
    if (o.kind == ScriptOutcome::Rewrite) sp = &o.step;
    const ScriptStep& s = *sp;
    auto num = [&](size_t i) { return std::stof(s.args.at(i)); };
    if (s.cmd == "wait-loaded") {
      v.poll_loader();  // a load that ended since this frame's poll must not pass for the old data
      // Loaded means drawn as it will stay: with every level of detail in (pixels may differ before).
      if (v.loader.busy() || (v.scene && v.scene->levels_pending())) return;
      if (!v.data && v.load_error.empty()) {
        // A load asked for this frame starts within a frame or two; after that, nothing is coming:
        // say so and go on rather than wait for ever (a script that hangs is a test that never ends).
        if (++idle_waits < 120) return;
        std::cerr << "script line " << s.line << ": wait-loaded: nothing is loading\n";
      }
      idle_waits = 0;
      ++next;
      continue;
    }
    if (s.cmd == "wait-assets") {  // the Assets panel shows the measurement for this selection and D
      if (!v.assets.current(v)) return;
      ++next;
      queue.push_back({});  // one frame for the panel to list it
      continue;
    }
    if (s.cmd == "wait-gaps") {  // the Gaps panel's columns are for the current settings
      if (!v.data || !v.gaps.current()) return;
      ++next;
      queue.push_back({});  // one frame to draw them
      continue;
    }
    if (s.cmd == "wait-exact") {  // until the displayed map is the exact render and nothing is pending
      if (!v.map_frame.exact || (v.map_cache && v.map_cache->busy())) return;
      ++next;
      continue;
    }
    ++next;
    if (s.cmd == "size") {
      glfwSetWindowSize(v.win, int(num(0)), int(num(1)));
      wait_frames = 3;
    } else if (s.cmd == "frames") {
      wait_frames = int(num(0));
    } else if (s.cmd == "move") {
      queue.push_back({ImVec2(num(0), num(1))});
    } else if (s.cmd == "click") {
      bool shift = s.args.size() > 2 && s.args[2] == "shift";
      ImVec2 p(num(0), num(1));
      queue.push_back({p});
      queue.push_back({p, 1, shift});
      queue.push_back({p, 0});
    } else if (s.cmd == "click-item") {
      // A named widget (app/viewer/ui_items.hpp) where it was drawn last frame, just inside its left end:
      // a checkbox's box, a header's arrow, a number field's text (not its +/- buttons), a button.
      auto r = find_item(s.args[0]);
      if (!r) {
        std::cerr << "script line " << s.line << ": no UI item " << s.args[0] << " on screen\n";
        continue;
      }
      ImVec2 p((*r)[0] + std::min(8.0f, ((*r)[2] - (*r)[0]) / 2), ((*r)[1] + (*r)[3]) / 2);
      queue.push_back({p});
      queue.push_back({p, 1});
      queue.push_back({p, 0});
      queue.push_back({});  // a frame for what the click opened (a combo's list) to be drawn
    } else if (s.cmd == "legend-click") {
      size_t k = size_t(num(0));
      if (k >= v.legend.swatches().size()) {
        std::cerr << "script line " << s.line << ": no legend entry " << k << "\n";
        continue;
      }
      const auto& r = v.legend.swatches()[k];
      ImVec2 p((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
      queue.push_back({p});
      queue.push_back({p, 1});
      queue.push_back({p, 0});
    } else if (s.cmd == "asset-category-click" || s.cmd == "asset-row-click") {
      // Clicks the Assets panel's checkbox of a category (by name) or its list row N, where they were
      // drawn last frame.
      const ScreenRect* r = nullptr;
      if (s.cmd == "asset-row-click")
        r = v.assets.row_rect(size_t(num(0)));
      else if (v.data)
        r = v.assets.category_box(s.args[0], *v.data);
      if (!r) {
        std::cerr << "script line " << s.line << ": no " << s.cmd.substr(6) << " " << s.args[0]
                  << " on screen\n";
        continue;
      }
      // Just inside the left end: the checkbox's box, or the row's first column.
      ImVec2 p(r->x0 + 6, (r->y0 + r->y1) / 2);
      queue.push_back({p});
      queue.push_back({p, 1});
      queue.push_back({p, 0});
    } else if (s.cmd == "assets-within") {
      v.assets.set_within(v, std::stod(s.args[0]));
    } else if (s.cmd == "bivariate") {
      v.spec.bivariate = s.args[0] == "none" ? "" : s.args[0];
      v.restyle();
    } else if (s.cmd == "gaps-within") {
      v.gaps.set_within(v, std::stod(s.args[0]));
    } else if (s.cmd == "gaps-categories") {
      std::vector<std::string> names;
      std::stringstream ss(s.args[0]);
      for (std::string c; std::getline(ss, c, ',');)
        if (!c.empty()) names.push_back(c);
      v.gaps.set_categories(v, s.args[0] == "all" ? std::vector<std::string>{} : names);
    } else if (s.cmd == "gaps-groups") {
      v.gaps.set_groups_file(v, s.args[0] == "none" ? "" : s.args[0]);
    } else if (s.cmd == "gaps-denominator") {
      v.gaps.set_denominator(v, s.args[0] == "none" ? "" : s.args[0]);
    } else if (s.cmd == "gaps-coverage") {
      v.gaps.set_coverage(v, s.args[0] == "on");
    } else if (s.cmd == "gaps-map") {
      v.gaps.map_measure(v, *GapsPanel::measure_of(s.args[0]), s.args.size() > 1 ? s.args[1] : "");
    } else if (s.cmd == "drag") {
      ImVec2 a(num(0), num(1)), b(num(2), num(3));
      queue.push_back({a});
      queue.push_back({a, 1});
      for (int i = 1; i <= 6; ++i)
        queue.push_back({ImVec2(a.x + (b.x - a.x) * i / 6, a.y + (b.y - a.y) * i / 6)});
      queue.push_back({b, 0});
    } else if (s.cmd == "wheel") {
      ImVec2 p(num(0), num(1));
      queue.push_back({p});
      Input w{p};
      w.wheel = num(2);
      queue.push_back(w);
    } else if (s.cmd == "key") {
      Input k;
      std::string name = s.args[0];
      if (name.starts_with("Ctrl+")) k.ctrl = true, name = name.substr(5);
      k.key = script_key(name);
      queue.push_back(k);
      queue.push_back({});
    } else if (s.cmd == "type") {
      Input t;
      t.text = s.args[0];
      queue.push_back(t);
    } else if (s.cmd == "screenshot" || s.cmd == "dump") {
      after_render.push_back(s.cmd + " " + s.args[0]);
      queue.push_back({});  // one frame: the files are written after it renders
    } else if (s.cmd == "map-cache") {
      v.map_cache_on = s.args[0] != "off";
      queue.push_back({});
    } else if (s.cmd == "panel-cache") {
      v.panel_cache_on = s.args[0] != "off";
      queue.push_back({});
    } else if (s.cmd == "map-budget") {
      // Milliseconds of exact tiles per frame (0: one tile a frame) and the quick frames' triangle budget
      // (small: coarse quick frames even on small data); a new cache starts from scratch.
      v.map_cache_opt.budget_ms = num(0);
      v.map_cache_opt.quick_triangles = size_t(num(1));
      v.map_cache.reset();
      queue.push_back({});
    } else if (s.cmd == "quit") {
      quit = true;
      queue.push_back({});
    }
  }
}

void ScriptPlayer::end_frame(Viewer& v) {
  for (const auto& a : after_render) {
    auto sp = a.find(' ');
    std::string what = a.substr(0, sp), path = a.substr(sp + 1);
    if (what == "screenshot")
      screenshot(v, path);
    else
      write_dump(v, path);
    std::cout << what << " " << path << "\n" << std::flush;
  }
  after_render.clear();
  if (quit && queue.empty()) glfwSetWindowShouldClose(v.win, 1);
}

}  // namespace nbhd::view
