ALTER TABLE "public"."users" RENAME COLUMN "email" TO "email_address";
ALTER TABLE "public"."users" RENAME COLUMN "nick" TO "display_name";
ALTER TABLE "public"."users" ALTER COLUMN "display_name" TYPE character varying(100);
