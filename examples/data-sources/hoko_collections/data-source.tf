# Every collection of the workspace, oldest first.
data "hoko_collections" "all" {
  sort = "asc"
}

# Only the collections whose name contains "Campaign" (case-sensitive).
data "hoko_collections" "campaigns" {
  name_contains = "Campaign"
}

output "collection_names" {
  value = data.hoko_collections.all.collections[*].name
}

output "campaign_ids" {
  value = { for c in data.hoko_collections.campaigns.collections : c.name => c.id }
}
