resource "hoko_collection" "products" {
  name = "Products"
}

# One link per product, from a CSV with the columns sku, url and title.
locals {
  products = csvdecode(file("${path.module}/products.csv"))
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
