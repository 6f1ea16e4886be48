package hokotest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestQuirks_ReversePutOrder(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.srv.SetQuirks(Quirks{ReversePutOrder: true})
			got := ids(t, f.put(t, k, createBody(t, f, k, 4)))
			var stored []string
			for _, r := range f.srv.all(k) {
				stored = append(stored, r.id)
			}
			created := stored[len(stored)-4:] // oldest first: input order
			slices.Reverse(created)
			if !slices.Equal(got, created) {
				t.Fatalf("answer ids = %v, want the created ids reversed %v", got, created)
			}
			// POST is not affected.
			r := f.do(t, "POST", k.Path(), f.all, "["+createItem(t, f, k, 10)+","+createItem(t, f, k, 11)+"]").wantStatus(t, http.StatusCreated).objs(t)
			if n := f.srv.Count(k); ids(t, r)[1] != f.srv.all(k)[n-1].id {
				t.Fatal("POST answered out of order")
			}
		})
	}
}

func TestQuirks_PutIDChangesOneAnswerItem(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		quirk PutIDQuirk
		check func(t *testing.T, o obj, real string)
	}{
		{"other", PutIDOther, func(t *testing.T, o obj, real string) {
			if id := o.str(t, "id"); id == real || !uuidV4.MatchString(id) {
				t.Fatalf("id = %q, want another UUID than %s", id, real)
			}
		}},
		{"missing", PutIDMissing, func(t *testing.T, o obj, _ string) {
			if _, ok := o["id"]; ok {
				t.Fatalf("id present: %v", o)
			}
		}},
		{"empty", PutIDEmpty, func(t *testing.T, o obj, _ string) {
			if o.raw("id") != `""` {
				t.Fatalf("id = %s, want \"\"", o.raw("id"))
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			a, b := f.srv.SeedTag("a", ""), f.srv.SeedTag("b", "")
			f.srv.SetQuirks(Quirks{PutID: tc.quirk, PutIDItem: 1})
			got := f.put(t, KindTag, fmt.Sprintf(`[{"id":%q,"color":"red"},{"id":%q,"color":"red"},{"name":"c"}]`, a.ID, b.ID))
			if got[0].str(t, "id") != a.ID || got[2].str(t, "name") != "c" {
				t.Fatalf("items other than 1 changed: %v", got)
			}
			tc.check(t, got[1], b.ID)
			if tg, _ := f.srv.Tag(b.ID); tg.Color != "red" {
				t.Fatal("the write itself was not applied")
			}
			// An index outside the answer changes nothing.
			f.srv.SetQuirks(Quirks{PutID: tc.quirk, PutIDItem: 5})
			if got := f.put(t, KindTag, fmt.Sprintf(`[{"id":%q}]`, a.ID)); got[0].str(t, "id") != a.ID {
				t.Fatalf("out-of-range PutIDItem changed the answer: %v", got)
			}
		})
	}
}

func TestQuirks_IgnoreSkip(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SeedN(6, "c")
	first := ids(t, f.get(t, KindCollection, "?take=3"))
	if second := ids(t, f.get(t, KindCollection, "?take=3&skip=3")); slices.Equal(first, second) {
		t.Fatal("without the quirk skip=3 answered the first page")
	}
	f.srv.SetQuirks(Quirks{IgnoreSkip: true})
	for _, skip := range []int{3, 6, 1000} {
		if got := ids(t, f.get(t, KindCollection, fmt.Sprintf("?take=3&skip=%d", skip))); !slices.Equal(got, first) {
			t.Fatalf("skip=%d answered %v, want the first, full page %v", skip, got, first)
		}
	}
	f.do(t, "GET", "/api/collections?skip=-1", f.all, "").wantError(t, http.StatusBadRequest, "skip")
}

func TestQuirks_EchoHeadersLeaksTheKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	forbidden := func() response { return f.do(t, "GET", "/api/tags", f.key, "") }
	if r := forbidden(); strings.Contains(string(r.body), f.key) {
		t.Fatalf("without the quirk the key is in the error body: %s", r.body)
	}
	f.srv.SetQuirks(Quirks{EchoHeaders: true})
	for _, r := range []response{
		forbidden().wantStatus(t, http.StatusForbidden),
		f.do(t, "PUT", "/api/tags", f.all, `[{}]`).wantStatus(t, http.StatusBadRequest),
		f.do(t, "GET", "/api/nope", f.all, "").wantStatus(t, http.StatusNotFound),
	} {
		e := r.apiErr(t)
		if !strings.Contains(e.Error.En, "Authorization: Bearer hoko_test_") {
			t.Errorf("message %q does not echo the Authorization header", e.Error.En)
		}
		var body struct {
			RequestHeaders http.Header `json:"requestHeaders"`
		}
		if err := json.Unmarshal(r.body, &body); err != nil || !strings.HasPrefix(body.RequestHeaders.Get("Authorization"), "Bearer hoko_test_") {
			t.Errorf("requestHeaders = %v (%v), want the Authorization header", body.RequestHeaders, err)
		}
	}
	// Successful answers stay clean.
	if r := f.do(t, "GET", "/api/tags", f.all, "").wantStatus(t, http.StatusOK); string(r.body) != "[]" {
		t.Fatalf("a success answered %s", r.body)
	}
}

func TestQuirks_CommitLate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetQuirks(Quirks{CommitLate: 20 * time.Millisecond})
	f.do(t, "PUT", "/api/partners", f.all, `[{"name":"late"}]`).wantError(t, http.StatusServiceUnavailable, "will still be carried out")
	if n := f.srv.Count(KindPartner); n != 0 {
		t.Fatalf("the write was applied before its delay: %d partners", n)
	}
	// Reads are answered at once.
	f.get(t, KindPartner, "")
	f.srv.WaitLateCommits()
	ps := f.srv.Partners()
	if len(ps) != 1 || ps[0].Name != "late" {
		t.Fatalf("after the delay: %+v, want the partner written", ps)
	}

	f.do(t, "DELETE", "/api/partners", f.all, fmt.Sprintf(`[%q]`, ps[0].ID)).wantStatus(t, http.StatusServiceUnavailable)
	f.do(t, "PUT", "/api/partners", f.all, `[{"email":"no name"}]`).wantStatus(t, http.StatusServiceUnavailable)
	f.srv.WaitLateCommits()
	if n := f.srv.Count(KindPartner); n != 0 {
		t.Fatalf("after the late delete and the invalid late write: %d partners, want 0", n)
	}
	if st := f.srv.Stats(); st.FaultsInjected != 3 {
		t.Fatalf("faults counted = %d, want the 3 late commits", st.FaultsInjected)
	}
	// Authentication still comes first: a refused request is never committed.
	f.do(t, "PUT", "/api/partners", f.key, `[{"name":"x"}]`).wantStatus(t, http.StatusForbidden)
	f.srv.WaitLateCommits()
	if n := f.srv.Count(KindPartner); n != 0 {
		t.Fatal("a request without the scope was committed late")
	}
}

func TestQuirks_GetByIDAnswersOther(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetQuirks(Quirks{GetByIDAnswersOther: true})
	if got := f.get(t, KindTag, "?id=550e8400-e29b-41d4-a716-446655440000"); len(got) != 0 {
		t.Fatalf("no tags at all: %v, want []", got)
	}
	a := f.srv.SeedTag("a", "")
	got := f.get(t, KindTag, "?id="+a.ID)
	if len(got) != 1 || got[0].str(t, "id") == a.ID || got[0].str(t, "name") != "a" {
		t.Fatalf("the only tag: %v, want a copy of it under another id", got)
	}
	b := f.srv.SeedTag("b", "")
	got = f.get(t, KindTag, "?id="+a.ID)
	if len(got) != 1 || got[0].str(t, "id") != b.ID {
		t.Fatalf("GET ?id=a answered %v, want b", got)
	}
	// Listings are not affected.
	if got := f.get(t, KindTag, ""); len(got) != 2 {
		t.Fatalf("listing = %v", got)
	}
}

func TestQuirks_Slow400(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const wait = 150 * time.Millisecond
	f.srv.SetQuirks(Quirks{Slow400: wait})
	start := time.Now()
	f.do(t, "PUT", "/api/collections", f.all, `[{}]`).wantStatus(t, http.StatusBadRequest)
	if d := time.Since(start); d < wait {
		t.Fatalf("400 after %v, want at least %v", d, wait)
	}
	start = time.Now()
	f.get(t, KindCollection, "")
	f.do(t, "GET", "/api/collections", "", "").wantStatus(t, http.StatusUnauthorized)
	if d := time.Since(start); d >= wait {
		t.Fatalf("a 200 and a 401 took %v: only 400s are slow", d)
	}

	// A client that gives up first gets no answer at all.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "PUT", f.ts.URL+"/api/collections", strings.NewReader(`[{}]`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+f.all)
	resp, err := f.ts.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("status %d before the client's timeout, want a timeout", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the client's deadline", err)
	}
}

func TestQuirks_UnsetUTMForms(t *testing.T) {
	t.Parallel()
	cases := []struct {
		form    UTMForm
		omit    bool
		unset   string // "" for absent
		someKey string
	}{
		{UTMNull, false, `null`, `{"source":"s","medium":null,"campaign":null,"term":null,"content":null,"referral":null}`},
		{UTMEmptyObject, false, `{}`, `{"source":"s","medium":null,"campaign":null,"term":null,"content":null,"referral":null}`},
		{UTMAbsent, false, ``, `{"source":"s","medium":null,"campaign":null,"term":null,"content":null,"referral":null}`},
		{UTMObjectOfNulls, false, `{"source":null,"medium":null,"campaign":null,"term":null,"content":null,"referral":null}`, `{"source":"s","medium":null,"campaign":null,"term":null,"content":null,"referral":null}`},
		{UTMNull, true, `null`, `{"source":"s"}`},
		{UTMObjectOfNulls, true, `{"source":null,"medium":null,"campaign":null,"term":null,"content":null,"referral":null}`, `{"source":"s","medium":null,"campaign":null,"term":null,"content":null,"referral":null}`},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("form %d omit %v", tc.form, tc.omit), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			col := linksCollection(t, f)
			f.srv.SetQuirks(Quirks{UnsetUTM: tc.form, OmitUnset: tc.omit})
			got := f.put(t, KindLink, fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q},{"url":"https://b.example","collectionId":%q,"utm":{"source":"s"}}]`, col, col))
			if got[0].raw("utm") != tc.unset {
				t.Errorf("unset utm = %q, want %q", got[0].raw("utm"), tc.unset)
			}
			if got[1].raw("utm") != tc.someKey {
				t.Errorf("utm with one key = %s, want %s", got[1].raw("utm"), tc.someKey)
			}
		})
	}
}

func TestQuirks_OmitShortLinksAndUnset(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	f.srv.SetQuirks(Quirks{OmitShortLinks: true, OmitUnset: true})
	l := f.put(t, KindLink, fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q,"title":"t"}]`, col))[0]
	keys := keysOf(l)
	slices.Sort(keys)
	if want := []string{"collectionId", "createdAt", "id", "title", "updatedAt", "url", "utm"}; !slices.Equal(keys, want) {
		t.Errorf("link members = %v, want %v (utm stays null: its form is UnsetUTM)", keys, want)
	}
	c := f.put(t, KindCollection, `[{"name":"n"}]`)[0]
	if _, ok := c["description"]; ok {
		t.Errorf("unset description sent: %v", c)
	}
	p := f.put(t, KindPartner, `[{"name":"n","phone":"1"}]`)[0]
	if _, ok := p["email"]; ok || p.str(t, "phone") != "1" {
		t.Errorf("partner = %v, want the email left out and the phone kept", p)
	}
	if tg := f.put(t, KindTag, `[{"name":"n"}]`)[0]; tg.str(t, "color") != "slate" {
		t.Errorf("tag colour, never unset, = %s", tg.raw("color"))
	}
	// The debug endpoints show the contract's representation whatever the quirks.
	r := f.do(t, "GET", "/_mock/links", "", "").wantStatus(t, http.StatusOK).objs(t)[0]
	if r.raw("description") != "null" || r.raw("shortId") == "" {
		t.Errorf("/_mock/links = %v", r)
	}
}

func TestQuirks_KindsLimitsThemToSomeKinds(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetQuirks(Quirks{Kinds: []Kind{KindTag}, ReversePutOrder: true, EchoHeaders: true})
	if got := f.put(t, KindTag, `[{"name":"a"},{"name":"b"}]`); got[0].str(t, "name") != "b" {
		t.Fatalf("tags answered %v, want reversed", got)
	}
	if got := f.put(t, KindCollection, `[{"name":"a"},{"name":"b"}]`); got[0].str(t, "name") != "a" {
		t.Fatalf("collections answered %v, want input order: the quirks are for tags only", got)
	}
	if r := f.do(t, "PUT", "/api/partners", f.all, `[{}]`).wantStatus(t, http.StatusBadRequest); strings.Contains(string(r.body), f.all) {
		t.Fatalf("a partner error echoed the key: %s", r.body)
	}
	if r := f.do(t, "PUT", "/api/tags", f.all, `[{}]`).wantStatus(t, http.StatusBadRequest); !strings.Contains(string(r.body), f.all) {
		t.Fatalf("a tag error did not echo the key: %s", r.body)
	}
}

func TestQuirks_No429WaitHint(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetRateLimit(0.5, 1)
	f.get(t, KindTag, "")
	r := f.do(t, "GET", "/api/tags", f.all, "").wantStatus(t, http.StatusTooManyRequests)
	if r.apiErr(t).RetryAfter == nil || r.header.Get("Retry-After") == "" || r.header.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("without the quirk a 429 lacks a wait hint: %s %v", r.body, r.header)
	}
	f.srv.SetQuirks(Quirks{No429WaitHint: true})
	r = f.do(t, "GET", "/api/tags", f.all, "").wantStatus(t, http.StatusTooManyRequests)
	if r.apiErr(t).RetryAfter != nil || r.header.Get("Retry-After") != "" || r.header.Get("X-RateLimit-Reset") != "" {
		t.Fatalf("429 carries a wait hint: %s %v", r.body, r.header)
	}
	if r.header.Get("X-RateLimit-Limit") == "" {
		t.Fatal("the other rate-limit headers went too")
	}
	f.srv.SetRateLimit(0, 0)
	f.srv.SetFaults(Faults{Seed: 1, RateLimited: 1})
	r = f.do(t, "GET", "/api/tags", f.all, "").wantStatus(t, http.StatusTooManyRequests)
	if r.apiErr(t).RetryAfter != nil || r.header.Get("Retry-After") != "" {
		t.Fatalf("an injected 429 carries a wait hint: %s %v", r.body, r.header)
	}
}
