# The id is the partner's UUID.
terraform import hoko_partner.acme 550e8400-e29b-41d4-a716-446655440000
