package hoko

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultEndpoint is the Hoko API's base URL.
const DefaultEndpoint = "https://hoko.to"

// ParseEndpoint checks that raw is a base URL the client may send a key to:
// https anywhere, plain http only to a loopback host (localhost, 127.0.0.0/8,
// ::1), so a key never travels in clear text over a network. Its errors quote
// the URL with any credentials, query and fragment replaced by REDACTED: a
// refused endpoint is shown in diagnostics and logs, and what was refused may
// be a key.
func ParseEndpoint(raw string) (*url.URL, error) {
	shown := RedactEndpoint(raw)
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("endpoint %q is not a valid URL%s", shown, parseReason(err))
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("endpoint %q must be a plain base URL without credentials, query or fragment; "+
			"give the API key as api_key (or HOKO_API_KEY) instead", shown)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("endpoint %q has no host; use a URL such as %s", shown, DefaultEndpoint)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("endpoint %q uses plain http to a host that is not loopback; "+
				"the API key would travel in clear text. Use https, or http only with localhost, 127.0.0.0/8 or ::1", shown)
		}
	default:
		return nil, fmt.Errorf("endpoint %q must start with https:// (or http:// for a loopback host)", shown)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// redacted stands in for the parts of an endpoint that may hold a secret.
const redacted = "REDACTED"

// RedactEndpoint returns raw with what may be a secret replaced by REDACTED:
// the user information (user:password@), the query and the fragment. It
// works on URLs that do not parse, or parse without a host ("user:key@host"
// reads as an opaque URL of scheme "user"), too, by cutting at the last "@"
// and at the first "?" or "#" after it, since those are URLs errors quote.
func RedactEndpoint(raw string) string {
	s := strings.TrimSpace(raw)
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		if u.User != nil {
			u.User = url.User(redacted)
		}
		if u.RawQuery != "" || u.ForceQuery {
			u.RawQuery, u.ForceQuery = redacted, false
		}
		if u.Fragment != "" || u.RawFragment != "" {
			u.Fragment, u.RawFragment = redacted, ""
		}
		return u.String()
	}
	start := 0
	if i := strings.Index(s, "//"); i >= 0 {
		start = i + 2
	}
	if at := strings.LastIndexByte(s, '@'); at >= start {
		s = s[:start] + redacted + s[at:]
	}
	if i := strings.IndexAny(s[start:], "?#"); i >= 0 {
		s = s[:start+i+1] + redacted
	}
	return s
}

// parseReason is url.Parse's reason for refusing a URL, without the URL it
// quotes in full. A reason that quotes a piece of the URL (an invalid port,
// say) is left out, as that piece may be a secret.
func parseReason(err error) string {
	var urlErr *url.Error
	if !errors.As(err, &urlErr) || strings.ContainsAny(urlErr.Err.Error(), "\"'") {
		return ""
	}
	return ": " + urlErr.Err.Error()
}

// IsLoopbackHost reports whether host (without port) is localhost or a
// loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
