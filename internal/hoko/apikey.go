package hoko

import (
	"errors"
	"fmt"
	"unicode"
)

// CheckAPIKey reports whether key can be sent as a bearer token. A key with a
// line break, a space or another control character in it is refused at
// once: net/http would refuse to send the header, and retrying that only
// looks like a network fault. The error names the position and the kind of
// character, never the key itself. Callers that read a key from a file
// should trim the white space around it first.
func CheckAPIKey(key string) error {
	if key == "" {
		return errors.New("an API key is required")
	}
	n := 0
	for _, r := range key {
		n++
		switch {
		case r == '\n' || r == '\r':
			return fmt.Errorf("the API key has a line break at character %d; a key is one line", n)
		case unicode.IsSpace(r):
			return fmt.Errorf("the API key has white space at character %d; a key has none", n)
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return fmt.Errorf("the API key has a control or invalid character at character %d", n)
		}
	}
	return nil
}
