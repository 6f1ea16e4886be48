# A partner with an email address and a phone number.
resource "hoko_partner" "acme" {
  name  = "Acme"
  email = "partners@acme.example"
  phone = "+1234567890"
}

# A partner with a name only. Partner names need not be unique, and removing
# `email` or `phone` from a configuration later clears it on Hoko.
resource "hoko_partner" "reseller" {
  name = "Acme"
}
