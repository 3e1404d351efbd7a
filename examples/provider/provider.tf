terraform {
  required_providers {
    atlas = {
      source = "ariga/atlas"
    }
  }
}

# A dev database for every resource that does not set its own: an empty database (or a server
# where atlas-ts may create and drop a temporary one) on the same engine and major version.
provider "atlas" {
  dev_url = "postgres://postgres:pass@localhost:5433/dev?sslmode=disable"
}
