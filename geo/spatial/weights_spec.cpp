#include "geo/spatial/weights_spec.hpp"

#include <cmath>
#include <filesystem>

#include "base/error.hpp"
#include "base/text.hpp"
#include "geo/model/table.hpp"
#include "geo/spatial/gal_io.hpp"
#include "geo/spatial/knn.hpp"

namespace nbhd {

WeightsSpec parse_weights_spec(std::string_view s) {
  WeightsSpec w;
  std::string t = lower(s);
  auto bad = [&]() -> Error {
    return Error(
        "unknown weights '" + std::string(s) +
        "'; use queen, rook, knn:K (e.g. knn:6), band, band:D (metres, e.g. band:2000) or a .gal/.gwt file");
  };
  if (t == "queen") return w;
  if (t == "rook") {
    w.kind = WeightsSpec::Kind::Rook;
    return w;
  }
  if (t.ends_with(".gal") || t.ends_with(".gwt")) {
    w.kind = WeightsSpec::Kind::File;
    w.file = std::string(s);
    return w;
  }
  if (t.starts_with("knn:")) {
    auto k = parse_number(t.substr(4));
    if (!k || *k != std::floor(*k) || *k < 1 || *k > 1e9)
      throw Error("knn:K needs a whole number of neighbours of 1 or more, got '" + std::string(s.substr(4)) +
                  "'");
    w.kind = WeightsSpec::Kind::Knn;
    w.k = static_cast<size_t>(*k);
    return w;
  }
  if (t == "band" || t.starts_with("band:")) {
    w.kind = WeightsSpec::Kind::Band;
    if (t.size() > 4) {
      auto d = parse_number(t.substr(5));
      if (!d || !(*d > 0) || !std::isfinite(*d))
        throw Error("band:D needs a distance above 0 in metres, got '" + std::string(s.substr(5)) + "'");
      w.distance = *d;
    }
    return w;
  }
  throw bad();
}

SpatialWeights build_weights(const AreaLayer& L, const WeightsSpec& spec) {
  switch (spec.kind) {
    case WeightsSpec::Kind::Queen:
    case WeightsSpec::Kind::Rook:
      return contiguity_weights(
          L.geoms, {spec.kind == WeightsSpec::Kind::Queen ? Contiguity::Queen : Contiguity::Rook, spec.snap});
    case WeightsSpec::Kind::Knn:
      if (spec.k >= L.size())
        throw Error("knn:" + std::to_string(spec.k) + " asks for more neighbours than the " +
                    std::to_string(L.size() ? L.size() - 1 : 0) + " other areas of " + L.source +
                    "; choose a smaller k (6 is usual)");
      return knn_weights(centroids(L.geoms), spec.k);
    case WeightsSpec::Kind::Band: {
      std::vector<Point> c = centroids(L.geoms);
      double d = spec.distance > 0 ? spec.distance : min_band_without_islands(c);
      SpatialWeights w = distance_band_weights(c, d);
      w.kind = "distance band " + format_number(std::round(d * 1000) / 1000) + " m" +
               (spec.distance > 0 ? "" : " (the smallest with no island)");
      return w;
    }
    case WeightsSpec::Kind::File:
      return weights_for_areas(read_weights_file(spec.file), L.codes, spec.file,
                               std::filesystem::path(L.source).filename().string());
  }
  return {};
}

}  // namespace nbhd
