package main

import (
	"fmt"
	"os"
	"regexp"
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
	// floorBlock declares N of the plugin floor's resource of the kind's
	// shape (./floor), with the same arguments as block's.
	floorBlock string
	// live counts the objects of the kind the mock holds.
	live func(*hokotest.Server) int
	// base is how many live objects the mock holds with no resource
	// applied (a new workspace's Links collection).
	base int
	// title heads the kind's section of the report, and declares says
	// what the configuration declares; both empty for collections, whose
	// report is the whole file.
	title, declares string
	// targets renders the kind's targets table, by its own issue; nil
	// keeps the collections' (issue 12's), the rule every kind shares.
	targets func(setup, []result) string
	// modes and phases are the kind's own, when it has them (nil: modes
	// and phases).
	modes  []mode
	phases []phase
	// check, when set, makes sure a phase did its work beyond the number
	// of live objects.
	check func(s *hokotest.Server, phase string, n int) error
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
		floorBlock: `resource "floor_collection" "c" {
  for_each = local.names
  name     = each.key
}
`,
	},
	{
		// Tags and partners have no targets of their own (issue 9 built
		// them on the collections' machinery): they are held only to the
		// rule of issue 12 that holds for every kind, never slower than
		// one request per resource.
		key: "tag", resource: "hoko_tag", targets: perResourceTargets,
		title: "Tags: N `hoko_tag`", declares: "`hoko_tag` resources",
		live: func(s *hokotest.Server) int { return len(s.Tags()) },
		block: `resource "hoko_tag" "c" {
  for_each = local.names
  name     = each.key
}
`,
		floorBlock: `resource "floor_tag" "c" {
  for_each = local.names
  name     = each.key
}
`,
	},
	{
		key: "partner", resource: "hoko_partner", targets: perResourceTargets,
		title: "Partners: N `hoko_partner`", declares: "`hoko_partner` resources",
		live: func(s *hokotest.Server) int { return len(s.Partners()) },
		block: `resource "hoko_partner" "c" {
  for_each = local.names
  name     = each.key
}
`,
		floorBlock: `resource "floor_partner" "c" {
  for_each = local.names
  name     = each.key
}
`,
	},
	{
		// Links in one collection: the workspace's default, looked up by
		// name (one listing of collections per command).
		key: "link", resource: "hoko_link",
		title:    "Links: N `hoko_link` in one collection",
		declares: "`hoko_link` resources (and one `hoko_collection` data source)",
		targets:  linkTargets,
		live:     func(s *hokotest.Server) int { return len(s.Links()) },
		block: `data "hoko_collection" "links" {
  name = "Links"
}

resource "hoko_link" "c" {
  for_each      = local.names
  collection_id = data.hoko_collection.links.id
  url           = "https://example.com/${each.key}"
}
`,
		// The floor has no collection to look up: the id, known at plan
		// time as the data source's is, is written out.
		floorBlock: `resource "floor_link" "c" {
  for_each      = local.names
  collection_id = "7d3c6a52-1f0e-4b8a-9c2d-3e4f5a6b7c8d"
  url           = "https://example.com/${each.key}"
}
`,
	},
	{
		// One hoko_links of N entries in the workspace's default
		// collection, beside the same links as N hoko_link (links.go).
		key: "links", resource: "hoko_links",
		live:   func(s *hokotest.Server) int { return len(s.Links()) },
		modes:  linksModes,
		phases: linksPhases,
		check:  checkChanged,
		report: renderLinksReport,
	},
}

// kindByKey returns the kind -kind names.
func kindByKey(key string) (benchKind, error) {
	i := slices.IndexFunc(benchKinds, func(k benchKind) bool { return k.key == key })
	if i < 0 {
		keys := make([]string, len(benchKinds))
		for i, k := range benchKinds {
			keys[i] = k.key
		}
		return benchKind{}, fmt.Errorf("-kind: unknown kind %q; use one of %s", key, strings.Join(keys, ", "))
	}
	return benchKinds[i], nil
}

// sectionMarkers bracket the section of a run of kind k at the given
// counts (and modes, when -modes was given) in the report file, so that a
// run replaces its own section and leaves the rest: another kind's, or the
// same kind's at other counts or of other modes. The largest runs take an
// hour a mode, so they are run a few modes at a time: the plugin floor
// beside coalescing on for memory, on beside off for time.
func sectionMarkers(k benchKind, counts []int, modes []string) (start, end string) {
	n := make([]string, len(counts))
	for i, c := range counts {
		n[i] = fmt.Sprint(c)
	}
	run := "-kind " + k.key + " -n " + strings.Join(n, ",")
	if len(modes) > 0 {
		run += " -modes " + strings.Join(modes, ",")
	}
	return "<!-- " + k.resource + sectionLead + run + " -->",
		"<!-- end of " + k.resource + " benchmark " + run + " -->"
}

// sectionLead follows the resource's name in a section's start marker.
const sectionLead = " benchmark: go run ./internal/benchmark "

// firstSection finds the start marker of the first section of another
// kind's run (see sectionMarkers) in a report file.
var firstSection = regexp.MustCompile(`(?m)^<!-- \S+` + regexp.QuoteMeta(sectionLead))

// writeKindReport writes the report of a run of kind k at counts (of the
// modes asked for, nil for the kind's default) to out. Collections own the
// head of the file, up to the first section of another kind, which stays:
// the sections of the largest runs take hours to measure again. Other kinds
// get a section of their own, replacing the run's earlier section or
// appended to what the file holds.
func writeKindReport(out string, k benchKind, counts []int, modes []string, report string) error {
	if out == "-" {
		_, err := os.Stdout.WriteString(report)
		return err
	}
	old, err := os.ReadFile(out)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	if k.key == benchKinds[0].key {
		if loc := firstSection.FindStringIndex(text); loc != nil {
			report = strings.TrimRight(report, "\n") + "\n\n" + text[loc[0]:]
		}
		return os.WriteFile(out, []byte(report), 0o644)
	}
	startMarker, endMarker := sectionMarkers(k, counts, modes)
	section := startMarker + "\n" + report + endMarker + "\n"
	if start := strings.Index(text, startMarker); start >= 0 {
		end := strings.Index(text, endMarker)
		if end < start {
			return fmt.Errorf("%s: the %s section has no end marker", out, k.key)
		}
		text = text[:start] + section + text[end+len(endMarker)+1:]
	} else {
		text = strings.TrimRight(text, "\n") + "\n\n" + section
	}
	return os.WriteFile(out, []byte(text), 0o644)
}

// kindReport turns the report of a run of another kind than collections
// into a section: its own title, the kind's resource named, and the targets
// of the kind's own issue where it has them.
func kindReport(k benchKind, s setup, report string, results []result) string {
	if k.key == benchKinds[0].key {
		return report
	}
	report = strings.Replace(report, "# Benchmarks\n", "## "+k.title+"\n", 1)
	report = strings.Replace(report, "`go run ./internal/benchmark -n", "`go run ./internal/benchmark -kind "+k.key+" -n", 1)
	report = strings.ReplaceAll(report, "`hoko_collection` resources", k.declares)
	report = strings.ReplaceAll(report, "`floor_collection`", "`floor_"+k.key+"`")
	if i := strings.Index(report, "## Targets"); i >= 0 && k.targets != nil {
		report = report[:i] + k.targets(s, results)
	}
	return strings.ReplaceAll(report, "\n## ", "\n### ")
}

// perResourceTargets checks coalescing on at every N against the one rule
// that holds for a kind without targets of its own: apply and destroy no
// slower than coalescing off (one request per resource), within
// wallTolerance. The requests are shown beside coalescing off's, with no
// target of their own.
func perResourceTargets(s setup, results []result) string {
	return onOffTargets(s, results, "; the requests have no target",
		"apply requests on / off | destroy requests on / off | plan requests on / off",
		func(_ int, on, off onOff) []targetCell {
			counts := func(on, off result) targetCell {
				return targetCell{fmt.Sprintf("%d / %d", on.total(), off.total()), true}
			}
			return []targetCell{counts(on.apply, off.apply), counts(on.destroy, off.destroy), counts(on.plan, off.plan)}
		})
}

// linkTargets checks coalescing on at every N against issue 10's targets:
// apply and destroy at most ⌈N/10⌉+10 requests, a refreshing plan at most 3
// per kind in the configuration (links and the collection looked up: 6),
// and the provider's peak memory at most the plugin floor's (floor_link, of
// hoko_link's shape, measured the same way) plus 10 MiB, each the largest of
// the three phases.
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
		peak := peakOver(results, n, onMode, phases)
		memory := targetCell{formatMB(peak) + " (no plugin floor measured; run -modes with plugin)", false}
		if floorPeak := peakOver(results, n, pluginFloorMode, phases); floorPeak > 0 {
			// To a tenth of a MiB: whole MiB could show a miss as "41 of 41".
			memoryLimit := floorPeak + 10<<20
			mib := func(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
			memory = targetCell{fmt.Sprintf("%s of %s (floor %s)", mib(peak), mib(memoryLimit), mib(floorPeak)), peak <= memoryLimit}
			// The live heap is not the target, but says whether a miss is
			// the provider's or the collector's timing (gctrace.go).
			if live, floorLive := liveOver(results, n, onMode, phases), liveOver(results, n, pluginFloorMode, phases); live > 0 && floorLive > 0 {
				memory.text += fmt.Sprintf("; live heap %s, floor's %s", mib(live), mib(floorLive))
			}
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
