-- A person chooses the identity version in use at a provider (identity use, rollback; the UI and the API): the
-- latest choice of a ready version wins over the automatic one. Null for every version before.
ALTER TABLE "IdentityModels" ADD "ChosenAt" timestamp with time zone;
