# Terraform 1.12 and later: import by the link's resource identity, its id.
# `terraform query` with the hoko_link list resource prints these identities
# for a whole workspace.
import {
  to = hoko_link.sale
  identity = {
    id = "550e8400-e29b-41d4-a716-446655440000"
  }
}
