-- Studies the server runs for a project (POST /api/projects/{project}/studies): the study file as sent, the job that
-- runs it, and the files it produced as a JSON map of names to content hashes in the asset store.
CREATE TABLE "Studies" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Definition" text NOT NULL,
    "Status" character varying(20) NOT NULL,
    "JobId" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "Files" text NOT NULL,
    CONSTRAINT "PK_Studies" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Studies_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Studies_ProjectId" ON "Studies" ("ProjectId");
