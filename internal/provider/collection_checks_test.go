package provider

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// Assertions shared by the data source and list resource tests: a Terraform
// value must hold exactly what the mock holds, compared field by field with
// the mock's own record, not with values the provider computed.

// collectionChecks returns one check per attribute of collection c.
func collectionChecks(c hokotest.Collection) map[string]knownvalue.Check {
	var description knownvalue.Check = knownvalue.Null()
	if c.Description != nil {
		description = knownvalue.StringExact(*c.Description)
	}
	return map[string]knownvalue.Check{
		"id":          knownvalue.StringExact(c.ID),
		"name":        knownvalue.StringExact(c.Name),
		"description": description,
		"created_at":  sameInstant(c.CreatedAt),
		"updated_at":  sameInstant(c.UpdatedAt),
	}
}

// expectCollection checks that an object holds exactly collection c.
func expectCollection(c hokotest.Collection) knownvalue.Check {
	return knownvalue.ObjectExact(collectionChecks(c))
}

// expectCollectionState checks that the top-level attributes of the
// hoko_collection data source under test hold collection c.
func expectCollectionState(c hokotest.Collection) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for attr, check := range collectionChecks(c) {
		checks = append(checks, statecheck.ExpectKnownValue(dataCollection, tfjsonpath.New(attr), check))
	}
	return checks
}

// sameInstant checks that a string is an RFC 3339 UTC timestamp of the same
// instant as want.
func sameInstant(want time.Time) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		got, err := time.Parse(time.RFC3339Nano, v)
		switch {
		case err != nil:
			return fmt.Errorf("%q is not an RFC 3339 timestamp: %w", v, err)
		case !strings.HasSuffix(v, "Z"):
			return fmt.Errorf("%q is not in UTC", v)
		case !got.Equal(want):
			return fmt.Errorf("%q is not %s", v, want.UTC().Format(time.RFC3339Nano))
		}
		return nil
	})
}

// getQueries returns the query of every GET the mock received, in order.
func (m *mockHoko) getQueries() []url.Values {
	var out []url.Values
	for _, req := range m.RequestsMatching(http.MethodGet) {
		out = append(out, req.Query)
	}
	return out
}

// checkListingGETs checks that the mock received at least one complete
// listing and nothing else: every GET asks for the API's largest page
// (take=10000) with the given sort ("" for none), and each listing reads
// pages skip=0, 10000, ... up to pages. A listing that stopped early, read a
// page twice or asked for a page past the end shows up as uneven counts.
func (m *mockHoko) checkListingGETs(sort string, pages int) error {
	perSkip := map[string]int{}
	for _, q := range m.getQueries() {
		if q.Has("id") || q.Get("take") != "10000" || q.Get("sort") != sort {
			return fmt.Errorf("GET ?%s: want take=10000 and sort=%q without id", q.Encode(), sort)
		}
		perSkip[q.Get("skip")]++
	}
	listings := perSkip[""]
	if listings == 0 {
		return fmt.Errorf("no listing GET received")
	}
	want := map[string]int{"": listings}
	for page := 1; page < pages; page++ {
		want[fmt.Sprint(page*10000)] = listings
	}
	if fmt.Sprint(perSkip) != fmt.Sprint(want) {
		return fmt.Errorf("GETs per skip = %v, want %v (%d listings of %d pages)", perSkip, want, listings, pages)
	}
	return nil
}
