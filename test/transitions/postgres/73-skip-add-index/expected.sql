DROP INDEX "public"."users_team_idx";
