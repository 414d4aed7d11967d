-- Post-training validation (issue 18 part 5): the report of the fixed validation set, JSON, on the identity model.
ALTER TABLE "IdentityModels" ADD "Validation" text;
