package main

import (
	"bufio"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Peak RSS alone cannot settle a gap of a few MiB at thousands of
// resources: Go's collector lets the heap grow to about twice what was live
// at its last cycle, so the peak depends on when that cycle ran and moves by
// tens of MiB from one run of the same plan to the next. So the wrapper
// also runs the provider with GODEBUG=gctrace=1 and reads its standard
// error: the runtime writes one line per collection, whose "A->B->C MB"
// says C MiB were still live after it. The largest C is what the process
// really held at its fullest, and that is recorded beside the peak RSS.
// Every other line goes on to Terraform unchanged, and the trace lines
// never do, so Terraform's logs stay what they would be.

// gcTraceLine matches the runtime's line for one collection and captures
// the heap live after it, in MiB (the runtime's "MB" are 2^20 bytes).
var gcTraceLine = regexp.MustCompile(`^gc \d+ @[0-9.]+s .* \d+->\d+->(\d+) MB`)

// withGCTrace returns godebug, a GODEBUG value, with gctrace=1 added.
func withGCTrace(godebug string) string {
	if godebug == "" {
		return "gctrace=1"
	}
	return godebug + ",gctrace=1"
}

// forwardStderr copies the provider's standard error to w line by line,
// leaving out the runtime's collection lines, and returns the largest live
// heap they reported, in bytes (0 if there was none).
func forwardStderr(r io.Reader, w io.Writer) (peakLive int64, err error) {
	br := bufio.NewReader(r)
	for {
		// ReadString, not a Scanner: a provider's log line may be longer
		// than any token limit.
		line, readErr := br.ReadString('\n')
		if m := gcTraceLine.FindStringSubmatch(strings.TrimSuffix(line, "\n")); m != nil {
			mib, _ := strconv.ParseInt(m[1], 10, 64)
			peakLive = max(peakLive, mib<<20)
		} else if line != "" {
			if _, err := io.WriteString(w, line); err != nil {
				return peakLive, err
			}
		}
		if errors.Is(readErr, io.EOF) {
			return peakLive, nil
		}
		if readErr != nil {
			return peakLive, readErr
		}
	}
}
