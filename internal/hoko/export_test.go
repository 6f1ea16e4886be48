package hoko

// GatherWait exposes gatherWait to the package's external tests, which
// assert timings in fake time.
const GatherWait = gatherWait

// FirstQuietWait bounds the quiet wait of a round before the client has
// measured its caller's beat.
const FirstQuietWait = quietBeats * initialBeat

// AnnounceTTL exposes how long an announcement of an operation counts.
const AnnounceTTL = announceTTL
