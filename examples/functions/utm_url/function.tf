locals {
  utm = { source = "newsletter", medium = "email", campaign = "spring sale" }
}

# "https://example.com/sale?page=2&utm_source=newsletter&utm_medium=email&utm_campaign=spring+sale#top"
output "landing_page" {
  value = provider::hoko::utm_url("https://example.com/sale?page=2#top", local.utm)
}

# The same map can feed a link's utm and show where its visitors land.
resource "hoko_link" "sale" {
  url           = "https://example.com/sale"
  collection_id = "6a1f0c2e-8b7d-4e3a-9c1b-2d4e5f6a7b8c"
  utm           = local.utm
}

output "sale_lands_on" {
  value = provider::hoko::utm_url(hoko_link.sale.url, local.utm)
}
