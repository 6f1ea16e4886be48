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
		{n: 100, mode: floorMode, phase: "apply", wall: 10 * time.Second, cpu: 8 * time.Second},
		{n: 100, mode: floorMode, phase: "plan", wall: 4 * time.Second, cpu: 4 * time.Second},
		{n: 100, mode: floorMode, phase: "destroy", wall: 10 * time.Second, cpu: 5 * time.Second},
		{n: 100, mode: pluginFloorMode, phase: "apply", wall: 11 * time.Second, cpu: 10 * time.Second, providerCPU: 3 * time.Second, peakRSS: 60 << 20, providerProcesses: 2},
		{n: 100, mode: onMode, phase: "apply", wall: 12 * time.Second, cpu: 10 * time.Second, providerCPU: 2500 * time.Millisecond, requests: map[string]int{"PUT": 30}, peakRSS: 90 << 20, peakLive: 41 << 20},
		{n: 100, mode: onMode, phase: "plan", wall: 8 * time.Second, cpu: 5 * time.Second, requests: map[string]int{"GET": 2}, peakRSS: 100 << 20},
		{n: 100, mode: onMode, phase: "destroy", wall: 11 * time.Second, cpu: 6 * time.Second, requests: map[string]int{"DELETE": 11, "GET": 2}, peakRSS: 95 << 20},
		{n: 100, mode: offMode, phase: "apply", wall: 10 * time.Second, cpu: 10 * time.Second, requests: map[string]int{"PUT": 100}},
		{n: 100, mode: offMode, phase: "plan", wall: 8 * time.Second, cpu: 5 * time.Second, requests: map[string]int{"GET": 100}},
		{n: 100, mode: offMode, phase: "destroy", wall: 11 * time.Second, cpu: 6 * time.Second, requests: map[string]int{"DELETE": 100, "GET": 100}},
	}
	report := renderReport(setup{counts: []int{100}, runs: []int{3}, latency: 20 * time.Millisecond}, results, "BenchmarkX 1 ns/op")
	for _, want := range []string{
		"| 100 | apply | coalescing on | 12.00 s | 1.20 | **1.20** | 10.00 s | 1.25 | 2.50 s | 30 (PUT 30) | 90 MiB | 41 MiB |",
		// The plugin floor's provider is measured like the Hoko provider.
		"| 100 | apply | plugin floor | 11.00 s | 1.10 | – | 10.00 s | 1.25 | 3.00 s | 0 | 60 MiB | – |",
		"| 100 | apply | terraform_data | 10.00 s | – | – | 8.00 s | – | – | 0 | – |",
		"over `floor_collection`, a resource of a no-API provider",
		"the Hoko provider's and the plugin floor's alike",
		"| 100 | destroy | coalescing on | 11.00 s | 1.10 | **1.00** | 6.00 s | 1.20 | – | 13 (DELETE 11, GET 2) | 95 MiB |",
		"| 100 | 1.20 ✗ | 1.00 | 30 of 13 ✗ | 13 of 13 | 2 | no |",
		"sent 30 PUTs, 3.33 items per request",
		"at most 10 of its items: at least 100 / 10 = 10 requests",
		"the plan sent 2 requests",
		"-n 100 -runs 3 -latency 20ms",
		"BenchmarkX 1 ns/op",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

func TestMedianOf_TakesMedianTimesAndWorstCounts(t *testing.T) {
	t.Parallel()
	var runs []result
	for i, wall := range []time.Duration{3, 1, 2} {
		runs = append(runs, result{n: 10, mode: onMode, phase: "apply", wall: wall * time.Second, cpu: wall * time.Second,
			providerCPU: wall * time.Second / 2, requests: map[string]int{"PUT": 2 + i}, peakRSS: int64(i) << 20})
	}
	got := medianOf(runs, 10, onMode, "apply")
	if got.wall != 2*time.Second || got.cpu != 2*time.Second || got.providerCPU != time.Second || got.total() != 4 || got.peakRSS != 2<<20 || got.runs != 3 {
		t.Errorf("medianOf = %+v; want 2 s, the most requests (4) and the largest peak", got)
	}
}

func TestReadProviderUsage_TakesTheLargestMemoryAndAllTheCPU(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "rusage")
	// The process with the largest RSS need not be the one with the most live heap.
	for _, line := range []string{"30000 1048576 20000000", "120000 20971520 900000000", "45000 31457280 80000000"} {
		if err := appendLine(path, line); err != nil {
			t.Fatal(err)
		}
	}
	m, err := readProviderUsage(path)
	want := providerUsage{peakRSS: 120000 * 1024, peakLive: 30 << 20, cpu: time.Second, processes: 3}
	if err != nil || m != want {
		t.Errorf("readProviderUsage = %+v, %v; want 120000 KiB RSS and 30 MiB live, and 1 s of CPU time in all, from 3 processes", m, err)
	}
	if m, err := readProviderUsage(filepath.Join(t.TempDir(), "none")); m != (providerUsage{}) || err != nil {
		t.Errorf("no file: %+v, %v; want nothing measured", m, err)
	}
	for _, bad := range []string{"lots\n", "30000\n", "30000 1048576\n"} {
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readProviderUsage(path); err == nil {
			t.Errorf("%q was accepted as a peak RSS, a live heap and a CPU time", bad)
		}
	}
}

func TestParseFlags_RejectsBadCountsAndModes(t *testing.T) {
	t.Parallel()
	o, err := parseFlags([]string{"-n", "100, 1000", "-modes", "on,floor"})
	if err != nil || len(o.counts) != 2 || o.counts[1] != 1000 || len(o.modes) != 2 || o.modes[1].name != floorMode {
		t.Errorf("parseFlags = %+v, %v", o, err)
	}
	if o, err := parseFlags([]string{"-n", "10,30", "-runs", "4"}); err != nil || len(o.runs) != 2 || o.runs[1] != 4 {
		t.Errorf("one -runs for two counts: %+v, %v", o.runs, err)
	}
	if o, err := parseFlags([]string{"-n", "10,30"}); err != nil || len(o.runs) != 2 || o.runs[0] != 5 {
		t.Errorf("default -runs for two counts: %+v, %v", o.runs, err)
	}
	for _, args := range [][]string{{"-n", "0"}, {"-n", "ten"}, {"-modes", "fast"}, {"-latency", "-1s"}, {"-n", "1,2", "-runs", "1,2,3"}, {"-runs", "0"}} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) accepted bad input", args)
		}
	}
}

func TestLinksTargets_MarksWhatIsMissed(t *testing.T) {
	t.Parallel()
	set := func(n int, phase string, wall time.Duration, links map[string]int) result {
		return result{n: n, mode: setMode, phase: phase, wall: wall, linkRequests: links, peakRSS: 60 << 20}
	}
	results := []result{
		set(1000, "apply", time.Second, map[string]int{"PUT": 2}),
		set(1000, "plan", time.Second, map[string]int{"GET": 1}),
		set(1000, "change", time.Second, map[string]int{"GET": 1, "PUT": 1}),
		{n: 1000, mode: perLinkMode, phase: "apply", wall: 8 * time.Second},
		set(20000, "apply", time.Second, map[string]int{"PUT": 41}),
		set(20000, "plan", time.Second, map[string]int{"GET": 2}),
		set(20000, "change", time.Second, map[string]int{"GET": 2, "PUT": 1}),
	}
	got := linksTargets(setup{counts: []int{1000, 20000}}, results)
	for _, want := range []string{
		"| 1000 | 2 of 2 | 1 of 1 | 2 of 2 | 8.0× ✗ | 60 MiB | no |",
		"| 20000 | 41 of 40 ✗ | 2 of 2 | 3 of 2 ✗ | not measured | 60 MiB | no |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
	report := renderLinksReport(setup{counts: []int{1000}, runs: []int{1}, linkMax: 1000}, results)
	if !strings.Contains(report, "| 1000 | apply | one hoko_links | 1.00 s | **8.0×** |") {
		t.Errorf("the report does not compare the set with N hoko_link:\n%s", report)
	}
}
