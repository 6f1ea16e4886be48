# Look a partner up by id, with a single API request. Partner names are not
# unique; find partners by name with the hoko_partners data source.
data "hoko_partner" "acme" {
  id = "550e8400-e29b-41d4-a716-446655440000"
}

output "acme_email" {
  value = data.hoko_partner.acme.email
}
