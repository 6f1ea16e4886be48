package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// objectReference is an attribute of one kind that holds the id of an object
// of another kind, such as a link's collection_id. Hoko answers a write that
// names a missing object with a bare 400 ("Invalid request"), so after a 400
// each reference is looked up, and the one that is missing is named.
type objectReference struct {
	// attribute is the Terraform attribute holding the id.
	attribute string
	// kind is the kind the id belongs to.
	kind objectKind
	// id is the id the item sends.
	id string
	// exists reads the object; an error wrapping hoko.ErrNotFound when no
	// live object has the id.
	exists func(ctx context.Context, c *hoko.Client, id string) error
}

// missingReference explains a 400 for item when an object it points at does
// not exist, and reports whether it did. A lookup that fails for another
// reason explains nothing: the original error is then reported as it is.
func (o kindObjects[T, I]) missingReference(ctx context.Context, diags *diag.Diagnostics, item I, err error) bool {
	if o.references == nil || o.client == nil || hoko.StatusCode(err) != http.StatusBadRequest {
		return false
	}
	found := false
	for _, ref := range o.references(item) {
		if lookErr := ref.exists(ctx, o.client, ref.id); !errors.Is(lookErr, hoko.ErrNotFound) {
			continue
		}
		found = true
		diags.AddAttributeError(path.Root(ref.attribute), fmt.Sprintf("%s Not Found", ref.kind.title()),
			fmt.Sprintf("Hoko refused the %s because its %s %q names no live %s of this workspace: it may be "+
				"mistyped, deleted, or in another workspace. Set %s to the id of an existing %s, for example "+
				"a %s resource's id attribute or the %s data source's.\n\nServer message: %s",
				o.kind.name, ref.attribute, ref.id, ref.kind.name, ref.attribute, ref.kind.name,
				ref.kind.typeName(), ref.kind.typeName(), apiMessage(err)))
	}
	return found
}
