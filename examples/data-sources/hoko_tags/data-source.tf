# Every tag of the workspace.
data "hoko_tags" "all" {}

# Only the tags whose name contains "Campaign" (case-sensitive).
data "hoko_tags" "campaigns" {
  name_contains = "Campaign"
}

output "tag_colors" {
  value = { for t in data.hoko_tags.all.tags : t.name => t.color }
}
