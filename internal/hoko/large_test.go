package hoko_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// TestUpsertCollections_HugeDescriptionReachesTheCaller pins issue 13 item
// 4: Hoko documents no length limit, and a 65 MB description used to be
// created but left out of the state because its answer passed the 64 MiB
// cap. A write's answer may now be as large as what was sent, and the
// object can be read back by id.
func TestUpsertCollections_HugeDescriptionReachesTheCaller(t *testing.T) {
	t.Parallel()
	s := newScripted(t, nil)
	huge := strings.Repeat("d", 65<<20)
	client := s.client(t, hoko.Config{})
	got, err := client.Collections().UpsertAll(context.Background(),
		[]hoko.CollectionItem{{Name: hoko.Value("Huge"), Description: hoko.Value(huge)}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Description == nil || len(*got[0].Description) != len(huge) {
		t.Fatal("the written description did not come back whole")
	}
	read, err := client.Collections().Get(context.Background(), got[0].ID)
	if err != nil || read.Description == nil || len(*read.Description) != len(huge) {
		t.Fatalf("read back: %v", err)
	}
}

// TestSend_ErrorsNameThePathWithTheEndpointPrefix pins issue 13 item 11: an
// endpoint served under a path prefix is named with it in errors, so the
// user sees the URL that was really asked.
func TestSend_ErrorsNameThePathWithTheEndpointPrefix(t *testing.T) {
	t.Parallel()
	mock := hokotest.NewServer()
	ts := httptest.NewServer(http.StripPrefix("/hoko", mock))
	t.Cleanup(ts.Close)
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL + "/hoko", APIKey: mock.NewKey(hokotest.ScopeRead)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
		t.Fatalf("listing through the prefix: %v", err)
	}
	_, err = client.Collections().UpsertAll(context.Background(), []hoko.CollectionItem{{Name: hoko.Value("x")}})
	if hoko.StatusCode(err) != http.StatusForbidden || !strings.Contains(err.Error(), "PUT /hoko/api/collections") {
		t.Fatalf("err = %v, want a 403 naming PUT /hoko/api/collections", err)
	}
}
