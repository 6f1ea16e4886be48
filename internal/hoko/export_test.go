package hoko

// GatherWait exposes gatherWait to the package's external tests, which
// assert timings in fake time.
const GatherWait = gatherWait
