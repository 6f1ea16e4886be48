data "hoko_collection" "spring" {
  name = "Spring Campaign"
}

# Every link of one collection. Hoko has no collection filter, so this reads
# every link of the workspace and keeps the collection's.
data "hoko_links" "spring" {
  collection_id = data.hoko_collection.spring.id
}

# Links of one tenant: Hoko filters these itself.
data "hoko_links" "acme" {
  tenant_id = "acme"
}

output "spring_short_urls" {
  value = { for l in data.hoko_links.spring.links : l.url => l.short_url }
}
