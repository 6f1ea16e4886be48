# The id is the tag's UUID.
terraform import hoko_tag.campaign 550e8400-e29b-41d4-a716-446655440000
