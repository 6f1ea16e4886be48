package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestUTMURL_Cases(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, url string
		utm       map[string]*string
		want      string
	}{
		{"appended in a fixed order", "https://example.com/sale",
			map[string]*string{"content": new("hero"), "source": new("newsletter"), "campaign": new("spring"), "medium": new("email"), "term": new("shoes")},
			"https://example.com/sale?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=shoes&utm_content=hero"},
		{"other parameters keep their place and spelling", "https://example.com/?b=2&a=%7E1&flag",
			map[string]*string{"source": new("x")}, "https://example.com/?b=2&a=%7E1&flag&utm_source=x"},
		{"existing parameter replaced where it stands, repeats dropped", "https://example.com/?utm_source=old&page=1&utm_source=older",
			map[string]*string{"source": new("new"), "medium": new("email")}, "https://example.com/?utm_source=new&page=1&utm_medium=email"},
		{"escaped parameter name is recognised", "https://example.com/?utm%5Fsource=old",
			map[string]*string{"source": new("new")}, "https://example.com/?utm_source=new"},
		{"values escaped", "https://example.com/",
			map[string]*string{"campaign": new("spring sale & more/€"), "term": new("a=b")},
			"https://example.com/?utm_campaign=spring+sale+%26+more%2F%E2%82%AC&utm_term=a%3Db"},
		{"fragment kept", "https://example.com/page?x=1#section-2",
			map[string]*string{"source": new("news")}, "https://example.com/page?x=1&utm_source=news#section-2"},
		{"null value adds nothing and keeps the URL's parameter", "https://example.com/?utm_source=keep",
			map[string]*string{"source": nil, "medium": new("email")}, "https://example.com/?utm_source=keep&utm_medium=email"},
		{"empty string sets an empty parameter", "https://example.com/",
			map[string]*string{"term": new("")}, "https://example.com/?utm_term="},
		{"referral adds no parameter", "https://example.com/a",
			map[string]*string{"referral": new("friend")}, "https://example.com/a"},
		{"empty map changes nothing", "http://example.com/a?x=1#f", map[string]*string{}, "http://example.com/a?x=1#f"},
		{"escaped path kept", "https://example.com/a%2Fb/c%20d", map[string]*string{"source": new("s")},
			"https://example.com/a%2Fb/c%20d?utm_source=s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := withUTM(tc.url, tc.utm)
			if err != nil || got != tc.want {
				t.Errorf("withUTM(%q, %v) = %q, %v; want %q", tc.url, tc.utm, got, err, tc.want)
			}
		})
	}
}

func TestUTMURL_Errors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		url      string
		utm      map[string]*string
		argument int64
		want     string
	}{
		{"ftp://example.com", nil, 0, "must start with https:// or http://"},
		{"example.com/page", nil, 0, "must start with https:// or http://"},
		{"https://", nil, 0, "has no host"},
		{"https://example.com", map[string]*string{"sauce": new("x")}, 1, `utm has the key "sauce"; the keys are campaign, content, medium, referral, source, term`},
	} {
		_, argument, err := withUTM(tc.url, tc.utm)
		if err == nil || argument != tc.argument || !errorMatching(tc.want).MatchString(err.Error()) {
			t.Errorf("withUTM(%q, %v) = argument %d, %v; want argument %d and %q", tc.url, tc.utm, argument, err, tc.argument, tc.want)
		}
	}
}

func TestAccUTMURL_InTerraform(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// No provider block: the function needs no API key.
				Config: `
locals {
  utm = { source = "newsletter", medium = "email", campaign = "spring sale", referral = "friend" }
}
output "landing" {
  value = provider::hoko::utm_url("https://example.com/sale?utm_source=old&page=2#top", local.utm)
}
output "with_null" {
  value = provider::hoko::utm_url("https://example.com/", { source = null, term = "shoes" })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("landing", knownvalue.StringExact(
						"https://example.com/sale?utm_source=newsletter&page=2&utm_medium=email&utm_campaign=spring+sale#top")),
					statecheck.ExpectKnownOutputValue("with_null", knownvalue.StringExact("https://example.com/?utm_term=shoes")),
				},
			},
			{
				Config:      `output "x" { value = provider::hoko::utm_url("example.com/sale", {}) }`,
				PlanOnly:    true,
				ExpectError: errorMatching("Invalid function argument", `url "example.com/sale" is not a URL a link can point at`),
			},
			{
				Config:      `output "x" { value = provider::hoko::utm_url("https://example.com", { sauce = "x" }) }`,
				PlanOnly:    true,
				ExpectError: errorMatching("Invalid function argument", `utm has the key "sauce"`),
			},
		},
	})
}
