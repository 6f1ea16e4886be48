// Command hokomock serves the in-memory Hoko Collections API mock
// (internal/hokotest) on a loopback address, for demos, manual testing with
// Terraform and benchmarks that run the provider out of process.
//
// Once it listens it prints, one per line and ready to be sourced by a shell:
//
//	HOKO_ENDPOINT=http://127.0.0.1:PORT
//	HOKO_API_KEY=<key with collectionsRead and collectionsWrite>
//	HOKO_READ_ONLY_API_KEY=<key with collectionsRead>   (only with -read-only-key)
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
	maxItems        int
	quota           int
	faults          hokotest.Faults
	envFile         string
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
	fs.IntVar(&c.maxItems, "max-items", 0, "plan cap on items per write request (0: 10000)")
	fs.IntVar(&c.quota, "quota", 0, "most live collections the workspace may hold (0: unlimited)")
	fs.Float64Var(&c.faults.FailBeforeWrite, "fail-before", 0, "`probability` of a 500 before anything is applied")
	fs.Float64Var(&c.faults.FailAfterWrite, "fail-after", 0, "`probability` of a 502 after the write was applied")
	fs.Float64Var(&c.faults.DropBeforeWrite, "drop-before", 0, "`probability` of a dropped connection before anything is applied")
	fs.Float64Var(&c.faults.DropAfterWrite, "drop-after", 0, "`probability` of a dropped connection after the write was applied")
	fs.Float64Var(&c.faults.RateLimited, "rate-limited", 0, "`probability` of an injected 429")
	fs.DurationVar(&c.faults.RetryAfter, "retry-after", 0, "retryAfter of injected 429s (default 50ms)")
	fs.Int64Var(&c.faults.Seed, "seed", 1, "seed for fault injection, so runs repeat")
	fs.StringVar(&c.envFile, "env-file", "", "write the HOKO_* lines to this `file` once listening")
	return fs
}

// usage is the help text.
func usage() string {
	var b strings.Builder
	b.WriteString("usage: hokomock [flags]\n\nServes a mock of the Hoko Collections API on a loopback address.\n\n")
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
	if c.seedCollections > 0 {
		srv.SeedN(c.seedCollections, "seed")
	}
	key := c.key
	if key == "" {
		key = srv.NewKey(hokotest.ScopeRead, hokotest.ScopeWrite)
	} else {
		srv.AddKey(key, hokotest.ScopeRead, hokotest.ScopeWrite)
	}
	readOnlyKey := ""
	if c.readOnlyKey.set {
		readOnlyKey = c.readOnlyKey.value
		if readOnlyKey == "" {
			readOnlyKey = srv.NewKey(hokotest.ScopeRead)
		} else {
			srv.AddKey(readOnlyKey, hokotest.ScopeRead)
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
	return fmt.Sprintf("# hokomock: served %d requests%s, injected %d faults, sent %d rate-limited responses\n",
		st.Requests, by, st.FaultsInjected, st.RateLimited)
}
