# The live schema becomes the resource's state (its hcl attribute); plan then shows what your
# configuration would change.
terraform import atlas_schema.shop "postgres://app:pass@localhost:5432/shop?search_path=public"
