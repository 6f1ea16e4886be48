package hoko

import (
	"encoding/json"
	"testing"
)

// TestLink_UnsetUTMDecodesAlike pins the tolerance of contract section 14:
// whatever way a server says "no utm" (null, {}, the key left out, an object
// of nulls), the link's UTM is all unset, so the provider plans nothing.
func TestLink_UnsetUTMDecodesAlike(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"null":            `{"id":"a","utm":null}`,
		"empty object":    `{"id":"a","utm":{}}`,
		"absent":          `{"id":"a"}`,
		"object of nulls": `{"id":"a","utm":{"source":null,"medium":null,"campaign":null,"term":null,"content":null,"referral":null}}`,
	} {
		var l Link
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if l.UTM != (UTM{}) {
			t.Fatalf("%s: UTM = %+v, want all unset", name, l.UTM)
		}
	}
}

func TestLinkItem_EncodesUTMKeyByKey(t *testing.T) {
	t.Parallel()
	item := LinkItem{ID: "a", UTM: Value(UTMItem{Source: Value("news"), Term: Null[string]()})}
	got, err := json.Marshal(item)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"a","utm":{"source":"news","term":null}}`; string(got) != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	cleared, _ := json.Marshal(LinkItem{ID: "a", UTM: Null[UTMItem]()})
	if want := `{"id":"a","utm":null}`; string(cleared) != want {
		t.Fatalf("got %s, want %s", cleared, want)
	}
}

func TestLinkFulfils(t *testing.T) {
	t.Parallel()
	news := "news"
	link := Link{ID: "a", URL: "https://x.test", CollectionID: "c", UTM: UTM{Source: &news}}
	for name, tc := range map[string]struct {
		item LinkItem
		want bool
	}{
		"create as asked":              {LinkItem{URL: Value("https://x.test"), CollectionID: Value("c"), UTM: Value(UTMItem{Source: Value("news")})}, true},
		"create without the utm asked": {LinkItem{URL: Value("https://x.test"), CollectionID: Value("c")}, false},
		"create with another url":      {LinkItem{URL: Value("https://y.test"), CollectionID: Value("c"), UTM: Value(UTMItem{Source: Value("news")})}, false},
		"update that leaves utm":       {LinkItem{ID: "a", Title: Null[string]()}, true},
		"update merging one key":       {LinkItem{ID: "a", UTM: Value(UTMItem{Medium: Null[string]()})}, true},
		"update clearing utm":          {LinkItem{ID: "a", UTM: Null[UTMItem]()}, false},
		"update setting a title":       {LinkItem{ID: "a", Title: Value("t")}, false},
	} {
		if got := linkFulfils(link, tc.item); got != tc.want {
			t.Errorf("%s: fulfils = %v, want %v", name, got, tc.want)
		}
	}
}

func TestTagFulfils_CreateWithoutColorIsSlate(t *testing.T) {
	t.Parallel()
	item := TagItem{Name: Value("a")}
	if !tagKind.fulfils(Tag{ID: "x", Name: "a", Color: DefaultTagColor}, item) {
		t.Fatal("a slate tag should fulfil a create without colour")
	}
	if tagKind.fulfils(Tag{ID: "x", Name: "a", Color: "red"}, item) {
		t.Fatal("a red tag should not fulfil a create without colour")
	}
}
