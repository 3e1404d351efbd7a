# The desired schema, normalized by the data source so that its id changes only with the schema.
data "atlas_schema" "shop" {
  src = file("${path.module}/schema.hcl")
}

resource "atlas_schema" "shop" {
  url = "postgres://app:pass@localhost:5432/shop?search_path=public&sslmode=disable"
  hcl = data.atlas_schema.shop.hcl

  # Index changes on existing tables run CONCURRENTLY; dropping tables is left to humans.
  diff {
    concurrent_index {
      create = true
      drop   = true
    }
    skip {
      drop_table = true
    }
  }
}

# SQL works as well as HCL:
resource "atlas_schema" "billing" {
  url = "mysql://app:pass@localhost:3306/billing"
  dev_url = "mysql://root:pass@localhost:3307/"
  sql = <<-SQL
    CREATE TABLE invoices (
      id bigint NOT NULL PRIMARY KEY,
      total decimal(10,2) NOT NULL
    );
  SQL
}
