-- Blind human rating (docs/rating.md): sessions of pairs of shots, guests' invites (secret hashes only), each rater's
-- seed, and votes (one per pair, rater and question). Pairs and votes go with their session and with either shot.
CREATE TABLE "RatingSessions" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Source" character varying(300) NOT NULL,
    "CreatedBy" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_RatingSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RatingSessions_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingPairs" (
    "Id" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "Ordinal" integer NOT NULL,
    "CharacterId" uuid NOT NULL,
    "Cell" text NOT NULL,
    "Prompt" text NOT NULL,
    "FirstShotId" uuid NOT NULL,
    "SecondShotId" uuid NOT NULL,
    "FirstArm" character varying(100) NOT NULL,
    "SecondArm" character varying(100) NOT NULL,
    "FirstFaceDistance" double precision,
    "SecondFaceDistance" double precision,
    CONSTRAINT "PK_RatingPairs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RatingPairs_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RatingPairs_Shots_FirstShotId" FOREIGN KEY ("FirstShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RatingPairs_Shots_SecondShotId" FOREIGN KEY ("SecondShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingInvites" (
    "Id" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "Label" character varying(100) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_RatingInvites" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RatingInvites_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Raters" (
    "Id" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "RaterId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "Seed" integer NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Raters" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Raters_RatingSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "RatingSessions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RatingVotes" (
    "Id" uuid NOT NULL,
    "SessionId" uuid NOT NULL,
    "PairId" uuid NOT NULL,
    "RaterId" uuid NOT NULL,
    "Question" character varying(20) NOT NULL,
    "Answer" character varying(20) NOT NULL,
    "VotedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_RatingVotes" PRIMARY KEY ("Id"),
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
