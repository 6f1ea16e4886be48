# Terraform 1.12 and later: import by the partner's resource identity, its
# id. `terraform query` with the hoko_partner list resource prints these
# identities for a whole workspace.
import {
  to = hoko_partner.acme
  identity = {
    id = "550e8400-e29b-41d4-a716-446655440000"
  }
}
