# Terraform 1.14 and later. Every collection of the workspace, oldest first,
# with all attributes, so that
#
#   terraform query -generate-config-out=collections.tf
#
# writes a resource block and an import block for each one: `terraform apply`
# then adopts the whole workspace. Terraform returns 100 results unless
# `limit` says otherwise.
list "hoko_collection" "all" {
  provider         = hoko
  include_resource = true
  limit            = 10000
}

# Only the collections whose name contains "Campaign" (a case-sensitive
# substring match, the same filter as the hoko_collections data source).
list "hoko_collection" "campaigns" {
  provider = hoko

  config {
    name_contains = "Campaign"
  }
}
