-- The server's data-protection key ring (the keys that sign session cookies and antiforgery tokens), shared by every
-- node on this database so a cookie issued by one node is accepted by the others.
CREATE TABLE "KeyRing" (
    "Id" uuid NOT NULL,
    "FriendlyName" character varying(200) NULL,
    "Xml" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_KeyRing" PRIMARY KEY ("Id")
);
