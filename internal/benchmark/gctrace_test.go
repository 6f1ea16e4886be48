package main

import (
	"strings"
	"testing"
)

func TestForwardStderr_KeepsTheLargestLiveHeapAndPassesTheRestOn(t *testing.T) {
	t.Parallel()
	long := `{"@level":"trace","@message":"` + strings.Repeat("x", 200_000) + `"}`
	in := strings.Join([]string{
		`{"@level":"info","@message":"configuring server automatic mTLS"}`,
		"gc 1 @0.372s 3%: 0.1+1+0.01 ms clock, 0.2+0/1/2+0.02 ms cpu, 3->4->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P",
		long,
		"gc 85 @47.380s 2%: 0.18+84+0.010 ms clock, 0.37+9.8/43/71+0.020 ms cpu, 72->74->42 MB, 80 MB goal, 0 MB stacks, 0 MB globals, 2 P",
		"gc 86 @49.001s 2%: 0.2+80+0.01 ms clock, 0.4+9/40/70+0.02 ms cpu, 80->81->39 MB, 84 MB goal, 0 MB stacks, 0 MB globals, 2 P",
		"a last line without a newline",
	}, "\n")
	var out strings.Builder
	live, err := forwardStderr(strings.NewReader(in), &out)
	if err != nil || live != 42<<20 {
		t.Errorf("forwardStderr = %d, %v; want 42 MiB, the largest live heap", live, err)
	}
	want := `{"@level":"info","@message":"configuring server automatic mTLS"}` + "\n" + long + "\n" + "a last line without a newline"
	if out.String() != want {
		t.Errorf("forwarded %d bytes, want the %d of every line but the collections'", out.Len(), len(want))
	}
}

func TestWithGCTrace_KeepsWhatGODEBUGHad(t *testing.T) {
	t.Parallel()
	if got := withGCTrace(""); got != "gctrace=1" {
		t.Errorf("withGCTrace(\"\") = %q", got)
	}
	if got := withGCTrace("http2debug=1"); got != "http2debug=1,gctrace=1" {
		t.Errorf("withGCTrace(\"http2debug=1\") = %q", got)
	}
}
