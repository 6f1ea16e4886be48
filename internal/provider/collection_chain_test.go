package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// chainLength is how many collections TestAccCollection_ChainNeverWaits
// chains.
const chainLength = 20

// chainConfig declares chainLength collections, each with the id of the one
// before it in its description, so Terraform creates them one after another
// and destroys them in reverse.
func (m *mockHoko) chainConfig() string {
	var b strings.Builder
	for i := range chainLength {
		fmt.Fprintf(&b, "resource \"hoko_collection\" \"c%02d\" {\n  name = \"chain-%02d\"\n", i, i)
		if i > 0 {
			fmt.Fprintf(&b, "  description = \"after ${hoko_collection.c%02d.id}\"\n", i-1)
		}
		b.WriteString("}\n")
	}
	return m.config(b.String())
}

// TestAccCollection_ChainNeverWaits applies and destroys a chain of dependent
// collections with coalescing on and checks, through the provider's
// hoko.Operations, that no round of writes waited at all: with one
// operation at a time inside the provider, each write finds nothing on its
// way and every slot taken, so it goes out at once. A batcher that waited
// for companions (a full house of the ten it once saw, or a quiet spell)
// would count a held round at every step. The check counts, it does not
// time, so a slow machine cannot make it flake.
func TestAccCollection_ChainNeverWaits(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SetLatency(scaleLatency)
	ops := hoko.NewOperations()
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"hoko": func() (tfprotov6.ProviderServer, error) { return newServer(testProviderVersion, ops) },
	}
	noRoundHeld := mockCheck(func() error {
		if held := ops.HeldRounds(); held != 0 {
			return fmt.Errorf("%d rounds of writes waited before they went out; a chain must send each at once", held)
		}
		return nil
	})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.chainConfig(),
				ConfigStateChecks: []statecheck.StateCheck{
					noRoundHeld,
					// One PUT per collection: each went alone, in order.
					mock.expectRequests(map[string]int{http.MethodPut: chainLength}),
					mockCheck(func() error {
						if got := mock.Stats().ByMethod[http.MethodPut]; got != chainLength {
							return fmt.Errorf("the chain sent %d PUTs, want one per collection (%d)", got, chainLength)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:      "hoko_collection.c05",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    mock.chainConfig(),
				Destroy:   true,
				ConfigStateChecks: []statecheck.StateCheck{
					noRoundHeld,
					mockCheck(func() error {
						if got := mock.Stats().ByMethod[http.MethodDelete]; got != chainLength {
							return fmt.Errorf("destroying the chain sent %d DELETEs, want one per collection (%d)", got, chainLength)
						}
						return nil
					}),
				},
			},
		},
	})
}
