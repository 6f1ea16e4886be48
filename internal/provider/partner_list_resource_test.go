package provider

import "testing"

func TestProtocolPartnerList_ListsFiltersAndLimits(t *testing.T) {
	t.Parallel()
	partnerScenarios.listProtocol(t)
}

func TestAccPartnerList_Query(t *testing.T) {
	t.Parallel()
	partnerScenarios.listAcceptance(t)
}
