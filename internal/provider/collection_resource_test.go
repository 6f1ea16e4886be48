package provider

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

const (
	withDescription    = "hoko_collection.with_description"
	withoutDescription = "hoko_collection.without_description"
	testCollection     = "hoko_collection.test"
)

func TestAccCollection_Create(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`
resource "hoko_collection" "with_description" {
  name        = "Marketing Campaigns"
  description = "All marketing links"
}
resource "hoko_collection" "without_description" {
  name = "Docs"
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(withDescription, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(withoutDescription, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(withDescription, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRegexp)),
					statecheck.ExpectKnownValue(withDescription, tfjsonpath.New("name"), knownvalue.StringExact("Marketing Campaigns")),
					statecheck.ExpectKnownValue(withDescription, tfjsonpath.New("description"), knownvalue.StringExact("All marketing links")),
					statecheck.ExpectKnownValue(withDescription, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue(withDescription, tfjsonpath.New("updated_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue(withoutDescription, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRegexp)),
					statecheck.ExpectKnownValue(withoutDescription, tfjsonpath.New("name"), knownvalue.StringExact("Docs")),
					statecheck.ExpectKnownValue(withoutDescription, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(withoutDescription, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue(withoutDescription, tfjsonpath.New("updated_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
				Check: checkMock(func() error {
					// Creates are PUT items without an id; an unset description is not sent at all.
					// The two creates may share one PUT or not, as the client coalesces them.
					var items []map[string]any
					for _, body := range mock.putBodies(t) {
						items = append(items, body...)
					}
					if len(items) != 2 {
						return fmt.Errorf("mock received %d PUT items, want 2", len(items))
					}
					for _, item := range items {
						if _, hasID := item["id"]; hasID {
							return fmt.Errorf("create PUT item %v must have no id", item)
						}
						if _, hasDesc := item["description"]; item["name"] == "Docs" && hasDesc {
							return fmt.Errorf("create of Docs sent a description: %v", item)
						}
					}
					for _, req := range mock.Requests() {
						if got := req.Header.Get("User-Agent"); got != "terraform-provider-hoko/"+testProviderVersion {
							return fmt.Errorf("User-Agent = %q", got)
						}
					}
					if c, ok := mock.CollectionByName("Marketing Campaigns"); !ok || c.Description == nil || *c.Description != "All marketing links" {
						return fmt.Errorf("mock holds %+v", c)
					}
					if c, ok := mock.CollectionByName("Docs"); !ok || c.Description != nil {
						return fmt.Errorf("mock holds %+v", c)
					}
					return nil
				}),
			},
			{ResourceName: withDescription, ImportState: true, ImportStateVerify: true},
			{ResourceName: withoutDescription, ImportState: true, ImportStateVerify: true},
		},
	})
}

// rfc3339Regexp matches the timestamps the provider stores.
var rfc3339Regexp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)

func TestAccCollection_RenameUpdatesInPlace(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameCreatedAt := statecheck.CompareValue(compare.ValuesSame())
	newUpdatedAt := statecheck.CompareValue(compare.ValuesDiffer())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Before" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testCollection, tfjsonpath.New("id")),
					sameCreatedAt.AddStateValue(testCollection, tfjsonpath.New("created_at")),
					newUpdatedAt.AddStateValue(testCollection, tfjsonpath.New("updated_at")),
				},
			},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "After" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(testCollection, tfjsonpath.New("updated_at")),
					plancheck.ExpectKnownValue(testCollection, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRegexp)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testCollection, tfjsonpath.New("id")),
					sameCreatedAt.AddStateValue(testCollection, tfjsonpath.New("created_at")),
					newUpdatedAt.AddStateValue(testCollection, tfjsonpath.New("updated_at")),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact("After")),
				},
				Check: checkMock(func() error {
					puts := mock.putBodies(t)
					update := puts[len(puts)-1][0]
					created, _ := mock.CollectionByName("After")
					if update["id"] != created.ID || update["name"] != "After" {
						return fmt.Errorf("rename PUT item = %v, want id %s and name After", update, created.ID)
					}
					if len(mock.Collections()) != 2 {
						return fmt.Errorf("mock holds %d collections, want Links and After", len(mock.Collections()))
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_ClearDescription(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`
resource "hoko_collection" "test" {
  name        = "Docs"
  description = "to be removed"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("to be removed")),
				},
			},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Docs" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: checkMock(func() error {
					puts := mock.putBodies(t)
					update := puts[len(puts)-1][0]
					desc, sent := update["description"]
					if !sent || desc != nil {
						return fmt.Errorf(`update PUT item = %v, want "description": null`, update)
					}
					if c, _ := mock.CollectionByName("Docs"); c.Description != nil {
						return fmt.Errorf("mock still holds description %q", *c.Description)
					}
					return nil
				}),
			},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Docs" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_EmptyDescriptionIsNotNull(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := func(description string) string {
		return mock.config(fmt.Sprintf(`
resource "hoko_collection" "test" {
  name        = "Docs"
  description = %s
}`, description))
	}
	mockDescription := func(want *string) resource.TestCheckFunc {
		return checkMock(func() error {
			c, _ := mock.CollectionByName("Docs")
			switch {
			case want == nil && c.Description != nil:
				return fmt.Errorf("mock holds description %q, want null", *c.Description)
			case want != nil && (c.Description == nil || *c.Description != *want):
				return fmt.Errorf("mock holds description %v, want %q", c.Description, *want)
			}
			return nil
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config(`""`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
				Check: mockDescription(new("")),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
			{
				Config: config(`"now set"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("now set")),
				},
				Check: mockDescription(new("now set")),
			},
			{
				Config: config(`""`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
				Check: resource.ComposeTestCheckFunc(mockDescription(new("")), checkMock(func() error {
					puts := mock.putBodies(t)
					if got := puts[len(puts)-1][0]["description"]; got != "" {
						return fmt.Errorf(`update sent description %#v, want ""`, got)
					}
					return nil
				})),
			},
			{
				Config: config(`null`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.Null()),
				},
				Check: mockDescription(nil),
			},
		},
	})
}

func TestAccCollection_DeletedOutOfBandIsRecreated(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := mock.config(`resource "hoko_collection" "test" { name = "Fragile" }`)
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(testCollection, tfjsonpath.New("id"))},
			},
			{
				PreConfig: func() {
					c, _ := mock.CollectionByName("Fragile")
					if !mock.SoftDelete(c.ID) {
						t.Fatal("could not delete the collection out of band")
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(testCollection, tfjsonpath.New("id"))},
				Check: checkMock(func() error {
					if _, ok := mock.CollectionByName("Fragile"); !ok {
						return fmt.Errorf("the collection was not recreated")
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_ChangedOutOfBandIsUpdatedBack(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := mock.config(`
resource "hoko_collection" "test" {
  name        = "Owned"
  description = "managed by Terraform"
}`)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(testCollection, tfjsonpath.New("id"))},
			},
			{
				PreConfig: func() {
					c, _ := mock.CollectionByName("Owned")
					if !mock.Rename(c.ID, "Hijacked") || !mock.SetDescription(c.ID, nil) {
						t.Fatal("could not change the collection out of band")
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testCollection, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact("Owned")),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("managed by Terraform")),
				},
				Check: checkMock(func() error {
					c, ok := mock.CollectionByName("Owned")
					if !ok || c.Description == nil || *c.Description != "managed by Terraform" {
						return fmt.Errorf("mock holds %+v after the update back", c)
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_ImportMalformedID(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config:        mock.config(`resource "hoko_collection" "test" { name = "Docs" }`),
				ResourceName:  testCollection,
				ImportState:   true,
				ImportStateId: "not-a-uuid",
				ExpectError:   errorMatching("Invalid Collection ID", `The import id "not-a-uuid" is not a collection id`),
			},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Docs" }`),
				Check: checkMock(func() error {
					for _, req := range mock.Requests() {
						if strings.Contains(req.Query.Get("id"), "not-a-uuid") {
							return fmt.Errorf("a request was sent for the malformed id: %s %v", req.Method, req.Query)
						}
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCollection_ImportBlockLeadsToEmptyPlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	existing := mock.Seed("Existing", new("made in the Hoko app"))
	config := mock.config(fmt.Sprintf(`
import {
  to = hoko_collection.test
  id = %q
}
resource "hoko_collection" "test" {
  name        = "Existing"
  description = "made in the Hoko app"
}`, existing.ID))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("id"), knownvalue.StringExact(existing.ID)),
				},
				Check: checkMock(func() error {
					if n := len(mock.RequestsMatching(http.MethodPut)); n != 0 {
						return fmt.Errorf("importing sent %d PUTs, want none", n)
					}
					return nil
				}),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_NameTooLongFailsAtPlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.config(fmt.Sprintf(`resource "hoko_collection" "test" { name = %q }`, strings.Repeat("n", 33))),
				PlanOnly:    true,
				ExpectError: errorMatching("Attribute name UTF-8 character count must be between 1 and 32, got: 33"),
			},
			{
				// 32 characters of several bytes each are within the limit.
				Config: mock.config(fmt.Sprintf(`resource "hoko_collection" "test" { name = %q }`, strings.Repeat("é", 32))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact(strings.Repeat("é", 32))),
				},
				Check: checkMock(func() error {
					if n := len(mock.RequestsMatching(http.MethodPut)); n != 1 {
						return fmt.Errorf("mock received %d PUTs, want only the valid create", n)
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_NameTakenShowsImportHint(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	taken := mock.Seed("Taken", nil)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Taken" }`),
				ExpectError: errorMatching("Collection Name Already Taken", `A collection named "Taken" already exists`,
					`with id "`+taken.ID+`"`, "import {", "to = hoko_collection.", `id = "`+taken.ID+`"`, "Server message:"),
			},
			{
				// Adopting it as the hint says works.
				Config: mock.config(fmt.Sprintf(`
import {
  to = hoko_collection.test
  id = %q
}
resource "hoko_collection" "test" { name = "Taken" }`, taken.ID)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("id"), knownvalue.StringExact(taken.ID)),
				},
				Check: checkMock(func() error {
					if n := len(mock.Collections()); n != 2 {
						return fmt.Errorf("mock holds %d collections, want Links and Taken", n)
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccCollection_RenameToTakenNameShowsImportHint renames a managed
// collection to a name another collection holds. The update must fail with
// the same hint a create gets (it used to be a generic "Hoko API Error"),
// leave both collections as they were, and a rename back must need nothing.
func TestAccCollection_RenameToTakenNameShowsImportHint(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	taken := mock.Seed("Taken", nil)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(mock.Collections()); n != 2 {
				return fmt.Errorf("mock holds %d collections after destroy, want Links and Taken", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: mock.config(`resource "hoko_collection" "test" { name = "Mine" }`)},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Taken" }`),
				ExpectError: errorMatching("Collection Name Already Taken", `A collection named "Taken" already exists`,
					`with id "`+taken.ID+`"`, "import {", "to = hoko_collection.", `id = "`+taken.ID+`"`, "Server message:"),
			},
			{
				Config:           mock.config(`resource "hoko_collection" "test" { name = "Mine" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: checkMock(func() error {
					puts := mock.putBodies(t)
					mine, ok := mock.CollectionByName("Mine")
					if last := puts[len(puts)-1][0]; !ok || last["id"] != mine.ID || last["name"] != "Taken" {
						return fmt.Errorf("last PUT item = %v, want the rename of %s to Taken", last, mine.ID)
					}
					if c, _ := mock.Collection(taken.ID); c.Name != "Taken" {
						return fmt.Errorf("the collection holding the name became %+v", c)
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_WrongKeyIsRejected(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.configWithKey("not-a-real-key", `resource "hoko_collection" "test" { name = "Docs" }`),
				ExpectError: errorMatching("Hoko API Key Rejected", "(HTTP 401)", "api_key", "HOKO_API_KEY", "Server message: Invalid API key"),
			},
		},
	})
	if n := len(mock.Collections()); n != 1 {
		t.Errorf("mock holds %d collections after a rejected create, want only Links", n)
	}
}

func TestAccCollection_ReadOnlyKeyNamesMissingScope(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	readOnly := mock.NewKey(hokotest.ScopeRead)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.configWithKey(readOnly, `resource "hoko_collection" "test" { name = "Docs" }`),
				ExpectError: errorMatching("Hoko API Key Lacks Scopes", "lacks collectionsWrite (HTTP 403)", "Server message:"),
			},
		},
	})
	puts := mock.RequestsMatching(http.MethodPut)
	if len(puts) != 1 || puts[0].Header.Get("Authorization") != "Bearer "+readOnly {
		t.Errorf("mock received %d PUTs, want one carrying the read-only key", len(puts))
	}
}

func TestAccCollection_DestroySendsDelete(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	var createdID string
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := mock.checkOnlyDefaultCollectionLeft(s); err != nil {
				return err
			}
			deletes := mock.RequestsMatching(http.MethodDelete)
			if want := `["` + createdID + `"]`; len(deletes) != 1 || string(deletes[0].Body) != want {
				return fmt.Errorf("mock received %d DELETEs, want one with body %s", len(deletes), want)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Short-lived" }`),
				Check: checkMock(func() error {
					c, ok := mock.CollectionByName("Short-lived")
					createdID = c.ID
					if !ok {
						return fmt.Errorf("not created")
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccCollection_LiveAPI runs the create, rename, clear and import
// lifecycle against a real Hoko workspace. It runs only with TF_ACC=1 and a
// key and endpoint in HOKO_API_KEY and HOKO_ENDPOINT; the collection it makes
// is named tf-acc-<random> and is deleted at the end.
func TestAccCollection_LiveAPI(t *testing.T) {
	if os.Getenv(envAPIKey) == "" || os.Getenv(envEndpoint) == "" {
		t.Skip("set TF_ACC=1, HOKO_API_KEY and HOKO_ENDPOINT to run against a real Hoko workspace")
	}
	name := fmt.Sprintf("tf-acc-%d", time.Now().UnixNano()%1e12)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`resource "hoko_collection" "test" {
  name        = %q
  description = "created by the provider's acceptance tests"
}`, name),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testCollection, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				},
			},
			{
				Config: fmt.Sprintf(`resource "hoko_collection" "test" { name = %q }`, name+"-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testCollection, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.Null()),
				},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccCollection_WrongEndpointKeepsState points a working configuration at
// a path where no Hoko API answers (every request gets a 404). The refresh
// must fail rather than take the 404 for "deleted" and plan to create the
// collection again.
func TestAccCollection_WrongEndpointKeepsState(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	body := `resource "hoko_collection" "test" { name = "Kept" }`
	wrong := mockHoko{Server: mock.Server, URL: mock.URL + "/not-the-api", Key: mock.Key}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{Config: mock.config(body)},
			{
				Config:      wrong.config(body),
				PlanOnly:    true,
				ExpectError: errorMatching(`Could not read collection`, "HTTP 404", "the endpoint may not be the Hoko API"),
			},
			{
				Config: mock.config(body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}
