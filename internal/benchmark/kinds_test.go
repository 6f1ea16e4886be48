package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

func TestLinkTargets_ComparesMemoryWithTheMeasuredFloor(t *testing.T) {
	results := []result{
		{n: 1000, mode: onMode, phase: "apply", requests: map[string]int{"PUT": 105, "GET": 1}, peakRSS: 40 << 20},
		{n: 1000, mode: onMode, phase: "plan", requests: map[string]int{"GET": 3}, peakRSS: 45 << 20},
		{n: 1000, mode: onMode, phase: "destroy", requests: map[string]int{"DELETE": 111, "GET": 3}, peakRSS: 42 << 20},
		// The floor's peak is the largest of its phases, as the provider's is.
		{n: 1000, mode: pluginFloorMode, phase: "apply", peakRSS: 28 << 20},
		{n: 1000, mode: pluginFloorMode, phase: "plan", peakRSS: 30 << 20},
		{n: 1000, mode: pluginFloorMode, phase: "destroy", peakRSS: 29 << 20},
		{n: 5000, mode: onMode, phase: "apply", requests: map[string]int{"PUT": 500, "GET": 1}, peakRSS: 60 << 20},
		{n: 5000, mode: onMode, phase: "plan", requests: map[string]int{"GET": 3}, peakRSS: 61 << 20},
		{n: 5000, mode: onMode, phase: "destroy", requests: map[string]int{"DELETE": 500, "GET": 3}, peakRSS: 55 << 20},
		{n: 5000, mode: pluginFloorMode, phase: "plan", peakRSS: 51 << 20},
	}
	got := linkTargets(setup{counts: []int{1000, 5000}}, results)
	for _, want := range []string{
		"| 1000 | 106 of 110 | 114 of 110 ✗ | 3 | 45.0 MiB of 40.0 MiB (floor 30.0 MiB) ✗ | no |",
		"| 5000 | 501 of 510 | 503 of 510 | 3 | 61.0 MiB of 61.0 MiB (floor 51.0 MiB) | yes |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}

	// Without the plugin mode there is no floor to meet.
	got = linkTargets(setup{counts: []int{1000}}, results[:3])
	if want := "| 45 MiB (no plugin floor measured; run -modes with plugin) ✗ | no |"; !strings.Contains(got, want) {
		t.Errorf("targets lack %q:\n%s", want, got)
	}
}

// TestBenchKinds_FloorDeclaresWhatHokoDoes checks that each kind's plugin
// floor declares its own resource of the kind with the same arguments as
// the Hoko configuration, and that the link report names floor_link.
func TestBenchKinds_FloorDeclaresWhatHokoDoes(t *testing.T) {
	for _, k := range benchKinds {
		hoko, floor := resourceArguments(t, k.block, k.resource), resourceArguments(t, k.floorBlock, "floor_"+k.key)
		if !slices.Equal(hoko, floor) {
			t.Errorf("%s: the floor sets %v, %s %v", k.key, floor, k.resource, hoko)
		}
		if config := pluginFloorConfig(k, 3); !strings.Contains(config, `source = "hoko/floor"`) || !strings.Contains(config, "local.names") {
			t.Errorf("%s: plugin floor configuration lacks the floor provider or the names:\n%s", k.key, config)
		}
	}
	link, _ := kindByKey("link")
	report := kindReport(link, setup{counts: []int{10}, runs: []int{1}}, renderReport(setup{counts: []int{10}, runs: []int{1}}, nil, ""), nil)
	if !strings.Contains(report, "`floor_link`") || strings.Contains(report, "floor_collection") {
		t.Errorf("the link report does not name floor_link alone:\n%s", report)
	}
}

// resourceArguments are the argument names, sorted, of the resource block of
// type typ in config.
func resourceArguments(t *testing.T, config, typ string) []string {
	t.Helper()
	start := strings.Index(config, fmt.Sprintf("resource %q ", typ))
	if start < 0 {
		t.Fatalf("no resource %s in\n%s", typ, config)
	}
	block := config[start:]
	block = block[:strings.Index(block, "\n}\n")]
	var args []string
	for _, m := range regexp.MustCompile(`(?m)^  (\w+)\s+=`).FindAllStringSubmatch(block, -1) {
		args = append(args, m[1])
	}
	slices.Sort(args)
	return args
}

func TestWrappedProvider_ByTheNameTerraformStartedItUnder(t *testing.T) {
	args := os.Args
	t.Cleanup(func() { os.Args = args })
	t.Setenv(envWrapProvider, "/bin/hoko")
	t.Setenv(envWrapFloor, "/bin/floor")
	for name, want := range map[string]string{
		"/tmp/providers/terraform-provider-hoko": "/bin/hoko",
		"/tmp/providers/" + floorProviderBinary:  "/bin/floor",
	} {
		os.Args = []string{name}
		if real, ok := wrappedProvider(); !ok || real != want {
			t.Errorf("started as %s: wraps %q (%v), want %s", name, real, ok, want)
		}
	}
	// Run as itself, the benchmark wraps nothing; as the floor without the
	// floor's binary named, it must say so rather than run the benchmark.
	t.Setenv(envWrapProvider, "")
	t.Setenv(envWrapFloor, "")
	os.Args = []string{"/tmp/go-build/benchmark"}
	if _, ok := wrappedProvider(); ok {
		t.Error("the benchmark itself is taken for a wrapper")
	}
	os.Args = []string{"/tmp/providers/" + floorProviderBinary}
	if _, ok := wrappedProvider(); !ok {
		t.Error("started as the floor without its binary, it does not wrap (and fail)")
	}
}
