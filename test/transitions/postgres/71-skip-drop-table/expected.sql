CREATE TABLE "public"."audit" (
  "id" bigint NOT NULL,
  "msg" text,
  CONSTRAINT "audit_pkey" PRIMARY KEY ("id")
);
