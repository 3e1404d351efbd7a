ALTER TABLE "public"."customer" RENAME TO "client";
ALTER TABLE "public"."client" RENAME COLUMN "mail" TO "email";
ALTER INDEX "public"."customer_mail_idx" RENAME TO "client_email_idx";
