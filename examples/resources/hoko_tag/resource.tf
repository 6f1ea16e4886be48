# A blue tag.
resource "hoko_tag" "campaign" {
  name  = "Campaign"
  color = "blue"
}

# A tag in Hoko's default colour, slate. Removing `color` from a
# configuration later sets the tag back to slate.
resource "hoko_tag" "internal" {
  name = "Internal"
}
