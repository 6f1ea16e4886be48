package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// How peak provider memory is measured: Terraform starts providers itself,
// so the harness points dev_overrides at a directory whose
// terraform-provider-hoko and terraform-provider-floor are this very
// binary. Started under one of those names, it runs the real provider
// (named by envWrapProvider or envWrapFloor) as its child with the same arguments,
// environment and standard streams (so the go-plugin handshake passes
// through untouched), waits for it, and appends the child's peak resident
// set size, as the kernel accounts it (getrusage's ru_maxrss), its live heap
// and its CPU time (user and system) to the file named by envRusageFile.
// Every provider process Terraform starts during a command is recorded; the
// report shows the largest memory and the CPU time of all of them together.
const (
	envWrapProvider = "HOKOBENCH_WRAP_PROVIDER"
	envWrapFloor    = "HOKOBENCH_WRAP_FLOOR"
	envRusageFile   = "HOKOBENCH_RUSAGE_FILE"
)

// wrappedProvider is the real provider this process stands in for, by the
// name Terraform started it under; ok is false when it is the benchmark
// itself.
func wrappedProvider() (real string, ok bool) {
	if filepath.Base(os.Args[0]) == floorProviderBinary {
		return os.Getenv(envWrapFloor), true
	}
	real = os.Getenv(envWrapProvider)
	return real, real != ""
}

// wrapProvider runs the real provider and records its peak memory and CPU
// time. It returns the provider's exit code.
func wrapProvider(real string) int {
	if real == "" {
		fmt.Fprintf(os.Stderr, "benchmark provider wrapper: started as %s without %s naming the provider to run\n",
			filepath.Base(os.Args[0]), envWrapFloor)
		return 1
	}
	cmd := exec.Command(real, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	cmd.Env = append(os.Environ(), "GODEBUG="+withGCTrace(os.Getenv("GODEBUG")))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchmark provider wrapper:", err)
		return 1
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "benchmark provider wrapper:", err)
		return 1
	}
	live := make(chan int64, 1)
	go func() {
		peak, err := forwardStderr(stderr, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchmark provider wrapper: reading the provider's standard error:", err)
			_, _ = io.Copy(io.Discard, stderr) // never leave the provider blocked on a full pipe
		}
		live <- peak
	}()
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	// The pipe is read to its end before Wait, which closes it.
	peakLive := <-live
	_ = cmd.Wait()
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if err := appendLine(os.Getenv(envRusageFile), fmt.Sprintf("%d %d %d", usage.Maxrss, peakLive, usage.Utime.Nano()+usage.Stime.Nano())); err != nil {
			fmt.Fprintln(os.Stderr, "benchmark provider wrapper:", err)
		}
	}
	return cmd.ProcessState.ExitCode()
}

// appendLine appends one line to path. Lines this short are written whole
// even when several provider processes end at once.
func appendLine(path, line string) error {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line + "\n"); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// providerUsage is what the wrappers recorded for one command.
type providerUsage struct {
	peakRSS   int64         // bytes, the largest of any provider process
	peakLive  int64         // bytes, the largest live heap any collection reported
	cpu       time.Duration // user and system time, all provider processes together
	processes int
}

// readProviderUsage reads the file the wrappers wrote: one line per
// provider process, its peak RSS in KiB, its peak live heap in bytes and its
// CPU time in nanoseconds.
func readProviderUsage(path string) (providerUsage, error) {
	var m providerUsage
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		var kb, live, cpu int64
		if _, err := fmt.Sscanf(line, "%d %d %d", &kb, &live, &cpu); err != nil {
			return providerUsage{}, fmt.Errorf("%s: %q is not a peak RSS in KiB, a live heap in bytes and a CPU time in nanoseconds", path, line)
		}
		m.peakRSS = max(m.peakRSS, kb*1024)
		m.peakLive = max(m.peakLive, live)
		m.cpu += time.Duration(cpu)
		m.processes++
	}
	return m, nil
}
