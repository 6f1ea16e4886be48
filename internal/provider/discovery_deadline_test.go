package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// TestListMatching_SlowServerMeetsTheDiscoveryDeadline pins that a data
// source's listing ends at its deadline with a diagnostic that says so,
// rather than waiting on a server that answers slowly without end (issue 13
// item 3). The production deadline is twenty minutes; the mechanism is the
// same at a tenth of a second.
func TestListMatching_SlowServerMeetsTheDiscoveryDeadline(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SetLatency(2 * time.Second)
	client, err := hoko.New(hoko.Config{Endpoint: mock.URL, APIKey: mock.Key})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := boundDiscovery(context.Background(), 100*time.Millisecond)
	defer cancel()
	var diags diag.Diagnostics
	objects := collectionObjects.on(client)
	found := listMatching(ctx, objects, nameQuery(objects, hoko.SortAsc, types.StringNull()),
		func(c hoko.Collection) string { return c.ID }, &diags)
	if found != nil || len(diags) != 1 || diags[0].Summary() != "Hoko Read Timed Out" ||
		!strings.Contains(diags[0].Detail(), "within 100ms") {
		t.Fatalf("found %v, diagnostics %v; want one Hoko Read Timed Out naming the deadline", found, diags)
	}
}

// TestAccCollectionsDataSource_ServerThatIgnoresSkipFails pins issue 13 item
// 3 with real Terraform: a cache that ignores skip sends the first full page
// again and again; the data source fails saying the server keeps repeating
// itself, instead of growing without bound.
func TestAccCollectionsDataSource_ServerThatIgnoresSkipFails(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SeedN(hoko.MaxItemsPerRequest, "many")
	mock.SetQuirks(hokotest.Quirks{IgnoreSkip: true})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      mock.config(`data "hoko_collections" "all" {}`),
			ExpectError: regexp.MustCompile(`keeps repeating itself`),
		}},
	})
}
