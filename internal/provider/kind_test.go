package provider

import (
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// TestKinds_AgreeWithTheClient pins each kind's Terraform description to the
// client's: the words and scopes the diagnostics name, and the unique key
// the taken-key hint is offered for.
func TestKinds_AgreeWithTheClient(t *testing.T) {
	t.Parallel()
	client, err := hoko.New(hoko.Config{Endpoint: "http://127.0.0.1:1", APIKey: "key"})
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range []struct {
		provider objectKind
		client   hoko.Kind
		// uniqueKey is the attribute that holds the client's unique field.
		uniqueKey string
	}{
		{collectionKind, client.Collections().Kind(), "name"},
		{tagKind, client.Tags().Kind(), "name"},
		{partnerKind, client.Partners().Kind(), ""},
		{linkKind, client.Links().Kind(), "external_id"},
	} {
		p, c := pair.provider, pair.client
		if p.name != c.Name || p.plural != c.Plural || p.readScope != c.ReadScope || p.writeScope != c.WriteScope ||
			p.uniqueKey != pair.uniqueKey || (c.UniqueKey == "") != (pair.uniqueKey == "") {
			t.Errorf("provider kind %+v does not agree with the client's %+v", p, c)
		}
	}
}

func TestKinds_Words(t *testing.T) {
	t.Parallel()
	link := objectKind{name: "link", plural: "links", uniqueKey: "external_id", uniqueKeyWords: "external id", uniqueKeyCaps: "External ID"}
	for got, want := range map[string]string{
		tagKind.title():             "Tag",
		tagKind.typeName():          "hoko_tag",
		tagKind.uniqueKeyTitle():    "Name",
		tagKind.holding("Docs"):     `named "Docs"`,
		link.holding("crm-1"):       `with external id "crm-1"`,
		link.uniqueKeyTitle():       "External ID",
		partnerKind.scopeFor("GET"): "partnersRead",
		partnerKind.scopeFor("PUT"): "partnersWrite",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	if advice := partnerKind.scopeAdvice(); advice != "Use a key that has partnersRead for reading and partnersWrite for "+
		"creating, updating and deleting partners. "+partnerKind.scopeNote {
		t.Errorf("partner scope advice = %q", advice)
	}
}
