-- Blind human rating (docs/rating.md): sessions of pairs of shots, guests' invites (secret hashes only), each rater's
-- seed, and votes (one per pair, rater and question). Pairs and votes go with their session and with either shot.
CREATE TABLE "RatingSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RatingSessions" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_RatingSessions_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingPairs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RatingPairs" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "CharacterId" TEXT NOT NULL,
    "Cell" TEXT NOT NULL,
    "Prompt" TEXT NOT NULL,
    "FirstShotId" TEXT NOT NULL,
    "SecondShotId" TEXT NOT NULL,
    "FirstArm" TEXT NOT NULL,
    "SecondArm" TEXT NOT NULL,
    "FirstFaceDistance" REAL NULL,
    "SecondFaceDistance" REAL NULL,
    CONSTRAINT "FK_RatingPairs_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RatingPairs_Shots_FirstShotId" FOREIGN KEY ("FirstShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RatingPairs_Shots_SecondShotId" FOREIGN KEY ("SecondShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingInvites" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RatingInvites" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_RatingInvites_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Raters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Raters" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "RaterId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Seed" INTEGER NOT NULL,
    "StartedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Raters_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingVotes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RatingVotes" PRIMARY KEY,
    "SessionId" TEXT NOT NULL,
    "PairId" TEXT NOT NULL,
    "RaterId" TEXT NOT NULL,
    "Question" TEXT NOT NULL,
    "Answer" TEXT NOT NULL,
    "VotedAt" TEXT NOT NULL,
    CONSTRAINT "FK_RatingVotes_RatingPairs_PairId" FOREIGN KEY ("PairId") REFERENCES "RatingPairs" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RatingVotes_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Raters_SessionId_RaterId" ON "Raters" ("SessionId", "RaterId");

CREATE UNIQUE INDEX "IX_RatingInvites_Hash" ON "RatingInvites" ("Hash");

CREATE INDEX "IX_RatingInvites_SessionId" ON "RatingInvites" ("SessionId");

CREATE INDEX "IX_RatingPairs_FirstShotId" ON "RatingPairs" ("FirstShotId");

CREATE INDEX "IX_RatingPairs_SecondShotId" ON "RatingPairs" ("SecondShotId");

CREATE UNIQUE INDEX "IX_RatingPairs_SessionId_Ordinal" ON "RatingPairs" ("SessionId", "Ordinal");

CREATE INDEX "IX_RatingSessions_ProjectId" ON "RatingSessions" ("ProjectId");

CREATE UNIQUE INDEX "IX_RatingVotes_PairId_RaterId_Question" ON "RatingVotes" ("PairId", "RaterId", "Question");

CREATE INDEX "IX_RatingVotes_SessionId_RaterId" ON "RatingVotes" ("SessionId", "RaterId");
