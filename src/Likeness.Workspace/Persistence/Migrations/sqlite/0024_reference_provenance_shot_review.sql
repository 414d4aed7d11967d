-- A reference made from a generated shot keeps where it came from (shot, identity, prompt, seed), and a shot keeps a
-- person's accept or reject beside the gate's automatic verdict. Both JSON, both null for what came before.
ALTER TABLE "References" ADD "Provenance" text NULL;
ALTER TABLE "Shots" ADD "Review" text NULL;
