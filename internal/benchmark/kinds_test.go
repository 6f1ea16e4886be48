package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteKindReport_ReplacesOnlyTheLinkSection(t *testing.T) {
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := os.WriteFile(out, []byte("# Benchmarks\n\ncollections\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link, _ := kindByKey("link")
	for _, report := range []string{"first links\n", "second links\n"} {
		if err := writeKindReport(out, link, report); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(out)
	want := "# Benchmarks\n\ncollections\n\n" + linkSectionStart + "\nsecond links\n" + linkSectionEnd + "\n"
	if string(got) != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
}

func TestLinkTargets_MarksWhatIsMissed(t *testing.T) {
	results := []result{
		{n: 1000, mode: onMode, phase: "apply", requests: map[string]int{"PUT": 105, "GET": 1}, peakRSS: 40 << 20},
		{n: 1000, mode: onMode, phase: "plan", requests: map[string]int{"GET": 3}, peakRSS: 45 << 20},
		{n: 1000, mode: onMode, phase: "destroy", requests: map[string]int{"DELETE": 111, "GET": 3}, peakRSS: 42 << 20},
		{n: 1000, mode: pluginFloorMode, phase: "plan", peakRSS: 30 << 20},
	}
	got := linkTargets(setup{counts: []int{1000}}, results)
	for _, want := range []string{"| 1000 | 106 of 110 | 114 of 110 ✗ | 3 | 45 MiB of 40 MiB ✗ | no |"} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
}
