# The id is the link's UUID.
terraform import hoko_link.sale 550e8400-e29b-41d4-a716-446655440000
