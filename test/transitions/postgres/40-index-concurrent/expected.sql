DROP INDEX CONCURRENTLY "public"."orders_created_at_idx";
CREATE INDEX CONCURRENTLY "orders_customer_id_idx" ON "public"."orders" ("customer_id");
