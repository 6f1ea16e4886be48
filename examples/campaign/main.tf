# A campaign as code: a collection, a partner, a tag and one short link per
# placement, generated with for_each from a map. Add a placement to the map
# and the next apply creates its link; change a destination or a UTM value
# and the link is updated in place, keeping its short URL.
#
# The provider reads HOKO_ENDPOINT and HOKO_API_KEY (make demo sets them to
# the mock server). Tags on links are not managed yet: Hoko's API pages do
# not say how a link's tags are set.

terraform {
  required_providers {
    hoko = { source = "hoko/hoko" }
  }
}

provider "hoko" {}

locals {
  campaign = "spring-2026"
  placements = {
    newsletter = { url = "https://example.com/spring", medium = "email", title = "Spring newsletter" }
    instagram  = { url = "https://example.com/spring", medium = "social", title = "Instagram bio" }
    podcast    = { url = "https://example.com/spring?offer=pod", medium = "audio", title = "Podcast ad read" }
    partner    = { url = "https://example.com/partners/acme", medium = "referral", title = "Acme Media banner" }
  }
}

resource "hoko_collection" "campaign" {
  name        = "Spring 2026"
  description = "Every short link of the spring 2026 campaign"
}

resource "hoko_partner" "acme" {
  name  = "Acme Media"
  email = "partners@acme.example"
}

resource "hoko_tag" "campaign" {
  name  = "spring-2026"
  color = "emerald"
}

resource "hoko_link" "placement" {
  for_each = local.placements

  url           = each.value.url
  collection_id = hoko_collection.campaign.id
  title         = each.value.title
  external_id   = "${local.campaign}-${each.key}"
  utm = {
    source   = each.key
    medium   = each.value.medium
    campaign = local.campaign
  }
  # Only the partner placement is attributed to Acme.
  partner_id = each.key == "partner" ? hoko_partner.acme.id : null
}

output "short_urls" {
  value = { for k, l in hoko_link.placement : k => l.short_url }
}

output "landing_pages" {
  value = {
    for k, p in local.placements : k => provider::hoko::utm_url(p.url, {
      source = k, medium = p.medium, campaign = local.campaign
    })
  }
}
