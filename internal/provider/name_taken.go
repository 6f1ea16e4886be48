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

// addNameTakenError reports a create refused because the object with id
// already holds name. kind is the object's name in prose ("collection") and
// resourceType its Terraform type ("hoko_collection"). An object a resource
// of this run manages is not offered for import; any other is, with the
// caveat that a resource Terraform did not touch in this run may manage it.
func addNameTakenError(diags *diag.Diagnostics, client *hoko.Client, kind, resourceType, name, id string, err error) {
	var advice string
	if isManaged(client, id) {
		advice = fmt.Sprintf("Another resource of this configuration manages that %[1]s: this provider created, "+
			"updated or read it during this run. Two resources cannot share one %[1]s, so do not import it; give one of "+
			"them another name. If the other resource is being renamed away or destroyed in this same run, run "+
			"Terraform again once that is done, or use a moved block to hand the %[1]s over to this resource.", kind)
	} else {
		advice = fmt.Sprintf("Choose another name, or, if no other resource of this configuration manages that %s, "+
			"adopt it into Terraform with an import block:\n\n"+
			"import {\n  to = %s.<resource name>\n  id = %q\n}\n\n"+
			"If another resource does manage it (two resources with the same name), give one of them another name "+
			"instead: importing it again would put one %s under two resources.", kind, resourceType, id, kind)
	}
	diags.AddAttributeError(path.Root("name"), fmt.Sprintf("%s Name Already Taken", titleWord(kind)),
		fmt.Sprintf("A %s named %q already exists in this Hoko workspace, with id %q. Names are unique per "+
			"workspace. %s\n\nServer message: %s", kind, name, id, advice, apiMessage(err)))
}

// titleWord capitalises the first letter of an ASCII word, for summaries.
func titleWord(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
