data "atlas_migration" "shop" {
  url = "postgres://app:pass@localhost:5432/shop?sslmode=disable"
  dir = "file://migrations"
}

output "pending" {
  value = data.atlas_migration.shop.status
}
