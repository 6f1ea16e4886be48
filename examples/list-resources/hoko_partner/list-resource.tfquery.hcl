# Terraform 1.14 and later. Every partner of the workspace, oldest first,
# with all attributes, so that
#
#   terraform query -generate-config-out=partners.tf
#
# writes a resource block and an import block for each one. Terraform
# returns 100 results unless `limit` says otherwise.
list "hoko_partner" "all" {
  provider         = hoko
  include_resource = true
  limit            = 10000
}

# Only the partners whose name contains "Acme" (a case-sensitive substring
# match, the same filter as the hoko_partners data source).
list "hoko_partner" "acme" {
  provider = hoko

  config {
    name_contains = "Acme"
  }
}
