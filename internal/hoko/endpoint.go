package hoko

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultEndpoint is the Hoko API's base URL.
const DefaultEndpoint = "https://hoko.to"

// ParseEndpoint checks that raw is a base URL the client may send a key to:
// https anywhere, plain http only to a loopback host (localhost, 127.0.0.0/8,
// ::1), so a key never travels in clear text over a network.
func ParseEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("endpoint %q is not a valid URL: %w", raw, err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("endpoint %q has no host; use a URL such as %s", raw, DefaultEndpoint)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("endpoint %q must be a plain base URL without credentials, query or fragment", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("endpoint %q uses plain http to a host that is not loopback; "+
				"the API key would travel in clear text. Use https, or http only with localhost, 127.0.0.0/8 or ::1", raw)
		}
	default:
		return nil, fmt.Errorf("endpoint %q must start with https:// (or http:// for a loopback host)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
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
