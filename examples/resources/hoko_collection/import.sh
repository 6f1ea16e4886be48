# The id is the collection's UUID.
terraform import hoko_collection.marketing 550e8400-e29b-41d4-a716-446655440000
