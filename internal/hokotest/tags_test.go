package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestTags_ObjectShapeAndDefaultColour(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	got := f.put(t, KindTag, `[{"name":"plain"},{"name":"blue one","color":"blue"}]`)
	for i, o := range got {
		keys := keysOf(o)
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"color", "id", "name"}) {
			t.Errorf("tag %d has members %v, want exactly id, name, color: tags have no timestamps", i, keys)
		}
	}
	if got[0].str(t, "color") != "slate" || got[1].str(t, "color") != "blue" {
		t.Fatalf("colours = %s, %s, want slate (the default) and blue", got[0].raw("color"), got[1].raw("color"))
	}
	if tg, ok := f.srv.Tag(got[0].str(t, "id")); !ok || tg.Color != "slate" || tg.Name != "plain" {
		t.Fatalf("stored %+v", tg)
	}
}

func TestTags_Validation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	taken := f.srv.SeedTag("taken", "red")
	cases := []struct {
		name, body, want string
	}{
		{"missing name", `[{"color":"red"}]`, "name is required to create a tag at item 0"},
		{"empty name", `[{"name":""}]`, "name must be 1 to 50 characters (got 0)"},
		{"51 characters", fmt.Sprintf(`[{"name":%q}]`, strings.Repeat("é", 51)), "name must be 1 to 50 characters (got 51)"},
		{"taken name", `[{"name":"taken"}]`, `tag name "taken" is already taken at item 0`},
		{"same name twice", `[{"name":"n"},{"name":"n"}]`, "used by more than one item (items 0 and 1)"},
		{"unknown colour", `[{"name":"x","color":"Blue"}]`, `color "Blue" must be one of slate, gray`},
		{"null colour on create", `[{"name":"x","color":null}]`, "color cannot be null at item 0"},
		{"null colour on update", fmt.Sprintf(`[{"id":%q,"color":null}]`, taken.ID), "color cannot be null"},
		{"null name on update", fmt.Sprintf(`[{"id":%q,"name":null}]`, taken.ID), "name cannot be null"},
		{"colour not a string", `[{"name":"x","color":3}]`, "color must be a string (got number)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.do(t, "PUT", "/api/tags", f.all, tc.body).wantError(t, http.StatusBadRequest, tc.want)
		})
	}
	if tags := f.srv.Tags(); len(tags) != 1 || tags[0] != taken {
		t.Fatalf("refused writes changed the tags: %+v", tags)
	}
	f.put(t, KindTag, fmt.Sprintf(`[{"name":%q}]`, strings.Repeat("é", 50)))
	for _, c := range TagColors() {
		f.put(t, KindTag, fmt.Sprintf(`[{"name":"colour %s","color":%q}]`, c, c))
	}
}

func TestTags_UpdateChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tg := f.srv.SeedTag("orig", "green")
	got := f.put(t, KindTag, fmt.Sprintf(`[{"id":%q,"name":"renamed"}]`, tg.ID))[0]
	if got.str(t, "name") != "renamed" || got.str(t, "color") != "green" {
		t.Fatalf("rename answered %v, want the colour kept", got)
	}
	got = f.put(t, KindTag, fmt.Sprintf(`[{"id":%q,"color":"rose"}]`, tg.ID))[0]
	if got.str(t, "name") != "renamed" || got.str(t, "color") != "rose" {
		t.Fatalf("colour change answered %v, want the name kept", got)
	}
	if _, ok := f.srv.TagByName("orig"); ok {
		t.Fatal("the old name still finds the tag")
	}
}

func TestTags_SwapNamesInOneBatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.srv.SeedTag("a", "")
	f.put(t, KindTag, fmt.Sprintf(`[{"id":%q,"name":"b"},{"name":"a"}]`, a.ID))
	if got, _ := f.srv.TagByName("b"); got.ID != a.ID {
		t.Fatal("the renamed tag does not hold its new name")
	}
	// The reverse order claims a name that is still held when it is judged.
	f.do(t, "PUT", "/api/tags", f.all, fmt.Sprintf(`[{"name":"b"},{"id":%q,"name":"z"}]`, a.ID)).
		wantError(t, http.StatusBadRequest, `tag name "b" is already taken at item 0`)
}

func TestTags_DeleteIsPermanentAndFreesTheName(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tg := f.srv.SeedTag("gone", "")
	f.do(t, "DELETE", "/api/tags", f.all, fmt.Sprintf(`[%q]`, tg.ID)).wantStatus(t, http.StatusOK)
	f.do(t, "DELETE", "/api/tags", f.all, fmt.Sprintf(`[%q]`, tg.ID)).wantError(t, http.StatusBadRequest, "unknown tag id")
	again := f.put(t, KindTag, `[{"name":"gone"}]`)[0]
	if again.str(t, "id") == tg.ID {
		t.Fatal("a new tag got the deleted tag's id")
	}
}
