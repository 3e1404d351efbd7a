ALTER TABLE "public"."orders" VALIDATE CONSTRAINT "orders_total_check";
ALTER TABLE "public"."orders" VALIDATE CONSTRAINT "orders_user_fkey";
