terraform {
  required_providers {
    hoko = {
      source  = "hoko/hoko"
      version = "~> 0.1"
    }
  }
}

# The provider reads its API key from the HOKO_API_KEY environment variable,
# so the key never appears in configuration. The key needs the
# collectionsRead and collectionsWrite scopes.
provider "hoko" {}

# Every Hoko workspace starts with a collection named "Links".
data "hoko_collection" "default" {
  name = "Links"
}

resource "hoko_collection" "campaigns" {
  name        = "Spring Campaigns"
  description = "Short links for the spring marketing campaigns."
}

output "collection_ids" {
  value = {
    default   = data.hoko_collection.default.id
    campaigns = hoko_collection.campaigns.id
  }
}
