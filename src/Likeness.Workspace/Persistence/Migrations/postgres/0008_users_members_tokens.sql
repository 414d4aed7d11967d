-- Users, personal API tokens (SHA-256 of the secret only) and project membership with a role, for the server.
CREATE TABLE "Users" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "NameKey" character varying(100) NOT NULL,
    "PasswordHash" character varying(200),
    "IsAdministrator" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Users" PRIMARY KEY ("Id")
);

CREATE TABLE "ApiTokens" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "Prefix" character varying(20) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_ApiTokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApiTokens_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProjectMembers" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Role" character varying(20) NOT NULL,
    "AddedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ProjectMembers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProjectMembers_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProjectMembers_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Users_NameKey" ON "Users" ("NameKey");

CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");

CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");

CREATE UNIQUE INDEX "IX_ProjectMembers_ProjectId_UserId" ON "ProjectMembers" ("ProjectId", "UserId");

CREATE INDEX "IX_ProjectMembers_UserId" ON "ProjectMembers" ("UserId");
