-- Who asked for a background job and their role then: each step charges that member's credits and counts against
-- that role's quotas, on whichever node runs it; a member's queued and running jobs are counted for ConcurrentJobs.
ALTER TABLE "Jobs" ADD "RequestedBy" TEXT NULL;
ALTER TABLE "Jobs" ADD "RequestedRole" TEXT NULL;
