# The configuration `make demo` applies against the local mock server. The
# provider reads HOKO_ENDPOINT and HOKO_API_KEY from the environment.
terraform {
  required_providers {
    hoko = {
      source = "hoko/hoko"
    }
  }
}

provider "hoko" {}

resource "hoko_collection" "marketing" {
  name        = "Marketing Campaigns"
  description = "All marketing links"
}

resource "hoko_collection" "docs" {
  name = "Docs"
}

resource "hoko_tag" "campaign" {
  name  = "Campaign"
  color = "blue"
}

resource "hoko_partner" "acme" {
  name  = "Acme"
  email = "partners@acme.example"
}

output "collections" {
  value = {
    for c in [hoko_collection.marketing, hoko_collection.docs] : c.name => {
      id         = c.id
      created_at = c.created_at
    }
  }
}

output "tag" {
  value = { id = hoko_tag.campaign.id, color = hoko_tag.campaign.color }
}

output "partner" {
  value = { id = hoko_partner.acme.id, created_at = hoko_partner.acme.created_at }
}
