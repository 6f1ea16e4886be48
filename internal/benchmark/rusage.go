package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// How peak provider memory is measured: Terraform starts providers itself,
// so the harness points dev_overrides at a directory whose
// terraform-provider-hoko and terraform-provider-floor are this very
// binary. Started under one of those names, it runs the real provider
// (named by envWrapProvider or envWrapFloor) as its child with the same arguments,
// environment and standard streams (so the go-plugin handshake passes
// through untouched), waits for it, and appends the child's peak resident
// set size, as the kernel accounts it (getrusage's ru_maxrss), to the file
// named by envRusageFile. Every provider process Terraform starts during a
// command is recorded; the report shows the largest.
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

// wrapProvider runs the real provider and records its peak memory. It
// returns the provider's exit code.
func wrapProvider(real string) int {
	if real == "" {
		fmt.Fprintf(os.Stderr, "benchmark provider wrapper: started as %s without %s naming the provider to run\n",
			filepath.Base(os.Args[0]), envWrapFloor)
		return 1
	}
	cmd := exec.Command(real, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "benchmark provider wrapper:", err)
		return 1
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait()
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if err := appendLine(os.Getenv(envRusageFile), strconv.FormatInt(usage.Maxrss, 10)); err != nil {
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

// peakRSS reads the file the wrappers wrote and returns the largest peak in
// bytes and how many provider processes were recorded.
func peakRSS(path string) (peak int64, processes int, err error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Fields(string(data)) {
		kb, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %q is not a size in KiB", path, line)
		}
		peak = max(peak, kb*1024)
		processes++
	}
	return peak, processes, nil
}
