-- The audit of deletes (Deletion/DeletionService): who, what, when, the counts removed, and the files still to be
-- removed from the asset store after the commit (finished by `likeness doctor` when a removal was interrupted).
CREATE TABLE "Deletions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Deletions" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Forced" INTEGER NOT NULL,
    "Counts" text NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "CostUsd" TEXT NOT NULL,
    "PendingAssets" text NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_Deletions_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Deletions_ProjectId" ON "Deletions" ("ProjectId");
