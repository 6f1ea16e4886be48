resource "hoko_collection" "spring" {
  name = "Spring Campaign"
}

resource "hoko_partner" "acme" {
  name = "Acme Media"
}

# A short link with every argument. Removing an optional argument later
# clears it on Hoko; removing one key of utm clears only that key.
resource "hoko_link" "sale" {
  url           = "https://example.com/spring-sale"
  collection_id = hoko_collection.spring.id
  title         = "Spring sale"
  description   = "Hero banner of the spring newsletter"
  image         = "https://example.com/images/spring.png"
  utm = {
    source   = "newsletter"
    medium   = "email"
    campaign = "spring"
  }
  external_id = "crm-4711"
  tenant_id   = "acme"
  partner_id  = hoko_partner.acme.id
}

output "sale_short_url" {
  value = hoko_link.sale.short_url
}

# The least a link needs: a destination and a collection.
resource "hoko_link" "docs" {
  url           = "https://example.com/docs"
  collection_id = hoko_collection.spring.id
}
