data "atlas_migration" "shop" {
  url = "postgres://app:pass@localhost:5432/shop?sslmode=disable"
  dir = "file://migrations"
}

# Steps one version per apply; use data.atlas_migration.shop.latest to go to the newest file.
resource "atlas_migration" "shop" {
  url     = "postgres://app:pass@localhost:5432/shop?sslmode=disable"
  dir     = "file://migrations"
  version = data.atlas_migration.shop.next

  protected_flows {
    migrate_down {
      allow = false
    }
  }
}
