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
	// floorBlock declares N of the plugin floor's resource of the kind's
	// shape (./floor), with the same arguments as block's.
	floorBlock string
	// live counts the objects of the kind the mock holds.
	live func(*hokotest.Server) int
	// base is how many live objects the mock holds with no resource
	// applied (a new workspace's Links collection).
	base int
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
		// The floor has no collection to look up: the id, known at plan
		// time as the data source's is, is written out.
		floorBlock: `resource "floor_link" "c" {
  for_each      = local.names
  collection_id = "7d3c6a52-1f0e-4b8a-9c2d-3e4f5a6b7c8d"
  url           = "https://example.com/${each.key}"
}
`,
	},
}

// kindByKey returns the kind -kind names.
func kindByKey(key string) (benchKind, error) {
	i := slices.IndexFunc(benchKinds, func(k benchKind) bool { return k.key == key })
	if i < 0 {
		return benchKind{}, fmt.Errorf("-kind: unknown kind %q; use collection or link", key)
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
	if k.key == benchKinds[0].key || out == "-" {
		if out == "-" {
			_, err := os.Stdout.WriteString(report)
			return err
		}
		return os.WriteFile(out, []byte(report), 0o644)
	}
	section := linkSectionStart + "\n" + report + linkSectionEnd + "\n"
	old, err := os.ReadFile(out)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	if start := strings.Index(text, linkSectionStart); start >= 0 {
		end := strings.Index(text, linkSectionEnd)
		if end < start {
			return fmt.Errorf("%s: the link section has no end marker", out)
		}
		text = text[:start] + section + text[end+len(linkSectionEnd)+1:]
	} else {
		text = strings.TrimRight(text, "\n") + "\n\n" + section
	}
	return os.WriteFile(out, []byte(text), 0o644)
}

// kindReport turns the report of a link run into a section: its own title,
// the kind's resource named, and the targets for links instead of
// those for collections.
func kindReport(k benchKind, s setup, report string, results []result) string {
	if k.key == benchKinds[0].key {
		return report
	}
	report = strings.Replace(report, "# Benchmarks\n", "## Links: N `"+k.resource+"` in one collection\n", 1)
	report = strings.Replace(report, "`go run ./internal/benchmark -n", "`go run ./internal/benchmark -kind "+k.key+" -n", 1)
	report = strings.ReplaceAll(report, "`hoko_collection` resources", "`"+k.resource+"` resources (and one `hoko_collection` data source)")
	report = strings.ReplaceAll(report, "`floor_collection`", "`floor_"+k.key+"`")
	if i := strings.Index(report, "## Targets"); i >= 0 {
		report = report[:i] + linkTargets(s, results)
	}
	return strings.ReplaceAll(report, "\n## ", "\n### ")
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
		peak := max(apply.peakRSS, plan.peakRSS, destroy.peakRSS)
		memory := targetCell{formatMB(peak) + " (no plugin floor measured; run -modes with plugin)", false}
		var floorPeak int64
		for _, p := range phases {
			if r, ok := find(results, n, pluginFloorMode, p.name); ok {
				floorPeak = max(floorPeak, r.peakRSS)
			}
		}
		if floorPeak > 0 {
			// To a tenth of a MiB: whole MiB could show a miss as "41 of 41".
			memoryLimit := floorPeak + 10<<20
			mib := func(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
			memory = targetCell{fmt.Sprintf("%s of %s (floor %s)", mib(peak), mib(memoryLimit), mib(floorPeak)), peak <= memoryLimit}
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
