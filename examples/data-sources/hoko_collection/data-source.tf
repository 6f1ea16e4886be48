# Look a collection up by name: every Hoko workspace starts with "Links".
data "hoko_collection" "links" {
  name = "Links"
}

# Or by id, which costs a single API request.
data "hoko_collection" "by_id" {
  id = "550e8400-e29b-41d4-a716-446655440000"
}

output "links_collection_id" {
  value = data.hoko_collection.links.id
}
