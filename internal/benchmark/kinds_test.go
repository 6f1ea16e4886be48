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

func TestWriteKindReport_KeepsEachKindsSection(t *testing.T) {
	out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	link, _ := kindByKey("link")
	links, _ := kindByKey("links")
	for _, w := range []struct {
		k      benchKind
		report string
	}{{link, "links one by one\n"}, {links, "first set\n"}, {links, "second set\n"}} {
		if err := writeKindReport(out, w.k, w.report); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(out)
	want := "\n\n" + linkSectionStart + "\nlinks one by one\n" + linkSectionEnd + "\n\n" + linksSectionStart + "\nsecond set\n" + linksSectionEnd + "\n"
	if string(got) != want {
		t.Errorf("file =\n%q\nwant\n%q", got, want)
	}
}

func TestParseFlags_LinksKindHasItsOwnModes(t *testing.T) {
	t.Parallel()
	o, err := parseFlags([]string{"-kind", "links", "-n", "1000,5000"})
	if err != nil || len(o.modes) != 2 || o.modes[0].name != setMode || o.linkMax != 1000 {
		t.Fatalf("parseFlags = %+v, %v", o, err)
	}
	if got := o.modesAt(5000); len(got) != 1 || got[0].name != setMode {
		t.Errorf("at N = 5,000 the modes are %v, want the set alone (beyond -link-max)", got)
	}
	if got := o.modesAt(1000); len(got) != 2 {
		t.Errorf("at N = 1,000 the modes are %v, want the set and N hoko_link", got)
	}
	if _, err := parseFlags([]string{"-kind", "links", "-modes", "floor"}); err == nil {
		t.Error("-kind links accepted the floor mode, which measures N resources")
	}
	config := o.modes[0].config(o.kind, 3)
	for _, want := range []string{`resource "hoko_links" "set"`, `variable "changed"`, "< var.changed"} {
		if !strings.Contains(config, want) {
			t.Errorf("the set's configuration lacks %q:\n%s", want, config)
		}
	}
}
