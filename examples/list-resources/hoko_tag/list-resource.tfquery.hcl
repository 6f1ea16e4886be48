# Terraform 1.14 and later. Every tag of the workspace, with all attributes,
# so that
#
#   terraform query -generate-config-out=tags.tf
#
# writes a resource block and an import block for each one. Terraform
# returns 100 results unless `limit` says otherwise.
list "hoko_tag" "all" {
  provider         = hoko
  include_resource = true
  limit            = 10000
}

# Only the tags whose name contains "Campaign" (a case-sensitive substring
# match, the same filter as the hoko_tags data source).
list "hoko_tag" "campaigns" {
  provider = hoko

  config {
    name_contains = "Campaign"
  }
}
