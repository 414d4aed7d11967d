-- Studies the server runs for a project (POST /api/projects/{project}/studies): the study file as sent, the job that
-- runs it, and the files it produced as a JSON map of names to content hashes in the asset store.
CREATE TABLE "Studies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Studies" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Definition" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "JobId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "Files" text NOT NULL,
    CONSTRAINT "FK_Studies_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Studies_ProjectId" ON "Studies" ("ProjectId");
