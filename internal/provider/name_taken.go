package provider

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// When a create fails because the name is taken, the diagnostic offers an
// import block for the object that holds the name. That is only good advice
// when no other resource of the same configuration manages that object: two
// resources with the same name would otherwise end up sharing one object, and
// destroying either deletes it for both. A provider cannot see the whole
// state, but it knows which objects its own resources created, updated or
// read while it ran; those are the ones it can rule out.

// managed holds, per client (one per provider configuration and run), the
// ids of the objects resources of this run created, updated or read. Entries
// are never dropped: a provider process serves one Terraform command, and the
// ids are few.
var managed = struct {
	mu  sync.Mutex
	ids map[*hoko.Client]map[string]struct{}
}{ids: make(map[*hoko.Client]map[string]struct{})}

// rememberManaged records that a resource of this run manages id.
func rememberManaged(client *hoko.Client, id string) {
	if client == nil || id == "" {
		return
	}
	managed.mu.Lock()
	defer managed.mu.Unlock()
	if managed.ids[client] == nil {
		managed.ids[client] = make(map[string]struct{})
	}
	managed.ids[client][id] = struct{}{}
}

// isManaged reports whether a resource of this run created, updated or read
// id. False does not mean no resource manages it: one that Terraform did not
// touch in this run (no change, -refresh=false) is not known here.
func isManaged(client *hoko.Client, id string) bool {
	managed.mu.Lock()
	defer managed.mu.Unlock()
	_, ok := managed.ids[client][id]
	return ok
}

// addTakenKeyError reports a write refused because the object of kind
// with id already holds the unique key value the plan asks for (a name, or
// a link's external id). An object a resource of this run manages is not
// offered for import; any other is, with the caveat that a resource
// Terraform did not touch in this run may manage it.
func addTakenKeyError(diags *diag.Diagnostics, client *hoko.Client, kind objectKind, value, id string, err error) {
	key := kind.uniqueKeyName()
	var advice string
	if isManaged(client, id) {
		advice = fmt.Sprintf("Another resource of this configuration manages that %[1]s: this provider created, "+
			"updated or read it during this run. Two resources cannot share one %[1]s, so do not import it; give one of "+
			"them another %[2]s. If the other resource is being renamed away or destroyed in this same run, run "+
			"Terraform again once that is done, or use a moved block to hand the %[1]s over to this resource.", kind.name, key)
	} else {
		advice = fmt.Sprintf("Choose another %[2]s, or, if no other resource of this configuration manages that %[1]s, "+
			"adopt it into Terraform with an import block:\n\n"+
			"import {\n  to = %[3]s.<resource name>\n  id = %[4]q\n}\n\n"+
			"If another resource does manage it (two resources with the same %[2]s), give one of them another %[2]s "+
			"instead: importing it again would put one %[1]s under two resources.", kind.name, key, kind.typeName(), id)
	}
	diags.AddAttributeError(path.Root(kind.uniqueKey), fmt.Sprintf("%s %s Already Taken", kind.title(), kind.uniqueKeyTitle()),
		fmt.Sprintf("A %s %s already exists in this Hoko workspace, with id %q. %ss are unique per "+
			"workspace. %s\n\nServer message: %s", kind.name, kind.holding(value), id, capitalize(key), advice, apiMessage(err)))
}
