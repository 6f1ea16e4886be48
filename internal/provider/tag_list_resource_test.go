package provider

import "testing"

func TestProtocolTagList_ListsFiltersAndLimits(t *testing.T) {
	t.Parallel()
	tagScenarios.listProtocol(t)
}

func TestAccTagList_Query(t *testing.T) {
	t.Parallel()
	tagScenarios.listAcceptance(t)
}
