package provider

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*utmURLFunction)(nil)

// NewUTMURLFunction returns the utm_url function.
func NewUTMURLFunction() function.Function {
	return &utmURLFunction{}
}

// utmURLFunction builds the destination a visitor lands on: a URL with UTM
// query parameters. It needs no API, so it works before the provider is
// configured.
type utmURLFunction struct{}

// utmParameters maps the keys of a link's utm to the query parameters they
// become, in the order they are appended. referral has none (see
// utmURLDescription).
var utmParameters = []struct{ key, param string }{
	{"source", "utm_source"}, {"medium", "utm_medium"}, {"campaign", "utm_campaign"},
	{"term", "utm_term"}, {"content", "utm_content"},
}

// utmURLDescription documents the function; the docs page is built from it.
const utmURLDescription = "Returns `url` with the UTM query parameters of `utm` added, which is the address a " +
	"visitor lands on. `utm` takes the keys of `hoko_link`'s `utm` attribute, any subset of them, so the same map " +
	"can feed both: `source`, `medium`, `campaign`, `term` and `content` become `utm_source`, `utm_medium`, " +
	"`utm_campaign`, `utm_term` and `utm_content`. A parameter of that name already in `url` is replaced where it " +
	"stands (any repeats of it are dropped); every other parameter keeps its place and spelling, new parameters are " +
	"appended in the order above, the fragment (`#...`) is kept, and values are query-escaped (a space becomes " +
	"`+`). A key whose value is null adds nothing and leaves the URL's own parameter alone; `\"\"` sets an empty " +
	"parameter. `referral` is accepted but adds no parameter: it is Hoko's own attribution value, not one of the " +
	"standard UTM parameters, and Hoko's pages do not say that it reaches the destination. Any other key is an " +
	"error, and so is a `url` Hoko would refuse as a link's destination (an absolute `http` or `https` URL with a " +
	"host, at most 2,048 characters); both fail at plan time when the arguments are known then."

// Metadata names the function utm_url.
func (f *utmURLFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "utm_url"
}

// Definition declares utm_url(url, utm).
func (f *utmURLFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:     "A destination URL with UTM query parameters",
		Description: utmURLDescription,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:        "url",
				Description: "The destination: an absolute http or https URL, such as a hoko_link's url.",
			},
			function.MapParameter{
				Name:               "utm",
				Description:        "UTM values by key: source, medium, campaign, term, content and referral, any subset.",
				ElementType:        types.StringType,
				AllowNullValue:     false,
				AllowUnknownValues: false,
			},
		},
		Return: function.StringReturn{},
	}
}

// Run builds the URL.
func (f *utmURLFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var (
		raw string
		utm map[string]types.String
	)
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &raw, &utm))
	if resp.Error != nil {
		return
	}
	values := map[string]*string{}
	for key, v := range utm {
		values[key] = v.ValueStringPointer()
	}
	out, argument, err := withUTM(raw, values)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(argument, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, out)
}

// withUTM returns raw with the query parameters of utm; on error, also the
// position of the argument at fault. A nil value adds nothing.
func withUTM(raw string, utm map[string]*string) (string, int64, error) {
	if err := checkHTTPURL(raw); err != nil {
		return "", 0, fmt.Errorf("url %q is not a URL a link can point at: %s", raw, err)
	}
	set := map[string]string{}
	for key, v := range utm {
		param, known := utmParameterOf(key)
		if !known {
			return "", 1, fmt.Errorf("utm has the key %q; the keys are %s", key, utmKeyList())
		}
		if v != nil && param != "" {
			set[param] = *v
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", 0, fmt.Errorf("url %q is not a URL: %s", raw, err)
	}
	u.RawQuery = replaceQuery(u.RawQuery, set)
	return u.String(), 0, nil
}

// replaceQuery sets the parameters of set in a raw query: in the place of
// the first parameter of the same name, dropping repeats, and appended in
// utmParameters order otherwise. Every other part is kept byte for byte.
func replaceQuery(raw string, set map[string]string) string {
	var parts []string
	done := map[string]bool{}
	if raw != "" {
		for _, part := range strings.Split(raw, "&") {
			name, _, _ := strings.Cut(part, "=")
			if decoded, err := url.QueryUnescape(name); err == nil {
				name = decoded
			}
			value, ours := set[name]
			switch {
			case !ours:
				parts = append(parts, part)
			case !done[name]:
				parts = append(parts, name+"="+url.QueryEscape(value))
				done[name] = true
			}
		}
	}
	for _, p := range utmParameters {
		if value, ok := set[p.param]; ok && !done[p.param] {
			parts = append(parts, p.param+"="+url.QueryEscape(value))
		}
	}
	return strings.Join(parts, "&")
}

// utmParameterOf is the query parameter of a utm key ("" for referral),
// and whether the key is one.
func utmParameterOf(key string) (string, bool) {
	for _, p := range utmParameters {
		if p.key == key {
			return p.param, true
		}
	}
	return "", key == "referral"
}

// utmKeyList lists the utm keys in prose.
func utmKeyList() string {
	return strings.Join(slices.Sorted(maps.Keys(utmKeyDescriptions)), ", ")
}
