# Adopts every link of the collection, keyed by external_id where set and
# by link id otherwise.
import {
  to = hoko_links.products
  id = "550e8400-e29b-41d4-a716-446655440000" # the collection's id
}
