-- Routing and fallback (issue 18 part 4): each character's route (its ordered identities, the policy, whether the
-- auto policy may train, its last proposal), and on each shot what the route did (the entry that made it, the skipped).
CREATE TABLE "Routes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Routes" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "Policy" TEXT NOT NULL,
    "Entries" text NOT NULL,
    "AllowTrain" INTEGER NOT NULL,
    "Proposal" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Routes_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

ALTER TABLE "Shots" ADD "Routing" text NULL;

CREATE UNIQUE INDEX "IX_Routes_CharacterId" ON "Routes" ("CharacterId");
