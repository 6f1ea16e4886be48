# A link by the external id another system gave it: one request, as Hoko
# filters by external id.
data "hoko_link" "from_crm" {
  external_id = "crm-4711"
}

# A link by its id.
data "hoko_link" "by_id" {
  id = "550e8400-e29b-41d4-a716-446655440000"
}

output "crm_short_url" {
  value = data.hoko_link.from_crm.short_url
}
