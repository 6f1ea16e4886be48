package provider

import "regexp"

// uuidPattern matches the canonical textual form of a UUID, which is how
// Hoko writes collection ids.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isUUID reports whether s is a well-formed collection id.
func isUUID(s string) bool { return uuidPattern.MatchString(s) }
