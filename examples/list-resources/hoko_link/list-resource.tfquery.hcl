# Terraform 1.14 and later. Every link of the workspace, oldest first, with
# all attributes, so that
#
#   terraform query -generate-config-out=links.tf
#
# writes a resource block and an import block for each one. Terraform
# returns 100 results unless `limit` says otherwise.
list "hoko_link" "all" {
  provider         = hoko
  include_resource = true
  limit            = 10000
}

# Only the links of one tenant in one collection. Hoko filters by tenant
# itself; the collection is filtered by the provider.
list "hoko_link" "acme_spring" {
  provider = hoko

  config {
    tenant_id     = "acme"
    collection_id = "6a1f0c2e-8b7d-4e3a-9c1b-2d4e5f6a7b8c"
  }
}
