// Command benchmark measures what the provider costs at scale: it runs the
// real Terraform CLI (apply, a refreshing plan, destroy) over N collections
// (or links, -kind link) declared with for_each, against the mock Hoko API
// served in process with a per-request latency, and writes the results to
// BENCHMARKS.md.
//
// Each N runs four ways side by side: with request coalescing on (the
// default), with it off (one request per resource, what a conventional
// provider does), with Terraform's built-in terraform_data resource, which
// makes no API calls at all and so is the floor that Terraform itself sets,
// and with the plugin floor (./floor), a no-API provider whose resource has
// the Hoko resource's schema shape. For each phase it reports wall time, the
// API requests the mock received by method, and the peak memory of the
// provider, Hoko's or the plugin floor's.
//
// It is a program, not a test, so `go test ./...` never runs it; `make bench`
// does. Run "go run ./internal/benchmark -h" for the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	// Terraform starts this same binary as the Hoko provider and as the
	// plugin floor's; in those roles it only wraps the real provider to
	// measure its memory (see rusage.go).
	if real, ok := wrappedProvider(); ok {
		os.Exit(wrapProvider(real))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "benchmark:", err)
		}
		os.Exit(1)
	}
}

// options is the parsed command line.
type options struct {
	provider    string
	counts      []int
	latency     time.Duration
	parallelism int
	runs        []int // per count
	modes       []mode
	// modesAsked is -modes as given (empty for the kind's default): a run
	// of some modes has a report section of its own.
	modesAsked []string
	out        string
	goBench    bool
	workDir    string
	kind       benchKind
	// linkMax is the largest N at which -kind links also measures N
	// hoko_link resources.
	linkMax int
}

// defaultRuns is -runs' default: more runs where a run is short and noisy.
const defaultRuns = "5,5,5,5,3,3"

// parseFlags reads the command line.
func parseFlags(args []string) (options, error) {
	var o options
	var counts, modeKeys, runs, kind string
	fs := flag.NewFlagSet("benchmark", flag.ContinueOnError)
	fs.StringVar(&o.provider, "provider", "bin/terraform-provider-hoko", "the provider `binary` to measure (make build puts it in bin/)")
	fs.StringVar(&counts, "n", "1,10,30,100,300,1000", "comma-separated `counts` of collections")
	fs.StringVar(&runs, "runs", defaultRuns, "interleaved `runs` of every mode at each N (one number for all, or one per count); the report shows medians")
	fs.DurationVar(&o.latency, "latency", 20*time.Millisecond, "latency the mock adds to every API request")
	fs.IntVar(&o.parallelism, "parallelism", 0, "Terraform's -parallelism (0: Terraform's default, 10)")
	fs.StringVar(&modeKeys, "modes", "", "comma-separated `modes`: floor (terraform_data), plugin (the plugin floor), on and off (coalescing); "+
		"for -kind links, set (one hoko_links) and link (N hoko_link). Default: all of the kind's")
	fs.IntVar(&o.linkMax, "link-max", 1000, "the largest `N` at which -kind links also measures N hoko_link resources (minutes a phase beyond 1,000)")
	fs.StringVar(&o.out, "out", "BENCHMARKS.md", "where to write the report (- for stdout)")
	fs.BoolVar(&o.goBench, "gobench", true, "also run the Go benchmarks of internal/hoko and include them")
	fs.StringVar(&o.workDir, "work", "", "keep Terraform's working directories and logs here (default: a temporary directory, removed)")
	fs.StringVar(&kind, "kind", benchKinds[0].key, "the `kind` of resource to declare N of: collection; link (links in one collection); "+
		"or links (one hoko_links of N entries); the report of link and links becomes a section of -out")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.kind, err = kindByKey(kind); err != nil {
		return o, err
	}
	for _, field := range strings.Split(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 || n > 99999 {
			return o, fmt.Errorf("-n: %q is not a count from 1 to 99999", field)
		}
		o.counts = append(o.counts, n)
	}
	kindModes := o.kind.modeList()
	if modeKeys == "" {
		o.modes = kindModes
	}
	for key := range strings.SplitSeq(modeKeys, ",") {
		if modeKeys == "" {
			break
		}
		i := slices.IndexFunc(kindModes, func(m mode) bool { return m.key == strings.TrimSpace(key) })
		if i < 0 {
			var keys []string
			for _, m := range kindModes {
				keys = append(keys, m.key)
			}
			return o, fmt.Errorf("-modes: unknown mode %q for -kind %s; use %s", key, o.kind.key, strings.Join(keys, ", "))
		}
		o.modes = append(o.modes, kindModes[i])
		o.modesAsked = append(o.modesAsked, kindModes[i].key)
	}
	if o.latency < 0 || o.parallelism < 0 {
		return o, errors.New("-latency and -parallelism must not be negative")
	}
	for _, field := range strings.Split(runs, ",") {
		r, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || r < 1 {
			return o, fmt.Errorf("-runs: %q is not a number of runs", field)
		}
		o.runs = append(o.runs, r)
	}
	switch {
	case len(o.runs) == 1:
		o.runs = slices.Repeat(o.runs, len(o.counts))
	case len(o.runs) > len(o.counts) && runs == defaultRuns:
		o.runs = o.runs[:len(o.counts)]
	case len(o.runs) != len(o.counts):
		return o, fmt.Errorf("-runs: %d numbers for %d counts; give one, or one per count", len(o.runs), len(o.counts))
	}
	return o, nil
}

// run measures every count and mode and writes the report.
func run(ctx context.Context, args []string) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	env, err := newEnvironment(o)
	if err != nil {
		return err
	}
	defer env.close()

	var results []result
	for i, n := range o.counts {
		rs, err := env.measure(ctx, o.modesAt(n), n, o.runs[i])
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}

	if o.kind.report != nil {
		return writeKindReport(o.out, o.kind, o.counts, o.modesAsked, o.kind.report(env.describe(), results))
	}
	var goBench string
	var goBenchErr error
	if o.goBench {
		fmt.Fprintln(os.Stderr, "Go benchmarks of internal/hoko")
		goBench, goBenchErr = runGoBenchmarks(ctx)
	}
	// The Terraform runs took many minutes: their report is written even
	// when the Go benchmarks fail, and the failure is reported after it.
	report := kindReport(o.kind, env.describe(), renderReport(env.describe(), results, goBench), results)
	if err := writeKindReport(o.out, o.kind, o.counts, o.modesAsked, report); err != nil {
		return err
	}
	return goBenchErr
}

// modesAt is the modes measured at n: every mode asked for, but N resources
// of one link each only up to -link-max.
func (o options) modesAt(n int) []mode {
	var ms []mode
	for _, m := range o.modes {
		if !m.perLink || n <= o.linkMax {
			ms = append(ms, m)
		}
	}
	return ms
}
