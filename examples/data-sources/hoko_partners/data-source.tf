# Every partner whose name contains "Acme" (case-sensitive); partners that
# share a name are all listed.
data "hoko_partners" "acme" {
  name_contains = "Acme"
}

output "acme_partner_ids" {
  value = data.hoko_partners.acme.partners[*].id
}
