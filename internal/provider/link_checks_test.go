package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// Helpers of the link tests: configurations built from attribute maps, the
// link PUT items the mock received, and checks that compare a Terraform
// value with the mock's own record of a link.

const testLink = "hoko_link.test"

// linkAttrs are the attributes of a hoko_link block as HCL expressions by
// name, such as {"url": `"https://example.com"`}.
type linkAttrs map[string]string

// with returns a copy with the given attributes set (or, for an empty
// expression, removed).
func (a linkAttrs) with(kv ...string) linkAttrs {
	out := maps.Clone(a)
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

// linkConfig is the configuration of hoko_link.test with attrs, in a
// stable order.
func (m *mockHoko) linkConfig(attrs linkAttrs, extra ...string) string {
	var b strings.Builder
	b.WriteString("resource \"hoko_link\" \"test\" {\n")
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		fmt.Fprintf(&b, "  %s = %s\n", name, attrs[name])
	}
	b.WriteString("}\n")
	return m.config(b.String() + strings.Join(extra, "\n"))
}

// linkPutItems decodes every item of every link PUT, in order.
func (m *mockHoko) linkPutItems(t *testing.T) []map[string]any {
	t.Helper()
	var items []map[string]any
	for _, req := range m.RequestsFor(hokotest.KindLink, http.MethodPut) {
		var body []map[string]any
		if err := json.Unmarshal(req.Body, &body); err != nil {
			t.Fatalf("link PUT body %s is not an array of objects: %v", req.Body, err)
		}
		items = append(items, body...)
	}
	return items
}

// expectLastLinkPut checks that the last link PUT item is exactly want
// (JSON values: strings, nil for null, map[string]any for utm).
func (m *mockHoko) expectLastLinkPut(t *testing.T, want map[string]any) mockCheck {
	return func() error {
		items := m.linkPutItems(t)
		if len(items) == 0 {
			return fmt.Errorf("the mock received no link PUT, want %v", want)
		}
		if got := items[len(items)-1]; !reflect.DeepEqual(got, want) {
			return fmt.Errorf("last link PUT item =\n  %v\nwant\n  %v", got, want)
		}
		return nil
	}
}

// onlyLink returns the mock's one live link, failing when it holds another
// number.
func (m *mockHoko) onlyLink() (hokotest.Link, error) {
	links := m.Links()
	if len(links) != 1 {
		return hokotest.Link{}, fmt.Errorf("mock holds %d links, want 1", len(links))
	}
	return links[0], nil
}

// stringOrNull checks a value against an optional string of the mock.
func stringOrNull(v *string) knownvalue.Check {
	if v == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*v)
}

// utmChecks checks a utm object against the mock's keys; null when none is
// set.
func utmCheck(u hokotest.UTM) knownvalue.Check {
	if u == (hokotest.UTM{}) {
		return knownvalue.Null()
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"source": stringOrNull(u.Source), "medium": stringOrNull(u.Medium), "campaign": stringOrNull(u.Campaign),
		"term": stringOrNull(u.Term), "content": stringOrNull(u.Content), "referral": stringOrNull(u.Referral),
	})
}

// linkChecks returns one check per attribute of link l as the data sources
// show it, from the mock's record rather than from values the provider
// computed.
func linkChecks(l hokotest.Link) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"id":            knownvalue.StringExact(l.ID),
		"url":           knownvalue.StringExact(l.URL),
		"collection_id": knownvalue.StringExact(l.CollectionID),
		"title":         stringOrNull(l.Title),
		"description":   stringOrNull(l.Description),
		"image":         stringOrNull(l.Image),
		"utm":           utmCheck(l.UTM),
		"external_id":   stringOrNull(l.ExternalID),
		"tenant_id":     stringOrNull(l.TenantID),
		"partner_id":    stringOrNull(l.PartnerID),
		"short_id":      knownvalue.StringExact(l.ShortID),
		"short_url":     knownvalue.StringExact(l.ShortURL()),
		"qr_code_url":   knownvalue.StringExact(l.QRCodeURL()),
		"created_at":    sameInstant(l.CreatedAt),
		"updated_at":    sameInstant(l.UpdatedAt),
	}
}

// expectLink checks that an object holds exactly link l.
func expectLink(l hokotest.Link) knownvalue.Check { return knownvalue.ObjectExact(linkChecks(l)) }

// expectLinkAttributes checks each top-level attribute of address against
// link l; skip names attributes left unchecked.
func expectLinkAttributes(address string, l hokotest.Link, skip ...string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for attr, check := range linkChecks(l) {
		if !slices.Contains(skip, attr) {
			checks = append(checks, statecheck.ExpectKnownValue(address, tfjsonpath.New(attr), check))
		}
	}
	return checks
}

// linkStateMatchesMock checks that hoko_link.test holds exactly what the
// mock's only link holds.
func (m *mockHoko) linkStateMatchesMock() statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		l, err := m.onlyLink()
		if err != nil {
			return err
		}
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Address != testLink {
				continue
			}
			for attr, check := range linkChecks(l) {
				if err := check.CheckValue(r.AttributeValues[attr]); err != nil {
					return fmt.Errorf("%s.%s: %w", testLink, attr, err)
				}
			}
			return nil
		}
		return fmt.Errorf("no %s in state", testLink)
	})
}
