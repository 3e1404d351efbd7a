data "atlas_schema" "shop" {
  src     = "file://${path.module}/schema.sql"
  dev_url = "postgres://postgres:pass@localhost:5433/dev?sslmode=disable"
}

output "normalized" {
  value = data.atlas_schema.shop.hcl
}
