// Command hokomock serves the in-memory Hoko API mock (internal/hokotest:
// collections, tags, partners and links) on a loopback address, for demos,
// manual testing with Terraform and benchmarks that run the provider out of
// process.
//
// Once it listens it prints, one per line and ready to be sourced by a shell:
//
//	HOKO_ENDPOINT=http://127.0.0.1:PORT
//	HOKO_API_KEY=<key with the read and write scope of every kind>
//	HOKO_READ_ONLY_API_KEY=<key with the read scope of every kind>   (only with -read-only-key)
//
// The -seed-* flags fill the workspace (links go into the Links
// collection), and the quirk flags (-reverse-put, -put-id, -ignore-skip,
// -echo-headers, -commit-late, -get-by-id-other, -slow-400,
// -no-429-wait-hint, -unset-utm,
// -omit-short-links, -omit-unset, limited to some kinds with -quirk-kinds)
// make it misbehave as hokotest.Quirks describes, to see how a client copes.
//
// With -env-file it also writes the same lines to that file, atomically and
// only once it listens, so a Makefile can wait for the file and source it. It
// serves until SIGINT or SIGTERM, then shuts down gracefully, removes the env
// file and prints a closing note as a shell comment (# ...).
//
// Run "hokomock -h" for the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(os.Stderr, usage())
	case err != nil:
		fmt.Fprintln(os.Stderr, "hokomock:", err)
		os.Exit(1)
	}
}

// shutdownTimeout bounds how long in-flight requests may take to finish after
// a signal; a mock has no reason to linger.
const shutdownTimeout = 5 * time.Second

// config is the parsed command line.
type config struct {
	listen          string
	key             string
	readOnlyKey     optionalKey
	latency         time.Duration
	rate            float64
	burst           int
	seedCollections int
	seedTags        int
	seedPartners    int
	seedLinks       int
	maxItems        int
	quota           int
	faults          hokotest.Faults
	quirks          hokotest.Quirks
	envFile         string
}

// enumFlag is a flag whose value is one of a few names.
type enumFlag[T comparable] struct {
	target *T
	names  []string
	values []T
}

// String returns the name of the current value.
func (e enumFlag[T]) String() string {
	if e.target == nil {
		return ""
	}
	for i, v := range e.values {
		if v == *e.target {
			return e.names[i]
		}
	}
	return ""
}

// Set accepts one of the names.
func (e enumFlag[T]) Set(s string) error {
	for i, n := range e.names {
		if n == s {
			*e.target = e.values[i]
			return nil
		}
	}
	return fmt.Errorf("must be one of %s", strings.Join(e.names, ", "))
}

// optionalKey is a flag that works both bare and with a value: "-read-only-key"
// asks for a random read-only key, "-read-only-key=KEY" for a fixed one.
type optionalKey struct {
	set   bool
	value string
}

// String returns the fixed key, if any.
func (k *optionalKey) String() string { return k.value }

// Set records the flag; the flag package passes "true" for the bare form.
func (k *optionalKey) Set(v string) error {
	switch v {
	case "true":
		k.set, k.value = true, ""
	case "false":
		k.set, k.value = false, ""
	default:
		k.set, k.value = true, v
	}
	return nil
}

// IsBoolFlag lets the flag appear without a value.
func (k *optionalKey) IsBoolFlag() bool { return true }

// newFlagSet declares the flags into c. It is shared by parsing and by the
// usage text so the two cannot drift apart.
func newFlagSet(c *config) *flag.FlagSet {
	fs := flag.NewFlagSet("hokomock", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "loopback `address` to listen on (port 0 picks a free port)")
	fs.StringVar(&c.key, "key", "", "fixed API `key` with both scopes (default: a random key)")
	fs.Var(&c.readOnlyKey, "read-only-key", "also print a read-only key; bare for a random one, =KEY for a fixed one")
	fs.DurationVar(&c.latency, "latency", 0, "latency added to every API request")
	fs.Float64Var(&c.rate, "rate", 0, "rate limit in requests per second (0: unlimited)")
	fs.IntVar(&c.burst, "burst", 0, "rate-limit burst (default: the rate rounded up)")
	fs.IntVar(&c.seedCollections, "seed-collections", 0, "`n` extra collections named seed-00001... besides Links")
	fs.IntVar(&c.seedTags, "seed-tags", 0, "`n` slate tags named seed-00001...")
	fs.IntVar(&c.seedPartners, "seed-partners", 0, "`n` partners named seed-00001...")
	fs.IntVar(&c.seedLinks, "seed-links", 0, "`n` links to https://example.com/seed-00001... in the Links collection")
	fs.IntVar(&c.maxItems, "max-items", 0, "plan cap on items per write request (0: 10000)")
	fs.IntVar(&c.quota, "quota", 0, "most live collections the workspace may hold (0: unlimited)")
	fs.Float64Var(&c.faults.FailBeforeWrite, "fail-before", 0, "`probability` of a 500 before anything is applied")
	fs.Float64Var(&c.faults.FailAfterWrite, "fail-after", 0, "`probability` of a 502 after the write was applied")
	fs.Float64Var(&c.faults.DropBeforeWrite, "drop-before", 0, "`probability` of a dropped connection before anything is applied")
	fs.Float64Var(&c.faults.DropAfterWrite, "drop-after", 0, "`probability` of a dropped connection after the write was applied")
	fs.Float64Var(&c.faults.RateLimited, "rate-limited", 0, "`probability` of an injected 429")
	fs.DurationVar(&c.faults.RetryAfter, "retry-after", 0, "retryAfter of injected 429s (default 50ms)")
	fs.Int64Var(&c.faults.Seed, "seed", 1, "seed for fault injection, so runs repeat")
	fs.Func("quirk-kinds", "limit the quirks to these comma-separated `kinds` (collections, tags, partners, links; default all)", func(v string) error {
		c.quirks.Kinds = nil
		for _, name := range strings.Split(v, ",") {
			k := hokotest.Kind(strings.TrimSpace(name))
			if !slices.Contains(hokotest.Kinds(), k) {
				return fmt.Errorf("unknown kind %q; the kinds are collections, tags, partners and links", name)
			}
			c.quirks.Kinds = append(c.quirks.Kinds, k)
		}
		return nil
	})
	fs.BoolVar(&c.quirks.ReversePutOrder, "reverse-put", false, "quirk: answer PUT items in reverse order")
	fs.Var(enumFlag[hokotest.PutIDQuirk]{&c.quirks.PutID, []string{"as-sent", "other", "missing", "empty"},
		[]hokotest.PutIDQuirk{hokotest.PutIDAsSent, hokotest.PutIDOther, hokotest.PutIDMissing, hokotest.PutIDEmpty}},
		"put-id", "quirk: the `form` of one PUT answer item's id: as-sent, other, missing or empty")
	fs.IntVar(&c.quirks.PutIDItem, "put-id-item", 0, "quirk: the input `position` whose PUT answer -put-id changes")
	fs.BoolVar(&c.quirks.IgnoreSkip, "ignore-skip", false, "quirk: ignore skip on GET, so every page is the first")
	fs.BoolVar(&c.quirks.EchoHeaders, "echo-headers", false, "quirk: echo the request headers, Authorization included, in error bodies")
	fs.DurationVar(&c.quirks.CommitLate, "commit-late", 0, "quirk: answer writes 503 and carry them out this much later")
	fs.BoolVar(&c.quirks.GetByIDAnswersOther, "get-by-id-other", false, "quirk: answer GET ?id=X with another object")
	fs.DurationVar(&c.quirks.Slow400, "slow-400", 0, "quirk: wait this long before every 400")
	fs.Var(enumFlag[hokotest.UTMForm]{&c.quirks.UnsetUTM, []string{"null", "empty", "absent", "nulls"},
		[]hokotest.UTMForm{hokotest.UTMNull, hokotest.UTMEmptyObject, hokotest.UTMAbsent, hokotest.UTMObjectOfNulls}},
		"unset-utm", "the `form` of a link's utm with no key set: null, empty ({}), absent or nulls (an object of nulls)")
	fs.BoolVar(&c.quirks.No429WaitHint, "no-429-wait-hint", false, "quirk: send 429s without retryAfter, Retry-After or X-RateLimit-Reset")
	fs.BoolVar(&c.quirks.OmitShortLinks, "omit-short-links", false, "leave shortId, shortUrl and qrCodeUrl out of links")
	fs.BoolVar(&c.quirks.OmitUnset, "omit-unset", false, "leave unset optional members out instead of sending null")
	fs.StringVar(&c.envFile, "env-file", "", "write the HOKO_* lines to this `file` once listening")
	return fs
}

// usage is the help text.
func usage() string {
	var b strings.Builder
	b.WriteString("usage: hokomock [flags]\n\nServes a mock of the Hoko API (collections, tags, partners, links) on a loopback address.\n\n")
	fs := newFlagSet(&config{})
	fs.SetOutput(&b)
	fs.PrintDefaults()
	return b.String()
}

// parseFlags parses and checks the command line.
func parseFlags(args []string) (config, error) {
	var c config
	fs := newFlagSet(&c)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, fmt.Errorf("%w (run hokomock -h for the flags)", err)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q; hokomock takes flags only (write -read-only-key=KEY, with =, for a fixed read-only key)", fs.Arg(0))
	}
	if err := checkLoopback(c.listen); err != nil {
		return c, err
	}
	for _, k := range []string{c.key, c.readOnlyKey.value} {
		if err := checkKey(k); err != nil {
			return c, err
		}
	}
	if c.key != "" && c.key == c.readOnlyKey.value {
		return c, errors.New("-key and -read-only-key must differ")
	}
	probabilities := map[string]float64{
		"-fail-before":  c.faults.FailBeforeWrite,
		"-fail-after":   c.faults.FailAfterWrite,
		"-drop-before":  c.faults.DropBeforeWrite,
		"-drop-after":   c.faults.DropAfterWrite,
		"-rate-limited": c.faults.RateLimited,
	}
	for name, p := range probabilities {
		if !(p >= 0 && p <= 1) {
			return c, fmt.Errorf("%s must be a probability between 0 and 1 (got %v)", name, p)
		}
	}
	switch {
	case c.rate < 0:
		return c, fmt.Errorf("-rate must not be negative (got %v)", c.rate)
	case c.burst < 0:
		return c, fmt.Errorf("-burst must not be negative (got %d)", c.burst)
	case c.seedCollections < 0:
		return c, fmt.Errorf("-seed-collections must not be negative (got %d)", c.seedCollections)
	case c.seedTags < 0:
		return c, fmt.Errorf("-seed-tags must not be negative (got %d)", c.seedTags)
	case c.seedPartners < 0:
		return c, fmt.Errorf("-seed-partners must not be negative (got %d)", c.seedPartners)
	case c.seedLinks < 0:
		return c, fmt.Errorf("-seed-links must not be negative (got %d)", c.seedLinks)
	case c.quirks.CommitLate < 0:
		return c, fmt.Errorf("-commit-late must not be negative (got %v)", c.quirks.CommitLate)
	case c.quirks.Slow400 < 0:
		return c, fmt.Errorf("-slow-400 must not be negative (got %v)", c.quirks.Slow400)
	case c.latency < 0:
		return c, fmt.Errorf("-latency must not be negative (got %v)", c.latency)
	}
	return c, nil
}

// checkLoopback refuses addresses other than loopback ones: the mock has no
// TLS and hands out keys on stdout, so it must not be reachable from the
// network.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-listen %q is not host:port: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-listen %q is not a loopback address; hokomock is a mock without TLS, so it only listens on 127.0.0.1, ::1 or localhost", addr)
}

// checkKey keeps fixed keys to characters that need no quoting in a shell or
// an env file, so the printed lines can be sourced as they are.
func checkKey(k string) error {
	for _, r := range k {
		ok := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_.~+/=:", r)
		if !ok {
			return fmt.Errorf("key %q may only hold letters, digits and -_.~+/=: so that it can be sourced by a shell", k)
		}
	}
	return nil
}

// run serves the mock until ctx is done. It is main without the process
// plumbing, so tests can run it directly.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}

	srv := hokotest.NewServer()
	srv.SetLatency(c.latency)
	srv.SetRateLimit(c.rate, c.burst)
	srv.SetMaxItemsPerWrite(c.maxItems)
	srv.SetQuota(c.quota)
	srv.SetFaults(c.faults)
	srv.SetQuirks(c.quirks)
	seed(srv, c)
	key := c.key
	if key == "" {
		key = srv.NewKey(hokotest.AllScopes()...)
	} else {
		srv.AddKey(key, hokotest.AllScopes()...)
	}
	readOnlyKey := ""
	if c.readOnlyKey.set {
		readOnlyKey = c.readOnlyKey.value
		if readOnlyKey == "" {
			readOnlyKey = srv.NewKey(readScopes()...)
		} else {
			srv.AddKey(readOnlyKey, readScopes()...)
		}
	}

	// A stale env file from an earlier run would let a Makefile that waits
	// for the file start against a mock that is gone.
	if c.envFile != "" {
		if err := os.Remove(c.envFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing stale env file: %w", err)
		}
	}

	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.listen, err)
	}
	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- httpSrv.Serve(ln) }()

	lines := fmt.Sprintf("HOKO_ENDPOINT=http://%s\nHOKO_API_KEY=%s\n", ln.Addr(), key)
	if readOnlyKey != "" {
		lines += fmt.Sprintf("HOKO_READ_ONLY_API_KEY=%s\n", readOnlyKey)
	}
	// The env file comes first, so whoever reads stdout can also rely on it.
	if c.envFile != "" {
		if err := writeFileAtomic(c.envFile, []byte(lines)); err != nil {
			_ = httpSrv.Close()
			return fmt.Errorf("writing env file: %w", err)
		}
		// Leaving the file behind would point the next reader at a dead mock.
		defer func() { _ = os.Remove(c.envFile) }()
	}
	if _, err := io.WriteString(stdout, lines); err != nil {
		_ = httpSrv.Close()
		return fmt.Errorf("writing to stdout: %w", err)
	}

	select {
	case err := <-serveErr:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	_, _ = io.WriteString(stdout, closingNote(srv.Stats()))
	return nil
}

// seed fills the workspace as the -seed-* flags ask.
func seed(srv *hokotest.Server, c config) {
	if c.seedCollections > 0 {
		srv.SeedN(c.seedCollections, "seed")
	}
	if c.seedTags > 0 {
		srv.SeedTags(c.seedTags, "seed")
	}
	if c.seedPartners > 0 {
		srv.SeedPartners(c.seedPartners, "seed")
	}
	if c.seedLinks > 0 {
		// A new workspace always holds Links; nothing has run yet that could
		// have renamed or deleted it.
		links, _ := srv.CollectionByName("Links")
		srv.SeedLinks(c.seedLinks, links.ID, "seed")
	}
}

// readScopes is the read scope of every kind.
func readScopes() []string {
	var out []string
	for _, k := range hokotest.Kinds() {
		out = append(out, k.ReadScope())
	}
	return out
}

// writeFileAtomic writes through a temporary file and a rename, so a reader
// waiting for the file never sees it half written.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hokomock-env-*")
	if err != nil {
		return err
	}
	// After a successful rename there is nothing left to remove, and the
	// error that says so is harmless.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// closingNote summarises what the mock saw, as a shell comment so that output
// captured to a file can still be sourced.
func closingNote(st hokotest.Stats) string {
	by := ""
	if counts := st.MethodCounts(); counts != "" {
		by = " (" + counts + ")"
	}
	var kinds []string
	for _, k := range hokotest.Kinds() {
		if counts := st.MethodCountsFor(k); counts != "" {
			kinds = append(kinds, fmt.Sprintf("%s: %s", k, counts))
		}
	}
	perKind := ""
	if len(kinds) > 0 {
		perKind = "; " + strings.Join(kinds, "; ")
	}
	return fmt.Sprintf("# hokomock: served %d requests%s, injected %d faults, sent %d rate-limited responses%s\n",
		st.Requests, by, st.FaultsInjected, st.RateLimited, perKind)
}
