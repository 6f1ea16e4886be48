package hoko_test

import (
	"encoding/json"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

func TestUpsertItem_EncodesThreeStates(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		item hoko.CollectionItem
		want string
	}{
		"create without description": {
			item: hoko.CollectionItem{Name: hoko.Value("Docs")},
			want: `{"name":"Docs"}`,
		},
		"update clearing description": {
			item: hoko.CollectionItem{ID: "id-1", Name: hoko.Value("Docs"), Description: hoko.Null[string]()},
			want: `{"id":"id-1","name":"Docs","description":null}`,
		},
		"empty description is a value": {
			item: hoko.CollectionItem{ID: "id-1", Description: hoko.Value("")},
			want: `{"id":"id-1","description":""}`,
		},
		"from nil pointer is null": {
			item: hoko.CollectionItem{ID: "id-1", Description: hoko.FromPointer[string](nil)},
			want: `{"id":"id-1","description":null}`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := json.Marshal(tc.item)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestField_Accessors(t *testing.T) {
	t.Parallel()
	var absent hoko.Field[string]
	if !absent.IsZero() || absent.IsNull() {
		t.Errorf("zero Field: IsZero=%v IsNull=%v, want true false", absent.IsZero(), absent.IsNull())
	}
	null := hoko.Null[string]()
	if null.IsZero() || !null.IsNull() {
		t.Errorf("Null: IsZero=%v IsNull=%v, want false true", null.IsZero(), null.IsNull())
	}
	if v, ok := hoko.Value("x").Get(); !ok || v != "x" {
		t.Errorf("Value(x).Get() = %q, %v", v, ok)
	}
	if _, ok := null.Get(); ok {
		t.Error("Null().Get() reported a value")
	}
}
