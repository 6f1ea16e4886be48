# A collection with a description.
resource "hoko_collection" "marketing" {
  name        = "Marketing Campaigns"
  description = "Short links used in marketing campaigns."
}

# A collection without a description. Removing `description` from a
# configuration later clears the description on Hoko as well.
resource "hoko_collection" "docs" {
  name = "Docs"
}
