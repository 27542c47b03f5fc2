#pragma once
// Stands in for the real header in the wrong-way fixture.
