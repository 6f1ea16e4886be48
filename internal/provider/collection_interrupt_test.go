package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// interruptTerraform sends Ctrl-C (SIGINT) to the apply this test process is
// running, as a user pressing Ctrl-C would. It finds the child in /proc rather
// than through ps, so the test needs nothing beyond Linux, and by the name of
// the CLI the tests run (terraform or tofu). The test that calls it must not
// run in parallel, so that the only such child is its own.
func interruptTerraform() error {
	self, cli := os.Getpid(), testCLIName()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return err
	}
	for _, statPath := range stats {
		stat, err := os.ReadFile(statPath)
		if err != nil {
			continue // the process ended while we looked
		}
		// The command name in parentheses may hold spaces; the fields after
		// its closing parenthesis are the state, then the parent's pid.
		after := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(after) < 2 || after[1] != strconv.Itoa(self) {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join(filepath.Dir(statPath), "cmdline"))
		if err != nil {
			continue
		}
		args := strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
		if filepath.Base(args[0]) != cli || !slices.Contains(args, "apply") {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(filepath.Dir(statPath)))
		if err != nil {
			return err
		}
		proc, err := os.FindProcess(pid)
		if err != nil {
			return err
		}
		return proc.Signal(os.Interrupt)
	}
	return fmt.Errorf("no %s apply is running under process %d", cli, self)
}

// TestAccCollection_InterruptLeavesStateConsistent presses Ctrl-C during an
// apply of 30 collections, while a coalesced create is on its way and the
// mock has already written it (its answer is held back until the provider
// gives up). Terraform must stop promptly (the held answer would otherwise
// never come), and what it leaves behind must agree with the mock: the
// collections written in the interrupted request are in the state, the next
// plan creates exactly those the mock lacks, and applying it converges. It
// cannot run in parallel: it signals its own terraform child.
func TestAccCollection_InterruptLeavesStateConsistent(t *testing.T) {
	const n, prefix = 30, "ctrlc"
	var once sync.Once
	var interruptErr error
	var interrupted bool
	var mu sync.Mutex
	mock := newFrontedMock(t, func(srv *hokotest.Server, _ http.ResponseWriter, r *http.Request, n int) bool {
		mu.Lock()
		hold := r.Method == http.MethodPut && n == 2 && !interrupted
		mu.Unlock()
		if !hold {
			return false
		}
		// The second PUT carries the creates Terraform started while the
		// first was in flight: write them, then press Ctrl-C and keep the
		// answer until the provider hangs up.
		srv.ServeHTTP(httptest.NewRecorder(), r)
		once.Do(func() {
			mu.Lock()
			interrupted = true
			mu.Unlock()
			interruptErr = interruptTerraform()
		})
		<-r.Context().Done()
		return true
	})
	adopted := mock.Seed(prefix+"-000", new("v1 "+prefix+"-000"))
	config := mock.manyConfig(prefix, n, adopted.ID, "v1")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorMatching("execution halted"),
			},
			{
				PreConfig: func() {
					if interruptErr != nil {
						t.Fatalf("could not interrupt terraform: %v", interruptErr)
					}
					t.Logf("after Ctrl-C: the mock holds %d of the %d collections; requests %v", len(mock.Collections())-1, n, mock.Stats().ByMethod)
					if live := len(mock.Collections()); live >= n+1 {
						t.Fatalf("all %d collections exist after the interrupt; the test proves nothing", live-1)
					}
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planMatchesMock{mock}}},
				ConfigStateChecks: []statecheck.StateCheck{
					mock.convergedOnMock(prefix, n, "v1"),
				},
			},
			{
				Config:            config,
				Destroy:           true,
				ConfigStateChecks: []statecheck.StateCheck{onlyLinksLeft(mock)},
			},
		},
	})
}
