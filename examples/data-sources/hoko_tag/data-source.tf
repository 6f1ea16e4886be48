# Look a tag up by name; tag names are unique per workspace.
data "hoko_tag" "campaign" {
  name = "Campaign"
}

# Or by id, which costs a single API request.
data "hoko_tag" "by_id" {
  id = "550e8400-e29b-41d4-a716-446655440000"
}

output "campaign_tag_color" {
  value = data.hoko_tag.campaign.color
}
