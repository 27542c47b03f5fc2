#pragma once
// One area's pages of a brief, composed top to bottom with a cursor: a block that does not fit starts a new
// page (headed "NAME (continued)"), tables move row by row and headings stay with their first rows. Pages
// are Cairo recording surfaces, so the caller replays them onto the PDF and onto PNG images alike.
#include <string>
#include <vector>

#include "render/brief/brief.hpp"
#include "render/brief/brief_figures.hpp"
#include "render/brief/brief_map.hpp"
#include "render/document/cairo_handle.hpp"

namespace nbhd {

inline constexpr double kBriefPageW = 595.276, kBriefPageH = 841.89;  // A4 portrait, points

// The pages of `area` (an index into `layer`): header, maps, key figures and the sections whose inputs were
// given, then the provenance lines.
std::vector<CairoSurfacePtr> compose_brief_pages(const AreaLayer& layer, const BriefOptions& opt,
                                                 const BriefFigures& figs, const BriefMaps& maps,
                                                 const std::vector<std::string>& provenance, size_t area);

// The summary page(s) of a brief on several areas, before their own pages: the set's title, a map of all of
// them, each indicator's mean over the set (as nbhd aggregate) with how many are in the worst national
// decile, the dual-disadvantage count, the assets within D of any of them, and the list of the areas.
std::vector<CairoSurfacePtr> compose_brief_summary(const AreaLayer& layer, const BriefOptions& opt,
                                                   const BriefFigures& figs, const BriefMaps& maps,
                                                   const std::vector<size_t>& areas,
                                                   const std::string& title);

}  // namespace nbhd
