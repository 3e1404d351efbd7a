ALTER INDEX "public"."idx_created" RENAME TO "users_created_at_idx";
ALTER INDEX "public"."idx_email" RENAME TO "users_email_lower_key";
