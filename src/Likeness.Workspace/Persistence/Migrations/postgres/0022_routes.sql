-- Routing and fallback (issue 18 part 4): each character's route (its ordered identities, the policy, whether the
-- auto policy may train, its last proposal), and on each shot what the route did (the entry that made it, the skipped).
CREATE TABLE "Routes" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "Policy" character varying(20) NOT NULL,
    "Entries" text NOT NULL,
    "AllowTrain" boolean NOT NULL,
    "Proposal" character varying(1000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Routes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Routes_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

ALTER TABLE "Shots" ADD "Routing" text;

CREATE UNIQUE INDEX "IX_Routes_CharacterId" ON "Routes" ("CharacterId");
