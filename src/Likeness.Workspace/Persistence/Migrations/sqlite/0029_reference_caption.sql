-- A caption the user wrote for a reference, sent with it to a trainer instead of the written one; null when none.
ALTER TABLE "References" ADD "Caption" text NULL;
