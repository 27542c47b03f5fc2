#pragma once
// A geo/ header that includes the render layer: the layering check must refuse it.
#include "render/style/color.hpp"
