import {
  to = hoko_link.sale
  id = "550e8400-e29b-41d4-a716-446655440000"
}
