# The id is the collection's: every link of it is adopted.
terraform import hoko_links.products 550e8400-e29b-41d4-a716-446655440000
