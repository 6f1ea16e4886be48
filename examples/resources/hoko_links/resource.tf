resource "hoko_collection" "products" {
  name = "Products"
}

# One link per product, from data such as csvdecode(file("products.csv")).
locals {
  products = [
    { sku = "1001", url = "https://example.com/p/1001", title = "Blue mug" },
    { sku = "1002", url = "https://example.com/p/1002", title = "Red mug" },
  ]
}

resource "hoko_links" "products" {
  collection_id = hoko_collection.products.id
  links = {
    for p in local.products : p.sku => {
      url         = p.url
      title       = p.title
      external_id = "sku-${p.sku}"
      utm         = { source = "catalogue", medium = "qr" }
    }
  }
}

output "short_urls" {
  value = { for sku, link in hoko_links.products.links : sku => link.short_url }
}
