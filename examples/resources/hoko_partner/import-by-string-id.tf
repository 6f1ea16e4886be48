import {
  to = hoko_partner.acme
  id = "550e8400-e29b-41d4-a716-446655440000"
}
