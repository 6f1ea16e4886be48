package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// benchKind is the Hoko resource the benchmark declares N of (-kind).
type benchKind struct {
	key string
	// resource is the resource type, e.g. hoko_link.
	resource string
	// block declares the N resources over local.names, plus what they need.
	block string
	// live counts the objects of the kind the mock holds.
	live func(*hokotest.Server) int
	// base is how many live objects the mock holds with no resource
	// applied (a new workspace's Links collection).
	base int
	// modes and phases are the kind's own, when it has them (nil: modes
	// and phases).
	modes  []mode
	phases []phase
	// check, when set, makes sure a phase did its work beyond the number
	// of live objects.
	check func(s *hokotest.Server, phase string, n int) error
	// section brackets the kind's section of the report file, which a run
	// of the kind replaces; zero for the kind whose report is the whole
	// file.
	section [2]string
	// report, when set, writes the kind's report instead of renderReport.
	report func(s setup, results []result) string
}

// modeList is the modes the kind is measured in.
func (k benchKind) modeList() []mode {
	if k.modes != nil {
		return k.modes
	}
	return modes
}

// phaseList is the commands the kind is measured with.
func (k benchKind) phaseList() []phase {
	if k.phases != nil {
		return k.phases
	}
	return phases
}

// benchKinds are the kinds -kind accepts; the first is the default.
var benchKinds = []benchKind{
	{
		key: "collection", resource: "hoko_collection", base: 1,
		live: func(s *hokotest.Server) int { return len(s.Collections()) },
		block: `resource "hoko_collection" "c" {
  for_each = local.names
  name     = each.key
}
`,
	},
	{
		// Links in one collection: the workspace's default, looked up by
		// name (one listing of collections per command).
		key: "link", resource: "hoko_link",
		live: func(s *hokotest.Server) int { return len(s.Links()) },
		block: `data "hoko_collection" "links" {
  name = "Links"
}

resource "hoko_link" "c" {
  for_each      = local.names
  collection_id = data.hoko_collection.links.id
  url           = "https://example.com/${each.key}"
}
`,
		section: [2]string{linkSectionStart, linkSectionEnd},
	},
	{
		// One hoko_links of N entries in the workspace's default
		// collection, beside the same links as N hoko_link (links_report.go).
		key: "links", resource: "hoko_links",
		live:    func(s *hokotest.Server) int { return len(s.Links()) },
		modes:   linksModes,
		phases:  linksPhases,
		check:   checkChanged,
		section: [2]string{linksSectionStart, linksSectionEnd},
		report:  renderLinksReport,
	},
}

// kindByKey returns the kind -kind names.
func kindByKey(key string) (benchKind, error) {
	i := slices.IndexFunc(benchKinds, func(k benchKind) bool { return k.key == key })
	if i < 0 {
		return benchKind{}, fmt.Errorf("-kind: unknown kind %q; use collection, link or links", key)
	}
	return benchKinds[i], nil
}

// linkSectionStart and linkSectionEnd bracket the link section of the report
// file, so that a link run replaces its own section and leaves the rest.
const (
	linkSectionStart = "<!-- hoko_link benchmark: go run ./internal/benchmark -kind link -->"
	linkSectionEnd   = "<!-- end of hoko_link benchmark -->"
)

// writeKindReport writes the report of a run of kind k to out: the whole
// file for collections; for other kinds a section of its own, replacing the
// kind's earlier section or appended to what the file holds.
func writeKindReport(out string, k benchKind, report string) error {
	sectionStart, sectionEnd := k.section[0], k.section[1]
	if sectionStart == "" || out == "-" {
		if out == "-" {
			_, err := os.Stdout.WriteString(report)
			return err
		}
		return os.WriteFile(out, []byte(report), 0o644)
	}
	section := sectionStart + "\n" + report + sectionEnd + "\n"
	old, err := os.ReadFile(out)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	if start := strings.Index(text, sectionStart); start >= 0 {
		end := strings.Index(text, sectionEnd)
		if end < start {
			return fmt.Errorf("%s: the %s section has no end marker", out, k.key)
		}
		text = text[:start] + section + text[end+len(sectionEnd)+1:]
	} else {
		text = strings.TrimRight(text, "\n") + "\n\n" + section
	}
	return os.WriteFile(out, []byte(text), 0o644)
}

// kindReport turns the report of a link run into a section: its own title,
// the kind's resource named, and the targets for links instead of
// those for collections.
func kindReport(k benchKind, s setup, report string, results []result) string {
	if k.section[0] == "" {
		return report
	}
	report = strings.Replace(report, "# Benchmarks\n", "## Links: N `"+k.resource+"` in one collection\n", 1)
	report = strings.Replace(report, "`go run ./internal/benchmark -n", "`go run ./internal/benchmark -kind "+k.key+" -n", 1)
	report = strings.ReplaceAll(report, "`hoko_collection` resources", "`"+k.resource+"` resources (and one `hoko_collection` data source)")
	if i := strings.Index(report, "## Targets"); i >= 0 {
		report = report[:i] + linkTargets(s, results)
	}
	return strings.ReplaceAll(report, "\n## ", "\n### ")
}

// linkTargets checks coalescing on at every N against issue 10's targets:
// apply and destroy at most ⌈N/10⌉+10 requests, a refreshing plan at most 3
// per kind in the configuration (links and the collection looked up: 6),
// and the provider's memory at most the plugin floor's plus 10 MiB.
func linkTargets(s setup, results []result) string {
	var b strings.Builder
	b.WriteString("## Targets (coalescing on)\n\n")
	b.WriteString("| N | apply requests (≤ ⌈N/10⌉+10) | destroy requests (≤ ⌈N/10⌉+10) | plan requests (≤ 3 per kind, 2 kinds) | peak memory (≤ plugin floor + 10 MiB) | all met |\n")
	b.WriteString("|---:|---:|---:|---:|---:|:---:|\n")
	for _, n := range s.counts {
		apply, ok1 := find(results, n, onMode, "apply")
		destroy, ok2 := find(results, n, onMode, "destroy")
		plan, ok3 := find(results, n, onMode, "plan")
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		limit := (n+9)/10 + 10
		peak := max(apply.peakRSS, plan.peakRSS, destroy.peakRSS)
		memory := targetCell{formatMB(peak) + " (no plugin floor measured)", false}
		var floorPeak int64
		for _, p := range phases {
			if r, ok := find(results, n, pluginFloorMode, p.name); ok {
				floorPeak = max(floorPeak, r.peakRSS)
			}
		}
		if floorPeak > 0 {
			memory = targetCell{fmt.Sprintf("%s of %s", formatMB(peak), formatMB(floorPeak+10<<20)), peak <= floorPeak+10<<20}
		}
		writeTargetRow(&b, n, []targetCell{
			{fmt.Sprintf("%d of %d", apply.total(), limit), apply.total() <= limit},
			{fmt.Sprintf("%d of %d", destroy.total(), limit), destroy.total() <= limit},
			{fmt.Sprint(plan.total()), plan.total() <= 6},
			memory,
		})
	}
	return b.String()
}
