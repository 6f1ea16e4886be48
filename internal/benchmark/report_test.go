package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests cover the harness's own logic; the measurements themselves
// need Terraform and minutes, and run only with `make bench`.

func TestReport_RatiosAndTargets(t *testing.T) {
	t.Parallel()
	results := []result{
		{n: 1000, mode: floorMode, phase: "apply", wall: 10 * time.Second, cpu: 8 * time.Second},
		{n: 1000, mode: floorMode, phase: "plan", wall: 4 * time.Second, cpu: 4 * time.Second},
		{n: 1000, mode: floorMode, phase: "destroy", wall: 10 * time.Second, cpu: 5 * time.Second},
		{n: 1000, mode: "coalescing on", phase: "apply", wall: 12 * time.Second, cpu: 10 * time.Second, requests: map[string]int{"PUT": 300}, peakRSS: 90 << 20},
		{n: 1000, mode: "coalescing on", phase: "plan", wall: 8 * time.Second, cpu: 5 * time.Second, requests: map[string]int{"GET": 2}, peakRSS: 100 << 20},
		{n: 1000, mode: "coalescing on", phase: "destroy", wall: 11 * time.Second, cpu: 6 * time.Second, requests: map[string]int{"DELETE": 160, "GET": 2}, peakRSS: 95 << 20},
	}
	report := renderReport(setup{counts: []int{1000}, latency: 20 * time.Millisecond}, results, "BenchmarkX 1 ns/op")
	for _, want := range []string{
		"| 1000 | apply | coalescing on | 12.00 s | 1.20 | 10.00 s | 1.25 | 300 (PUT 300) | 90 MiB |",
		"| 1000 | destroy | coalescing on | 11.00 s | 1.10 | 6.00 s | 1.20 | 162 (DELETE 160, GET 2) | 95 MiB |",
		"| apply ≤ 150 requests | 300 | no |",
		"| destroy ≤ 150 requests | 162 | no |",
		"| plan wall ≤ 1.5 × terraform_data | 2.00 × (CPU 1.25 ×) | no |",
		"sent 300 PUTs, 3.33 items per request",
		"at most 10 of its items: at least 1000 / 10 = 100 requests",
		"the plan sent 2 requests",
		"| provider peak memory < 150 MB | 100 MiB | yes |",
		"-n 1000 -latency 20ms",
		"BenchmarkX 1 ns/op",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

func TestPeakRSS_TakesTheLargestProcess(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rusage")
	for _, kb := range []string{"30000", "120000", "45000"} {
		if err := appendLine(path, kb); err != nil {
			t.Fatal(err)
		}
	}
	peak, n, err := peakRSS(path)
	if err != nil || peak != 120000*1024 || n != 3 {
		t.Errorf("peakRSS = %d, %d, %v; want 120000 KiB from 3 processes", peak, n, err)
	}
	if peak, n, err := peakRSS(filepath.Join(t.TempDir(), "none")); peak != 0 || n != 0 || err != nil {
		t.Errorf("no file: %d, %d, %v; want nothing measured", peak, n, err)
	}
	if err := os.WriteFile(path, []byte("lots\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := peakRSS(path); err == nil {
		t.Error("a line that is not a number was accepted")
	}
}

func TestParseFlags_RejectsBadCountsAndModes(t *testing.T) {
	t.Parallel()
	o, err := parseFlags([]string{"-n", "100, 1000", "-modes", "on,floor"})
	if err != nil || len(o.counts) != 2 || o.counts[1] != 1000 || len(o.modes) != 2 || o.modes[1].name != floorMode {
		t.Errorf("parseFlags = %+v, %v", o, err)
	}
	for _, args := range [][]string{{"-n", "0"}, {"-n", "ten"}, {"-modes", "fast"}, {"-latency", "-1s"}} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) accepted bad input", args)
		}
	}
}
