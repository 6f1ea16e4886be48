package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

const testLinks = "hoko_links.set"

// linksEntries are the entries of hoko_links.set by key, each as the HCL
// expressions of its attributes.
type linksEntries map[string]linkAttrs

// with returns a copy with the entries given set (nil removes one).
func (e linksEntries) with(kv map[string]linkAttrs) linksEntries {
	out := maps.Clone(e)
	for k, v := range kv {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// linksConfig is the configuration of hoko_links.set in collectionID, with
// extra attributes and blocks inside it and after it.
func (m *mockHoko) linksConfig(collectionID string, entries linksEntries, inside string, after ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"hoko_links\" \"set\" {\n  collection_id = %q\n  %s\n  links = {\n", collectionID, inside)
	for _, key := range slices.Sorted(maps.Keys(entries)) {
		fmt.Fprintf(&b, "    %q = {", key)
		attrs := entries[key]
		for _, name := range slices.Sorted(maps.Keys(attrs)) {
			fmt.Fprintf(&b, " %s = %s,", name, attrs[name])
		}
		b.WriteString(" }\n")
	}
	b.WriteString("  }\n}\n")
	return m.config(b.String() + strings.Join(after, "\n"))
}

// bulkEntries are n entries e0000... with an external id equal to the key,
// a title, and utm values on every third.
func bulkEntries(n int, title string) linksEntries {
	entries := linksEntries{}
	for i := range n {
		key := fmt.Sprintf("e%04d", i)
		attrs := linkAttrs{"url": fmt.Sprintf(`"https://example.com/%s"`, key), "external_id": fmt.Sprintf("%q", key),
			"title": fmt.Sprintf("%q", title)}
		if i%3 == 0 {
			attrs["utm"] = fmt.Sprintf(`{ source = "bulk", medium = "m%d" }`, i%7)
		}
		entries[key] = attrs
	}
	return entries
}

// stateEntries reads hoko_links.set's entries from a state.
func stateEntries(req statecheck.CheckStateRequest) (map[string]map[string]any, error) {
	if req.State == nil || req.State.Values == nil {
		return nil, fmt.Errorf("no state")
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != testLinks {
			continue
		}
		raw, _ := r.AttributeValues["links"].(map[string]any)
		entries := make(map[string]map[string]any, len(raw))
		for k, v := range raw {
			entries[k], _ = v.(map[string]any)
		}
		return entries, nil
	}
	return nil, fmt.Errorf("%s is not in the state", testLinks)
}

// setMatchesMock checks that hoko_links.set holds exactly want entries and
// that each is the mock's link of that id in collectionID, field by field;
// and that the collection holds no other link but the foreign ids given. A
// create sent twice shows as a link no entry knows.
func (m *mockHoko) setMatchesMock(collectionID string, want int, foreign ...string) statecheck.StateCheck {
	return m.setMatchesMockIn(func() string { return collectionID }, want, foreign...)
}

// setMatchesMockIn is setMatchesMock for a collection known only once the
// check runs.
func (m *mockHoko) setMatchesMockIn(collection func() string, want int, foreign ...string) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		collectionID := collection()
		entries, err := stateEntries(req)
		if err != nil {
			return err
		}
		if len(entries) != want {
			return fmt.Errorf("state holds %d entries, want %d", len(entries), want)
		}
		ids := map[string]string{}
		for key, e := range entries {
			id, _ := e["id"].(string)
			if other, dup := ids[id]; dup {
				return fmt.Errorf("entries %q and %q hold the same link %s", other, key, id)
			}
			ids[id] = key
			l, ok := m.Link(id)
			if !ok {
				return fmt.Errorf("entry %q: link %s is not live on the mock", key, id)
			}
			if err := entryIsLink(e, l, collectionID); err != nil {
				return fmt.Errorf("entry %q: %w", key, err)
			}
		}
		for _, l := range m.Links() {
			if l.CollectionID != collectionID || slices.Contains(foreign, l.ID) {
				continue
			}
			if _, ok := ids[l.ID]; !ok {
				return fmt.Errorf("mock holds link %s (%s) in the collection, which no entry knows: a duplicate", l.ID, l.URL)
			}
		}
		for _, id := range foreign {
			if _, ok := m.Link(id); !ok {
				return fmt.Errorf("foreign link %s is gone from the mock", id)
			}
		}
		return nil
	})
}

// entryIsLink compares a state entry with the mock's link.
func entryIsLink(e map[string]any, l hokotest.Link, collectionID string) error {
	str := func(p *string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	got := map[string]any{"url": e["url"], "title": e["title"], "description": e["description"], "image": e["image"],
		"external_id": e["external_id"], "tenant_id": e["tenant_id"], "partner_id": e["partner_id"],
		"short_id": e["short_id"], "collection": collectionID}
	want := map[string]any{"url": l.URL, "title": str(l.Title), "description": str(l.Description), "image": str(l.Image),
		"external_id": str(l.ExternalID), "tenant_id": str(l.TenantID), "partner_id": str(l.PartnerID),
		"short_id": l.ShortID, "collection": l.CollectionID}
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("state %v, mock %v", got, want)
	}
	utm, _ := e["utm"].(map[string]any)
	mockUTM := map[string]*string{"source": l.UTM.Source, "medium": l.UTM.Medium, "campaign": l.UTM.Campaign,
		"term": l.UTM.Term, "content": l.UTM.Content, "referral": l.UTM.Referral}
	for k, v := range mockUTM {
		if !reflect.DeepEqual(utm[k], str(v)) {
			return fmt.Errorf("utm %s is %v in state, %v on the mock", k, utm[k], str(v))
		}
	}
	return nil
}

// importLinksStep imports hoko_links.set by the collection id in its
// state. An import keys an entry by its link's external id, or by its id
// when it has none (or another entry took it), so keys differ from the
// configuration's and ImportStateVerify cannot compare links key by key.
// The step checks them by link id instead: the imported entries are
// exactly the mock's links of that collection, each keyed by the rule,
// and each equals the state's entry of the same link attribute by
// attribute. The entries' keys must hold no dot.
func (m *mockHoko) importLinksStep() resource.TestStep {
	var collectionID string
	var before map[string]map[string]string
	return resource.TestStep{
		ResourceName:      testLinks,
		ImportState:       true,
		ImportStateVerify: true,
		ImportStateIdFunc: func(s *terraform.State) (string, error) {
			r, ok := s.RootModule().Resources[testLinks]
			if !ok || r.Primary == nil {
				return "", fmt.Errorf("%s is not in the state", testLinks)
			}
			collectionID, before = r.Primary.Attributes["collection_id"], flatEntries(r.Primary.Attributes)
			return collectionID, nil
		},
		ImportStateVerifyIdentifierAttribute: "collection_id",
		ImportStateVerifyIgnore:              []string{"links"},
		ImportStateCheck: func(states []*terraform.InstanceState) error {
			if len(states) != 1 {
				return fmt.Errorf("import made %d resources, want one %s", len(states), testLinks)
			}
			imported := flatEntries(states[0].Attributes)
			byID := map[string]map[string]string{}
			for _, e := range before {
				byID[e["id"]] = e
			}
			live := map[string]bool{}
			for _, l := range m.Links() {
				if l.CollectionID == collectionID {
					live[l.ID] = true
				}
			}
			if len(imported) != len(live) || len(imported) != len(before) {
				return fmt.Errorf("import adopted %d entries; the mock holds %d links in collection %s and the state %d entries",
					len(imported), len(live), collectionID, len(before))
			}
			seen := map[string]string{}
			for key, e := range imported {
				id, external := e["id"], e["external_id"]
				if other, dup := seen[id]; dup {
					return fmt.Errorf("imported entries %q and %q hold the same link %s", other, key, id)
				}
				seen[id] = key
				switch {
				case !live[id]:
					return fmt.Errorf("imported entry %q is link %s, which the mock does not hold in collection %s", key, id, collectionID)
				case external == "" && key != id:
					return fmt.Errorf("imported entry %q has no external id but is not keyed by its id %s", key, id)
				case external != "" && key != external && (key != id || imported[external] == nil):
					return fmt.Errorf("imported entry %q is not keyed by its external id %q", key, external)
				case byID[id] == nil:
					return fmt.Errorf("imported entry %q is link %s, which no entry of the state holds", key, id)
				case !maps.Equal(e, byID[id]):
					return fmt.Errorf("imported entry %q differs from the state's entry of link %s:\n  state  %v\n  import %v", key, id, byID[id], e)
				}
			}
			return nil
		},
	}
}

// flatEntries splits the flatmapped attributes of a hoko_links state into
// its entries by key, each with its own attributes ("url", "utm.source"
// and so on). A key must hold no dot.
func flatEntries(attrs map[string]string) map[string]map[string]string {
	entries := map[string]map[string]string{}
	for name, value := range attrs {
		rest, inLinks := strings.CutPrefix(name, "links.")
		key, attr, inEntry := strings.Cut(rest, ".")
		if !inLinks || !inEntry {
			continue // another attribute, or the count links.%
		}
		if entries[key] == nil {
			entries[key] = map[string]string{}
		}
		entries[key][attr] = value
	}
	return entries
}

// linkRequests decodes the bodies of the link requests of method since the
// last reset.
func (m *mockHoko) linkRequests(t *testing.T, method string) [][]any {
	t.Helper()
	var bodies [][]any
	for _, req := range m.RequestsFor(hokotest.KindLink, method) {
		var body []any
		if err := json.Unmarshal(req.Body, &body); err != nil {
			t.Fatalf("link %s body %s is not an array: %v", method, req.Body, err)
		}
		bodies = append(bodies, body)
	}
	return bodies
}

// expectLinkWrites checks the link PUTs and DELETEs since the last reset:
// the PUT items (in any order) and the deleted ids, each in requests of at
// most the default max_batch_size items, as few as that allows.
func (m *mockHoko) expectLinkWrites(t *testing.T, puts []map[string]any, deletes []string) mockCheck {
	maxBatch := m.batchSize()
	return func() error {
		var gotPuts []map[string]any
		for _, body := range m.linkRequests(t, http.MethodPut) {
			if len(body) > maxBatch {
				return fmt.Errorf("a PUT carries %d items, more than max_batch_size %d", len(body), maxBatch)
			}
			for _, item := range body {
				obj, _ := item.(map[string]any)
				gotPuts = append(gotPuts, obj)
			}
		}
		if err := sameItems(gotPuts, puts); err != nil {
			return fmt.Errorf("PUT items: %w", err)
		}
		var gotDeletes []string
		for _, body := range m.linkRequests(t, http.MethodDelete) {
			for _, id := range body {
				s, _ := id.(string)
				gotDeletes = append(gotDeletes, s)
			}
		}
		sort.Strings(gotDeletes)
		deletes = slices.Sorted(slices.Values(deletes))
		if !slices.Equal(gotDeletes, deletes) {
			return fmt.Errorf("DELETEd ids %v, want %v", gotDeletes, deletes)
		}
		for method, n := range map[string]int{http.MethodPut: len(puts), http.MethodDelete: len(deletes)} {
			want := (n + maxBatch - 1) / maxBatch
			if got := len(m.RequestsFor(hokotest.KindLink, method)); got != want {
				return fmt.Errorf("%d link %ss for %d items, want %d", got, method, n, want)
			}
		}
		return nil
	}
}

// sameItems compares two lists of JSON objects in any order.
func sameItems(got, want []map[string]any) error {
	key := func(v map[string]any) string { b, _ := json.Marshal(v); return string(b) }
	g, w := make([]string, len(got)), make([]string, len(want))
	for i, v := range got {
		g[i] = key(v)
	}
	for i, v := range want {
		w[i] = key(v)
	}
	sort.Strings(g)
	sort.Strings(w)
	if !slices.Equal(g, w) {
		return fmt.Errorf("got %d items\n  %s\nwant %d\n  %s", len(g), strings.Join(g, "\n  "), len(w), strings.Join(w, "\n  "))
	}
	return nil
}

// linkIDByExternalID is the mock's id of the link with that external id,
// looked up when a check runs.
func (m *mockHoko) linkIDByExternalID(externalID string) string {
	l, _ := m.LinkByExternalID(externalID)
	return l.ID
}

// updateItem is the PUT item that updates a link to the given fields, every
// other one null (utm keys included when utm is given).
func updateItem(id, collectionID string, fields map[string]any) map[string]any {
	item := map[string]any{"id": id, "collectionId": collectionID, "title": nil, "description": nil, "image": nil,
		"externalId": nil, "tenantId": nil, "partnerId": nil, "utm": nil}
	for k, v := range fields {
		item[k] = v
	}
	if utm, ok := item["utm"].(map[string]any); ok {
		full := map[string]any{"source": nil, "medium": nil, "campaign": nil, "term": nil, "content": nil, "referral": nil}
		maps.Copy(full, utm)
		item["utm"] = full
	}
	return item
}

// entryPath is the path of an attribute of an entry.
func entryPath(key, attr string) tfjsonpath.Path {
	return tfjsonpath.New("links").AtMapKey(key).AtMapKey(attr)
}

// TestAccLinks_ManyEntries creates 1,000 entries in requests of at most
// 250 (max_batch_size), then changes, adds and removes a few and clears
// one utm key of one entry, then lets one link change and another vanish
// out of band. Each apply must send exactly the entries that changed,
// split only at max_batch_size, and the state must be the mock's; after
// the last apply the plan must be empty, which terraform-plugin-testing
// checks after every step (a plan without and one with a refresh).
//
// Most of its time is Terraform's own: a plan of 2,000 entries costs the
// CLI about 3.5 s of CPU here, and each step runs three plans and an apply,
// so 1,000 entries keep it within make test's budget while still splitting
// every write into several requests. The provider's share is small because
// it serves hoko_links itself (links_server.go); through the framework the
// same test took 14 minutes under the race detector at 2,000 entries.
func TestAccLinks_ManyEntries(t *testing.T) {
	t.Parallel()
	const n = 1000
	w := newLinkWorkspace(t)
	w.setMaxBatchSize(250)
	coll := w.spring.ID
	v1 := bulkEntries(n, "v1")
	var creates []map[string]any
	for i := range n {
		key := fmt.Sprintf("e%04d", i)
		item := map[string]any{"url": "https://example.com/" + key, "collectionId": coll, "externalId": key, "title": "v1"}
		if i%3 == 0 {
			item["utm"] = map[string]any{"source": "bulk", "medium": fmt.Sprintf("m%d", i%7)}
		}
		creates = append(creates, item)
	}
	// e0001 and e0002 change, e0003 loses its utm medium, e0004 and e0005
	// leave, x-new-1 and x-new-2 arrive.
	v2 := v1.with(map[string]linkAttrs{
		"e0001":   v1["e0001"].with("title", `"v2"`),
		"e0002":   v1["e0002"].with("url", `"https://example.com/moved"`, "tenant_id", `"acme"`),
		"e0003":   v1["e0003"].with("utm", `{ source = "bulk" }`),
		"e0004":   nil,
		"e0005":   nil,
		"x-new-1": {"url": `"https://example.com/new-1"`},
		"x-new-2": {"url": `"https://example.com/new-2"`, "title": `"fresh"`},
	})
	removed := map[string]string{}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameUpdatedAt := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{
				Config: w.linksConfig(coll, v1, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLinks, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, n),
					w.expectLinkWrites(t, creates, nil),
					sameID.AddStateValue(testLinks, entryPath("e0001", "id")),
					sameUpdatedAt.AddStateValue(testLinks, entryPath("e0006", "updated_at")),
				},
			},
			{
				PreConfig: func() {
					for _, key := range []string{"e0004", "e0005"} {
						removed[key] = w.linkIDByExternalID(key)
					}
					w.ResetRequests()
				},
				Config: w.linksConfig(coll, v2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLinks, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(testLinks, entryPath("e0001", "updated_at")),
					plancheck.ExpectUnknownValue(testLinks, entryPath("x-new-1", "id")),
					plancheck.ExpectKnownValue(testLinks, entryPath("e0001", "id"), knownvalue.StringRegexp(uuidRegexp)),
					plancheck.ExpectKnownValue(testLinks, entryPath("e0006", "updated_at"), knownvalue.NotNull()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, n),
					sameID.AddStateValue(testLinks, entryPath("e0001", "id")),
					sameUpdatedAt.AddStateValue(testLinks, entryPath("e0006", "updated_at")),
					statecheck.ExpectKnownValue(testLinks, entryPath("e0003", "utm"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"source": knownvalue.StringExact("bulk"), "medium": knownvalue.Null(), "campaign": knownvalue.Null(),
						"term": knownvalue.Null(), "content": knownvalue.Null(), "referral": knownvalue.Null(),
					})),
					mockCheck(func() error {
						return w.expectLinkWrites(t, []map[string]any{
							updateItem(w.linkIDByExternalID("e0001"), coll, map[string]any{"url": "https://example.com/e0001", "externalId": "e0001", "title": "v2"}),
							updateItem(w.linkIDByExternalID("e0002"), coll, map[string]any{"url": "https://example.com/moved", "externalId": "e0002", "title": "v1", "tenantId": "acme"}),
							updateItem(w.linkIDByExternalID("e0003"), coll, map[string]any{"url": "https://example.com/e0003", "externalId": "e0003", "title": "v1",
								"utm": map[string]any{"source": "bulk"}}),
							{"url": "https://example.com/new-1", "collectionId": coll},
							{"url": "https://example.com/new-2", "collectionId": coll, "title": "fresh"},
						}, []string{removed["e0004"], removed["e0005"]})()
					}),
				},
			},
			{
				// Drift: e0010 is retitled and e0011 deleted out of band.
				PreConfig: func() {
					w.SetField(hokotest.KindLink, w.linkIDByExternalID("e0010"), "title", new("changed elsewhere"))
					removed["e0011"] = w.linkIDByExternalID("e0011")
					w.Delete(hokotest.KindLink, removed["e0011"])
					w.ResetRequests()
				},
				Config: w.linksConfig(coll, v2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLinks, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(testLinks, entryPath("e0011", "id")),
					plancheck.ExpectUnknownValue(testLinks, entryPath("e0010", "updated_at")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, n),
					mockCheck(func() error {
						if got := len(w.RequestsFor(hokotest.KindLink, http.MethodGet)); got != 1 {
							return fmt.Errorf("the refresh of %d links took %d link GETs, want 1 listing", n, got)
						}
						return w.expectLinkWrites(t, []map[string]any{
							updateItem(w.linkIDByExternalID("e0010"), coll, map[string]any{"url": "https://example.com/e0010", "externalId": "e0010", "title": "v1"}),
							{"url": "https://example.com/e0011", "collectionId": coll, "externalId": "e0011", "title": "v1"},
						}, nil)()
					}),
				},
			},
			w.importLinksStep(),
		},
	})
}

// onlyForeignLeft is a CheckDestroy: the mock holds exactly the foreign
// links given, unchanged since before (same updatedAt).
func (m *mockHoko) onlyForeignLeft(foreign ...hokotest.Link) func(*terraform.State) error {
	return func(*terraform.State) error {
		live := m.Links()
		if len(live) != len(foreign) {
			return fmt.Errorf("after destroy the mock holds %d links, want only the %d foreign ones", len(live), len(foreign))
		}
		for _, f := range foreign {
			l, ok := m.Link(f.ID)
			if !ok || !l.UpdatedAt.Equal(f.UpdatedAt) {
				return fmt.Errorf("foreign link %s was deleted or written (%+v)", f.ID, l)
			}
		}
		return nil
	}
}

func TestAccLinks_ImportByCollectionPlansNothing(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	coll := w.spring.ID
	w.SeedLink(hokotest.Link{URL: "https://example.com/1", CollectionID: coll, ExternalID: new("crm-1"), Title: new("One"),
		UTM: hokotest.UTM{Source: new("news"), Campaign: new("spring")}})
	w.SeedLink(hokotest.Link{URL: "https://example.com/2", CollectionID: coll, ExternalID: new("crm-2"), TenantID: new("acme"),
		PartnerID: &w.acme.ID})
	bare := w.SeedLink(hokotest.Link{URL: "https://example.com/3", CollectionID: coll})
	w.SeedLink(hokotest.Link{URL: "https://example.com/other", CollectionID: w.autumn.ID, ExternalID: new("crm-9")})
	entries := linksEntries{
		"crm-1": {"url": `"https://example.com/1"`, "external_id": `"crm-1"`, "title": `"One"`,
			"utm": `{ source = "news", campaign = "spring" }`},
		"crm-2": {"url": `"https://example.com/2"`, "external_id": `"crm-2"`, "tenant_id": `"acme"`,
			"partner_id": fmt.Sprintf("%q", w.acme.ID)},
		bare.ID: {"url": `"https://example.com/3"`},
	}
	importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", testLinks, coll)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.linksConfig(coll, entries, "", importBlock),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLinks, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, 3),
					statecheck.ExpectKnownValue(testLinks, entryPath(bare.ID, "id"), knownvalue.StringExact(bare.ID)),
					mockCheck(func() error {
						if n := len(w.RequestsMatching(http.MethodPut)) + len(w.RequestsMatching(http.MethodDelete)); n != 0 {
							return fmt.Errorf("importing wrote %d times, want never", n)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:                         testLinks,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return coll, nil },
				ImportStateVerifyIdentifierAttribute: "collection_id",
			},
		},
	})
}

func TestAccLinks_ForeignLinksLeftAlone(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	coll := w.spring.ID
	foreign := []hokotest.Link{
		w.SeedLink(hokotest.Link{URL: "https://example.com/foreign", CollectionID: coll, ExternalID: new("theirs")}),
		w.SeedLink(hokotest.Link{URL: "https://example.com/a", CollectionID: coll}),
	}
	foreignIDs := []string{foreign[0].ID, foreign[1].ID}
	v1 := linksEntries{"a": {"url": `"https://example.com/a"`}, "b": {"url": `"https://example.com/b"`}, "c": {"url": `"https://example.com/c"`}}
	v2 := v1.with(map[string]linkAttrs{"b": nil, "c": {"url": `"https://example.com/c"`, "title": `"C"`}})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.onlyForeignLeft(foreign...),
		Steps: []resource.TestStep{
			{
				Config:            w.linksConfig(coll, v1, ""),
				ConfigStateChecks: []statecheck.StateCheck{w.setMatchesMock(coll, 3, foreignIDs...)},
			},
			{
				PreConfig:         w.ResetRequests,
				Config:            w.linksConfig(coll, v2, ""),
				ConfigStateChecks: []statecheck.StateCheck{w.setMatchesMock(coll, 2, foreignIDs...), w.untouched(foreignIDs)},
			},
			{
				// Import adopts every link of the collection, foreign ones too.
				ResourceName:      testLinks,
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return coll, nil },
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["links.%"]; got != "4" {
						return fmt.Errorf("import adopted %s links, want the 2 managed and the 2 foreign", got)
					}
					if states[0].Attributes["links.theirs.id"] != foreign[0].ID {
						return fmt.Errorf("the foreign link with external id theirs is not keyed by it: %v", states[0].Attributes)
					}
					return nil
				},
			},
		},
	})
}

// untouched checks that no link request since the last reset named ids.
func (m *mockHoko) untouched(ids []string) mockCheck {
	return func() error {
		for _, method := range []string{http.MethodPut, http.MethodDelete} {
			for _, req := range m.RequestsFor(hokotest.KindLink, method) {
				for _, id := range ids {
					if strings.Contains(string(req.Body), id) {
						return fmt.Errorf("a %s sent foreign link %s: %s", method, id, req.Body)
					}
				}
			}
		}
		return nil
	}
}

func TestAccLinks_InvalidEntriesNameTheirKey(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	coll := w.spring.ID
	for name, c := range map[string]struct {
		entries linksEntries
		want    []string
	}{
		"bad url": {linksEntries{"home": {"url": `"ftp://example.com"`}, "ok": {"url": `"https://example.com"`}},
			[]string{"Invalid URL", `links["home"].url`, "must start with https://"}},
		"bad image": {linksEntries{"promo": {"url": `"https://example.com"`, "image": `"example.com/x.png"`}},
			[]string{"Invalid URL", `links["promo"].image`}},
		"shared external id": {linksEntries{
			"a": {"url": `"https://example.com/a"`, "external_id": `"crm-1"`},
			"b": {"url": `"https://example.com/b"`, "external_id": `"crm-1"`},
		}, []string{"Duplicate External ID", `The entries "a" and "b" of links both have external_id "crm-1"`}},
		"shared id": {linksEntries{
			"a": {"url": `"https://example.com/a"`, "id": `"550e8400-e29b-41d4-a716-446655440000"`},
			"b": {"url": `"https://example.com/b"`, "id": `"550e8400-e29b-41d4-a716-446655440000"`},
		}, []string{"Duplicate Link ID", `The entries "a" and "b" of links both set id`}},
		"malformed id": {linksEntries{"x": {"url": `"https://example.com/a"`, "id": `"nope"`}},
			[]string{`links["x"].id`, "must be a link id"}},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      w.linksConfig(coll, c.entries, ""),
					PlanOnly:    true,
					ExpectError: errorMatching(c.want...),
				}},
			})
		})
	}
	if n := len(w.RequestsFor(hokotest.KindLink, "")); n != 0 {
		t.Errorf("the mock received %d link requests, want none: validation happens at plan time", n)
	}
}

// TestAccLinks_MovesKeepTheLink renames keys, moves a link from a hoko_link
// into the set and from the set to a hoko_link, and moves the whole set to
// another collection: no link is ever deleted or created again, and each
// keeps its id.
func TestAccLinks_MovesKeepTheLink(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	coll := w.spring.ID
	single := w.SeedLink(hokotest.Link{URL: "https://example.com/single", CollectionID: coll, Title: new("Single")})
	kept := w.SeedLink(hokotest.Link{URL: "https://example.com/kept", CollectionID: coll})
	singleAttrs := linkAttrs{"url": `"https://example.com/single"`, "title": `"Single"`}
	singleLink := fmt.Sprintf("resource \"hoko_link\" \"single\" {\n  collection_id = %q\n  url = \"https://example.com/single\"\n  title = \"Single\"\n}\n", coll)
	importSingle := fmt.Sprintf("import {\n  to = hoko_link.single\n  id = %q\n}\n", single.ID)
	v1 := linksEntries{
		"a":    {"url": `"https://example.com/a"`},
		"b":    {"url": `"https://example.com/b"`, "external_id": `"crm-b"`},
		"kept": {"url": `"https://example.com/kept"`, "id": fmt.Sprintf("%q", kept.ID)},
	}
	// a becomes a2 unchanged; b becomes b2 with a new title.
	renamed := linksEntries{
		"a2":   v1["a"],
		"b2":   v1["b"].with("title", `"B"`),
		"kept": v1["kept"],
	}
	withSingle := renamed.with(map[string]linkAttrs{"single": singleAttrs.with("id", fmt.Sprintf("%q", single.ID))})
	sameA, sameB := statecheck.CompareValue(compare.ValuesSame()), statecheck.CompareValue(compare.ValuesSame())
	sameSingle := statecheck.CompareValue(compare.ValuesSame())
	noDeletes := mockCheck(func() error {
		if n := len(w.RequestsFor(hokotest.KindLink, http.MethodDelete)); n != 0 {
			return fmt.Errorf("the mock received %d link DELETEs, want none", n)
		}
		return nil
	})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{
				// A link adopted by id, next to a hoko_link imported.
				Config: w.linksConfig(coll, v1, "", singleLink, importSingle),
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, 3, single.ID),
					statecheck.ExpectKnownValue(testLinks, entryPath("kept", "id"), knownvalue.StringExact(kept.ID)),
					statecheck.ExpectKnownValue("hoko_link.single", tfjsonpath.New("id"), knownvalue.StringExact(single.ID)),
					sameA.AddStateValue(testLinks, entryPath("a", "id")),
					sameB.AddStateValue(testLinks, entryPath("b", "id")),
					sameSingle.AddStateValue("hoko_link.single", tfjsonpath.New("id")),
				},
			},
			{
				PreConfig: w.ResetRequests,
				Config:    w.linksConfig(coll, renamed, "", singleLink),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLinks, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(testLinks, entryPath("a2", "id"), knownvalue.StringRegexp(uuidRegexp)),
					plancheck.ExpectKnownValue(testLinks, entryPath("a2", "updated_at"), knownvalue.NotNull()),
					plancheck.ExpectUnknownValue(testLinks, entryPath("b2", "updated_at")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, 3, single.ID),
					sameA.AddStateValue(testLinks, entryPath("a2", "id")),
					sameB.AddStateValue(testLinks, entryPath("b2", "id")),
					noDeletes,
					mockCheck(func() error {
						return w.expectLinkWrites(t, []map[string]any{updateItem(w.linkIDByExternalID("crm-b"), coll,
							map[string]any{"url": "https://example.com/b", "externalId": "crm-b", "title": "B"})}, nil)()
					}),
				},
			},
			{
				// hoko_link -> hoko_links: forget the resource, adopt its link by id.
				PreConfig: w.ResetRequests,
				Config: w.linksConfig(coll, withSingle, "",
					"removed {\n  from = hoko_link.single\n  lifecycle {\n    destroy = false\n  }\n}\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, 4),
					sameSingle.AddStateValue(testLinks, entryPath("single", "id")),
					noDeletes,
				},
			},
			{
				// hoko_links -> hoko_link: let go of the entry, import it.
				PreConfig: w.ResetRequests,
				Config:    w.linksConfig(coll, renamed, "forget_removed = true", singleLink, importSingle),
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, 3, single.ID),
					sameSingle.AddStateValue("hoko_link.single", tfjsonpath.New("id")),
					noDeletes,
					mockCheck(func() error {
						if n := len(w.RequestsFor(hokotest.KindLink, http.MethodPut)); n != 0 {
							return fmt.Errorf("the mock received %d link PUTs, want none", n)
						}
						return nil
					}),
				},
			},
			{
				// The whole set moves to another collection in place.
				PreConfig: w.ResetRequests,
				Config:    w.linksConfig(w.autumn.ID, renamed, "forget_removed = true", singleLink),
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(w.autumn.ID, 3),
					sameA.AddStateValue(testLinks, entryPath("a2", "id")),
					sameB.AddStateValue(testLinks, entryPath("b2", "id")),
					noDeletes,
				},
			},
			{
				ResourceName:                         testLinks,
				ImportState:                          true,
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return w.autumn.ID, nil },
				ImportStateVerifyIdentifierAttribute: "collection_id",
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["links.%"]; got != "3" {
						return fmt.Errorf("import adopted %s links of autumn, want 3", got)
					}
					return nil
				},
			},
		},
	})
}

// TestAccLinks_ConvergeUnderFaults creates 200 entries (60 identical in
// every field, without external ids) in requests of at most 10, updates
// them all, imports them and destroys them, under the collection tests'
// fault mix: the state must be the mock's, with no duplicate.
func TestAccLinks_ConvergeUnderFaults(t *testing.T) {
	t.Parallel()
	const n = 200
	w := newLinkWorkspace(t)
	w.setMaxBatchSize(10)
	coll := w.spring.ID
	entries := func(title string) linksEntries {
		e := linksEntries{}
		for i := range n {
			url := fmt.Sprintf(`"https://example.com/%d"`, i)
			if i < 60 {
				url = `"https://example.com/same"`
			}
			e[fmt.Sprintf("k%03d", i)] = linkAttrs{"url": url, "title": fmt.Sprintf("%q", title)}
		}
		return e
	}
	w.SetFaults(faultMix(20241202))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{
				Config: w.linksConfig(coll, entries("v1"), ""),
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, n),
					mockCheck(func() error { t.Logf("v1: %s", faultFigures(w.mockHoko)); return nil }),
				},
			},
			{
				Config: w.linksConfig(coll, entries("v2"), ""),
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, n),
					mockCheck(func() error {
						for _, l := range w.Links() {
							if l.Title == nil || *l.Title != "v2" {
								return fmt.Errorf("link %s has title %v, want v2", l.ID, l.Title)
							}
						}
						t.Logf("v2: %s", faultFigures(w.mockHoko))
						return nil
					}),
				},
			},
			w.importLinksStep(),
		},
	})
	if st := w.Stats(); st.FaultsInjected == 0 || st.RateLimited == 0 {
		t.Fatalf("the fault mix never struck (%+v); the test proves nothing", st)
	}
	t.Logf("after destroy: %s; duplicates found 0", faultFigures(w.mockHoko))
}

func TestAccLinks_MovedOutOfBandIsMovedBack(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	coll := w.spring.ID
	entries := linksEntries{"a": {"url": `"https://example.com/a"`, "external_id": `"a"`}, "b": {"url": `"https://example.com/b"`}}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{Config: w.linksConfig(coll, entries, ""), ConfigStateChecks: []statecheck.StateCheck{w.setMatchesMock(coll, 2)}},
			{
				PreConfig: func() {
					w.SetField(hokotest.KindLink, w.linkIDByExternalID("a"), "collectionId", &w.autumn.ID)
					w.ResetRequests()
				},
				Config: w.linksConfig(coll, entries, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLinks, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(testLinks, entryPath("a", "updated_at")),
					plancheck.ExpectKnownValue(testLinks, entryPath("b", "updated_at"), knownvalue.NotNull()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.setMatchesMock(coll, 2),
					mockCheck(func() error {
						return w.expectLinkWrites(t, []map[string]any{updateItem(w.linkIDByExternalID("a"), coll,
							map[string]any{"url": "https://example.com/a", "externalId": "a"})}, nil)()
					}),
				},
			},
			{
				Config:           w.linksConfig(coll, entries, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			w.importLinksStep(),
		},
	})
}

// TestAccLinks_InCollectionOfTheSameApply plans a set whose collection is
// created in the same apply (collection_id unknown at plan time), and
// later moves it to another such collection.
func TestAccLinks_InCollectionOfTheSameApply(t *testing.T) {
	t.Parallel()
	m := newMockHoko(t)
	config := func(name string) string {
		return m.config(fmt.Sprintf(`
resource "hoko_collection" "c" { name = %q }
resource "hoko_links" "set" {
  collection_id = hoko_collection.c.id
  links = { for i in range(3) : "k${i}" => { url = "https://example.com/${i}" } }
}
`, name))
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	collectionOf := func() string { c, _ := m.CollectionByName("Second"); return c.ID }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             m.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{
				Config: config("First"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLinks, entryPath("k0", "id"), knownvalue.StringRegexp(uuidRegexp)),
					sameID.AddStateValue(testLinks, entryPath("k1", "id")),
				},
			},
			{
				// A rename keeps the collection's id: nothing to send.
				Config: config("Second"),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testLinks, entryPath("k1", "id")),
					m.setMatchesMockIn(collectionOf, 3),
				},
			},
			m.importLinksStep(),
		},
	})
}
