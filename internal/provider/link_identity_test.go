package provider

import (
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// linkIdentity describes hoko_link to the shared identity scenarios that
// need no configuration: a seeded link (in a collection seeded beside it)
// imported by id and by identity.
var linkIdentity = resourceScenarios{
	kind: linkKind, mockKind: hokotest.KindLink,
	seed: func(m *hokotest.Server) string {
		c := m.Seed("Imported", nil)
		return m.SeedLink(hokotest.Link{URL: "https://example.com/imported", CollectionID: c.ID,
			Title: new("Imported"), ExternalID: new("crm-9")}).ID
	},
}

func TestProtocolLink_ImportByIDAndIdentity(t *testing.T) {
	t.Parallel()
	linkIdentity.importByIDAndIdentity(t)
}
