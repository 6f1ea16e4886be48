package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// mode is one way of managing N objects.
type mode struct {
	// key names the mode on the command line; name in the report.
	key  string
	name string
	// config returns the Terraform configuration for n objects.
	config func(k benchKind, n int) string
	// api reports whether the mode talks to the Hoko API (and so starts the
	// Hoko provider).
	api bool
	// provider reports whether the mode starts a provider process, whose
	// peak memory is measured: the Hoko provider or the plugin floor's.
	provider bool
	// perLink marks the mode of -kind links that declares a resource per
	// link, measured only up to -link-max.
	perLink bool
}

// floorMode is the name of the mode every other is compared with;
// pluginFloorMode adds a plugin that calls no API.
const (
	floorMode       = "terraform_data"
	pluginFloorMode = "plugin floor"
)

// modes are measured in this order for each N.
var modes = []mode{
	{key: "floor", name: floorMode, config: terraformDataConfig},
	{key: "plugin", name: pluginFloorMode, config: pluginFloorConfig, provider: true},
	{key: "on", name: "coalescing on", config: hokoConfig(true), api: true, provider: true},
	{key: "off", name: "coalescing off", config: hokoConfig(false), api: true, provider: true},
}

// namesLocal declares local.names, n names in for_each order. Terraform's
// range() makes at most 1,024 values, so the names are built in blocks of
// 1,000.
func namesLocal(n int) string {
	return fmt.Sprintf("locals {\n  names = toset(flatten([for a in range(%d) : [for b in range(1000) : "+
		"format(\"bench-%%05d\", a * 1000 + b) if a * 1000 + b < %d]]))\n}\n", (n+999)/1000, n)
}

// terraformDataConfig is the floor: the same for_each over Terraform's
// built-in resource, which needs no provider and makes no API call.
func terraformDataConfig(_ benchKind, n int) string {
	return namesLocal(n) + `
resource "terraform_data" "c" {
  for_each = local.names
  input    = each.key
}
`
}

// The plugin floor is the benchmark's own no-API provider (./floor), built
// into the working directory and started by Terraform as
// terraform-provider-floor, a link to this binary, which wraps it.
const (
	floorPackage        = "github.com/hoko/terraform-provider-hoko/internal/benchmark/floor"
	floorProviderBinary = "terraform-provider-floor"
	floorAddress        = "registry.terraform.io/hoko/floor"
)

// pluginFloorConfig is the plugin floor: the same for_each over the floor
// provider's resource of the kind's shape.
func pluginFloorConfig(k benchKind, n int) string {
	return `terraform {
  required_providers {
    floor = { source = "hoko/floor" }
  }
}

` + namesLocal(n) + "\n" + k.floorBlock
}

// hokoConfig returns the configuration of n collections, with coalescing on
// or off. The endpoint and key come from HOKO_ENDPOINT and HOKO_API_KEY.
func hokoConfig(batch bool) func(benchKind, int) string {
	return func(k benchKind, n int) string {
		return fmt.Sprintf(`terraform {
  required_providers {
    hoko = { source = "hoko/hoko" }
  }
}

provider "hoko" {
  batch_requests = %t
}

%s
%s`, batch, namesLocal(n), k.block)
	}
}

// environment is what every measurement shares: the Terraform binary, the
// directory dev_overrides points at, and a root for working directories.
type environment struct {
	opts      options
	terraform string
	overrides string
	floor     string // the plugin floor's binary; empty when no mode needs it
	root      string
	removeAll bool
}

// newEnvironment checks the tools and prepares the override directory.
func newEnvironment(o options) (*environment, error) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return nil, errors.New("terraform is not on PATH; the benchmark runs the real Terraform CLI")
	}
	provider, err := filepath.Abs(o.provider)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(provider); err != nil {
		return nil, fmt.Errorf("provider binary: %w (run make build first)", err)
	}
	o.provider = provider
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}

	e := &environment{opts: o, terraform: tf, root: o.workDir}
	if e.root == "" {
		if e.root, err = os.MkdirTemp("", "hoko-bench-"); err != nil {
			return nil, err
		}
		e.removeAll = true
	} else if err := os.MkdirAll(e.root, 0o755); err != nil {
		return nil, err
	}
	// Terraform runs whatever is called terraform-provider-hoko here: this
	// binary, which wraps the real provider to measure it (rusage.go).
	e.overrides = filepath.Join(e.root, "providers")
	if err := os.MkdirAll(e.overrides, 0o755); err != nil {
		return nil, err
	}
	for _, name := range []string{"terraform-provider-hoko", floorProviderBinary} {
		link := filepath.Join(e.overrides, name)
		_ = os.Remove(link)
		if err := os.Symlink(self, link); err != nil {
			return nil, err
		}
	}
	if slices.ContainsFunc(o.modes, func(m mode) bool { return m.key == "plugin" }) {
		if e.floor, err = buildFloor(e.root); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// buildFloor builds the plugin floor's provider into dir and returns its
// path. It is built, not run from this binary, so that its memory is that of
// a provider of its own, without the harness and the mock.
func buildFloor(dir string) (string, error) {
	bin := filepath.Join(dir, "floor-provider")
	fmt.Fprintln(os.Stderr, "building the plugin floor's provider")
	cmd := exec.Command("go", "build", "-o", bin, floorPackage)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the plugin floor: %w\n%s", err, out)
	}
	return bin, nil
}

// close removes the temporary working directories.
func (e *environment) close() {
	if e.removeAll {
		_ = os.RemoveAll(e.root)
	}
}

// describe says what the measurements ran on, for the report.
func (e *environment) describe() setup {
	s := setup{
		latency:     e.opts.latency,
		parallelism: e.opts.parallelism,
		linkMax:     e.opts.linkMax,
		modes:       e.opts.modesAsked,
		goVersion:   runtime.Version(),
		platform:    runtime.GOOS + "/" + runtime.GOARCH,
		cpus:        runtime.NumCPU(),
		counts:      e.opts.counts,
		runs:        e.opts.runs,
	}
	if out, err := exec.Command(e.terraform, "version").Output(); err == nil {
		s.terraform = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	}
	return s
}

// phase is one Terraform command measured: its name in the report and its
// arguments. Any exit code but 0 fails the measurement (for a plan with
// -detailed-exitcode, 2 means the apply before it left something to do).
type phase struct {
	name string
	args []string
}

// The commands the phases run.
var (
	applyArgs   = []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	planArgs    = []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}
	destroyArgs = []string{"destroy", "-auto-approve", "-input=false", "-no-color"}
)

// phases are the phases of every kind but those with their own, in order.
var phases = []phase{{"apply", applyArgs}, {"plan", planArgs}, {"destroy", destroyArgs}}

// scenario is one mode at one N: its working directory, its own mock
// workspace and the environment Terraform runs with.
type scenario struct {
	mode       mode
	n          int
	dir        string
	env        []string
	mock       *mockServer
	rusageFile string
}

// prepare writes the configuration of n objects in mode m and starts a fresh
// mock for it. The caller closes the scenario.
func (e *environment) prepare(m mode, n int) (*scenario, error) {
	dir := filepath.Join(e.root, fmt.Sprintf("%d-%s", n, m.key))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(m.config(e.opts.kind, n)), 0o644); err != nil {
		return nil, err
	}
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/hoko/hoko\" = %q\n    %q = %q\n  }\n  direct {}\n}\n",
		e.overrides, floorAddress, e.overrides)
	if err := os.WriteFile(filepath.Join(dir, "terraformrc"), []byte(rc), 0o644); err != nil {
		return nil, err
	}
	mock, err := startMock(e.opts.latency)
	if err != nil {
		return nil, err
	}
	s := &scenario{mode: m, n: n, dir: dir, mock: mock, rusageFile: filepath.Join(dir, "rusage")}
	s.env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(dir, "terraformrc"),
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"HOKO_ENDPOINT="+mock.url,
		"HOKO_API_KEY="+mock.key,
		envWrapProvider+"="+e.opts.provider,
		envWrapFloor+"="+e.floor,
		envRusageFile+"="+s.rusageFile,
	)
	return s, nil
}

// close stops the scenario's mock.
func (s *scenario) close() { s.mock.close() }

// measure runs apply, plan and destroy of n objects in every mode, runs
// times, and returns the median of each. The modes take turns phase by
// phase (every mode's apply, then every mode's plan...), so that load from
// elsewhere on a shared machine falls on all of them alike rather than on
// whichever mode ran during a busy minute.
func (e *environment) measure(ctx context.Context, ms []mode, n, runs int) ([]result, error) {
	phases := e.opts.kind.phaseList()
	var scenarios []*scenario
	defer func() {
		for _, s := range scenarios {
			s.close()
		}
	}()
	for _, m := range ms {
		s, err := e.prepare(m, n)
		if err != nil {
			return nil, err
		}
		scenarios = append(scenarios, s)
	}
	var all []result
	for run := 1; run <= runs; run++ {
		for _, p := range phases {
			for _, s := range scenarios {
				r, err := e.runPhase(ctx, s, p.name, p.args)
				if err != nil {
					return nil, fmt.Errorf("%s, terraform %s at N=%d: %w", s.mode.name, p.name, n, err)
				}
				// The report is written only at the end: these lines are the
				// figures of a long run that dies before it.
				fmt.Fprintf(os.Stderr, "N=%-5d run %d %-8s %-15s %8.2fs wall %8.2fs CPU  %s  peak %s  live %s\n",
					n, run, p.name, s.mode.name, r.wall.Seconds(), r.cpu.Seconds(), r.requestSummary(), formatMB(r.peakRSS), formatMB(r.peakLive))
				all = append(all, r)
			}
		}
	}
	var results []result
	for _, p := range phases {
		for _, s := range scenarios {
			results = append(results, medianOf(all, n, s.mode.name, p.name))
		}
	}
	return results, nil
}

// runPhase runs one Terraform command of a scenario and checks the mock
// holds what it should afterwards.
func (e *environment) runPhase(ctx context.Context, s *scenario, phase string, args []string) (result, error) {
	if e.opts.parallelism > 0 {
		args = append(append([]string(nil), args...), "-parallelism="+strconv.Itoa(e.opts.parallelism))
	}
	s.mock.srv.ResetRequests()
	_ = os.Remove(s.rusageFile)
	wall, cpu, err := e.runTerraform(ctx, s.dir, s.env, args, filepath.Join(s.dir, phase+".log"))
	if err != nil {
		return result{}, err
	}
	if err := s.mock.check(s.mode, e.opts.kind, phase, s.n); err != nil {
		return result{}, err
	}
	usage, err := readProviderUsage(s.rusageFile)
	if err != nil {
		return result{}, err
	}
	if s.mode.provider && usage.processes == 0 {
		return result{}, errors.New("no provider process was measured")
	}
	stats := s.mock.srv.Stats()
	return result{
		n: s.n, mode: s.mode.name, phase: phase, wall: wall, cpu: cpu,
		requests: stats.ByMethod, linkRequests: stats.ByKind[hokotest.KindLink],
		peakRSS: usage.peakRSS, peakLive: usage.peakLive, providerCPU: usage.cpu, providerProcesses: usage.processes,
	}, nil
}

// runTerraform runs one command, logging its output to logPath, and returns
// its wall time and the CPU time (user and system) of Terraform and of the
// provider processes it started and waited for, which the kernel adds to
// Terraform's own. Any exit code but 0 is a failure (for plan, 2 means the
// apply left something to change).
func (e *environment) runTerraform(ctx context.Context, dir string, env, args []string, logPath string) (wall, cpu time.Duration, err error) {
	log, err := os.Create(logPath)
	if err != nil {
		return 0, 0, err
	}
	defer log.Close()
	cmd := exec.CommandContext(ctx, e.terraform, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, log, log
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		out, _ := os.ReadFile(logPath)
		return 0, 0, fmt.Errorf("%w; output ends:\n%s", err, tail(out, 2000))
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

// tail returns the last n bytes of b.
func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(bytes.TrimSpace(b))
}

// mockServer is the in-process mock Hoko API one measurement talks to.
type mockServer struct {
	srv  *hokotest.Server
	http *http.Server
	url  string
	key  string
}

// startMock serves a fresh mock workspace on a loopback port. It records no
// request bodies: the benchmark counts requests and needs no bodies.
func startMock(latency time.Duration) (*mockServer, error) {
	srv := hokotest.NewServer()
	srv.SetLatency(latency)
	srv.SetRecordBodies(false)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	m := &mockServer{
		srv:  srv,
		http: &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second},
		url:  "http://" + ln.Addr().String(),
		key:  srv.NewKey(hokotest.AllScopes()...),
	}
	go func() { _ = m.http.Serve(ln) }()
	return m, nil
}

// close stops serving.
func (m *mockServer) close() { _ = m.http.Close() }

// check makes sure the phase did its work: after apply the workspace holds
// the n objects of kind k besides what a new workspace has, after destroy
// only those.
func (m *mockServer) check(md mode, k benchKind, phase string, n int) error {
	if !md.api {
		return nil
	}
	want := k.base
	if phase != "destroy" {
		want += n
	}
	if got := k.live(m.srv); got != want {
		return fmt.Errorf("after %s the mock holds %d of %s, want %d", phase, got, k.resource, want)
	}
	if k.check != nil {
		return k.check(m.srv, phase, n)
	}
	return nil
}
