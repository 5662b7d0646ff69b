-- CreateEnum
CREATE TYPE "PersonStatus" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateEnum
CREATE TYPE "ProgramStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "MatchingStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ENDED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('PENDING', 'CONFIRMED', 'DECLINED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "SessionOperation" AS ENUM ('NONE', 'BOOKING', 'RESCHEDULING', 'CANCELLING');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('needsAction', 'accepted', 'tentative', 'declined');

-- CreateEnum
CREATE TYPE "ConferenceStatus" AS ENUM ('NONE', 'PENDING', 'SUCCESS', 'FAILURE');

-- CreateEnum
CREATE TYPE "CalendarVendor" AS ENUM ('GOOGLE_CALENDAR');

-- CreateEnum
CREATE TYPE "IntegrationMethod" AS ENUM ('DOMAIN_WIDE', 'PER_USER');

-- CreateEnum
CREATE TYPE "WizardStep" AS ENUM ('VENDOR', 'METHOD', 'INSTALL', 'TEST', 'DONE');

-- CreateEnum
CREATE TYPE "IntegrationStatus" AS ENUM ('NOT_CONFIGURED', 'CONFIGURING', 'ACTIVE', 'FAILING');

-- CreateEnum
CREATE TYPE "AccessStatus" AS ENUM ('UNKNOWN', 'ACTIVE', 'NOT_INSTALLED', 'NOT_IN_WORKSPACE', 'SUSPENDED_OR_DELETED', 'CALENDAR_API_ERROR', 'OTHER');

-- CreateEnum
CREATE TYPE "ChannelStatus" AS ENUM ('ACTIVE', 'STOPPED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "TestRunTrigger" AS ENUM ('MANUAL', 'SCHEDULED');

-- CreateEnum
CREATE TYPE "TestRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('INCIDENT_OPENED', 'INCIDENT_RESOLVED');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('ADMIN_TOKEN', 'USER', 'SYSTEM');

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkspaceDomain" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "externalId" TEXT,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "workingHours" JSONB NOT NULL,
    "status" "PersonStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Program" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "status" "ProgramStatus" NOT NULL DEFAULT 'ACTIVE',
    "sessionDurations" INTEGER[] DEFAULT ARRAY[30, 45, 60]::INTEGER[],
    "bufferMinutes" INTEGER NOT NULL DEFAULT 0,
    "minimumNoticeMinutes" INTEGER NOT NULL DEFAULT 720,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Matching" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "externalId" TEXT,
    "programId" UUID NOT NULL,
    "mentorId" UUID NOT NULL,
    "menteeId" UUID NOT NULL,
    "status" "MatchingStatus" NOT NULL DEFAULT 'ACTIVE',
    "agenda" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Matching_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentoringSession" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "matchingId" UUID NOT NULL,
    "organizerId" UUID NOT NULL,
    "attendeeId" UUID NOT NULL,
    "sequenceNumber" INTEGER NOT NULL,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'PENDING',
    "operation" "SessionOperation" NOT NULL DEFAULT 'BOOKING',
    "operationStartedAt" TIMESTAMPTZ(3),
    "targetStartAt" TIMESTAMPTZ(3),
    "targetEndAt" TIMESTAMPTZ(3),
    "googleCalendarId" TEXT,
    "googleEventId" TEXT,
    "googleEtag" TEXT,
    "attendeeResponseStatus" "ResponseStatus" NOT NULL DEFAULT 'needsAction',
    "rsvpCheckedAt" TIMESTAMPTZ(3),
    "conferenceStatus" "ConferenceStatus" NOT NULL DEFAULT 'NONE',
    "meetLink" TEXT,
    "cancelReason" TEXT,
    "conflictDetectedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MentoringSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarIntegration" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "vendor" "CalendarVendor",
    "method" "IntegrationMethod",
    "ownerEmail" TEXT,
    "wizardStep" "WizardStep" NOT NULL DEFAULT 'VENDOR',
    "status" "IntegrationStatus" NOT NULL DEFAULT 'NOT_CONFIGURED',
    "lastTestSummary" JSONB,
    "lastTestedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarIntegration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonCalendarAccess" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" "AccessStatus" NOT NULL DEFAULT 'UNKNOWN',
    "reason" TEXT,
    "fix" TEXT,
    "googleTimeZone" TEXT,
    "checkedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PersonCalendarAccess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserOAuthCredential" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "encryptedRefreshToken" BYTEA NOT NULL,
    "scopes" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UserOAuthCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WatchChannel" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "calendarId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "resourceId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "ChannelStatus" NOT NULL DEFAULT 'ACTIVE',
    "lastMessageNumber" BIGINT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WatchChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarSyncState" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "calendarId" TEXT NOT NULL,
    "syncToken" TEXT,
    "dirtySince" TIMESTAMPTZ(3),
    "lastSyncedAt" TIMESTAMPTZ(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarSyncState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationTestRun" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "trigger" "TestRunTrigger" NOT NULL,
    "status" "TestRunStatus" NOT NULL DEFAULT 'QUEUED',
    "activeLock" UUID,
    "total" INTEGER NOT NULL DEFAULT 0,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "active" INTEGER NOT NULL DEFAULT 0,
    "countsByReason" JSONB,
    "requestedBy" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "IntegrationTestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationTestResult" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" "AccessStatus" NOT NULL,
    "reason" TEXT,
    "fix" TEXT,
    "googleTimeZone" TEXT,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntegrationTestResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "openLock" UUID,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminApiToken" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AdminApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceDomain_domain_key" ON "WorkspaceDomain"("domain");

-- CreateIndex
CREATE INDEX "WorkspaceDomain_organizationId_idx" ON "WorkspaceDomain"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organizationId_id_key" ON "Person"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organizationId_email_key" ON "Person"("organizationId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organizationId_externalId_key" ON "Person"("organizationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Program_organizationId_id_key" ON "Program"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Program_organizationId_externalId_key" ON "Program"("organizationId", "externalId");

-- CreateIndex
CREATE INDEX "Matching_organizationId_mentorId_idx" ON "Matching"("organizationId", "mentorId");

-- CreateIndex
CREATE INDEX "Matching_organizationId_menteeId_idx" ON "Matching"("organizationId", "menteeId");

-- CreateIndex
CREATE UNIQUE INDEX "Matching_organizationId_id_key" ON "Matching"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Matching_organizationId_externalId_key" ON "Matching"("organizationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Matching_programId_mentorId_menteeId_key" ON "Matching"("programId", "mentorId", "menteeId");

-- CreateIndex
CREATE INDEX "MentoringSession_organizationId_organizerId_startAt_idx" ON "MentoringSession"("organizationId", "organizerId", "startAt");

-- CreateIndex
CREATE INDEX "MentoringSession_organizationId_attendeeId_startAt_idx" ON "MentoringSession"("organizationId", "attendeeId", "startAt");

-- CreateIndex
CREATE INDEX "MentoringSession_status_operation_idx" ON "MentoringSession"("status", "operation");

-- CreateIndex
CREATE UNIQUE INDEX "MentoringSession_googleCalendarId_googleEventId_key" ON "MentoringSession"("googleCalendarId", "googleEventId");

-- CreateIndex
CREATE UNIQUE INDEX "MentoringSession_matchingId_sequenceNumber_key" ON "MentoringSession"("matchingId", "sequenceNumber");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarIntegration_organizationId_key" ON "CalendarIntegration"("organizationId");

-- CreateIndex
CREATE INDEX "PersonCalendarAccess_organizationId_status_idx" ON "PersonCalendarAccess"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PersonCalendarAccess_organizationId_personId_key" ON "PersonCalendarAccess"("organizationId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "UserOAuthCredential_personId_key" ON "UserOAuthCredential"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "UserOAuthCredential_organizationId_personId_key" ON "UserOAuthCredential"("organizationId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "WatchChannel_channelId_key" ON "WatchChannel"("channelId");

-- CreateIndex
CREATE INDEX "WatchChannel_status_expiresAt_idx" ON "WatchChannel"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "WatchChannel_organizationId_personId_idx" ON "WatchChannel"("organizationId", "personId");

-- CreateIndex
CREATE INDEX "CalendarSyncState_organizationId_idx" ON "CalendarSyncState"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarSyncState_personId_calendarId_key" ON "CalendarSyncState"("personId", "calendarId");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationTestRun_activeLock_key" ON "IntegrationTestRun"("activeLock");

-- CreateIndex
CREATE INDEX "IntegrationTestRun_organizationId_createdAt_idx" ON "IntegrationTestRun"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationTestRun_organizationId_id_key" ON "IntegrationTestRun"("organizationId", "id");

-- CreateIndex
CREATE INDEX "IntegrationTestResult_runId_status_idx" ON "IntegrationTestResult"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationTestResult_runId_personId_key" ON "IntegrationTestResult"("runId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openLock_key" ON "Incident"("openLock");

-- CreateIndex
CREATE INDEX "Incident_organizationId_openedAt_idx" ON "Incident"("organizationId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_organizationId_id_key" ON "Incident"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Notification_status_idx" ON "Notification"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_incidentId_kind_key" ON "Notification"("incidentId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AdminApiToken_tokenHash_key" ON "AdminApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AdminApiToken_organizationId_idx" ON "AdminApiToken"("organizationId");

-- CreateIndex
CREATE INDEX "AuditLogEntry_organizationId_createdAt_idx" ON "AuditLogEntry"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "WorkspaceDomain" ADD CONSTRAINT "WorkspaceDomain_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Matching" ADD CONSTRAINT "Matching_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Matching" ADD CONSTRAINT "Matching_organizationId_programId_fkey" FOREIGN KEY ("organizationId", "programId") REFERENCES "Program"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Matching" ADD CONSTRAINT "Matching_organizationId_mentorId_fkey" FOREIGN KEY ("organizationId", "mentorId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Matching" ADD CONSTRAINT "Matching_organizationId_menteeId_fkey" FOREIGN KEY ("organizationId", "menteeId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_organizationId_matchingId_fkey" FOREIGN KEY ("organizationId", "matchingId") REFERENCES "Matching"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_organizationId_organizerId_fkey" FOREIGN KEY ("organizationId", "organizerId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_organizationId_attendeeId_fkey" FOREIGN KEY ("organizationId", "attendeeId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarIntegration" ADD CONSTRAINT "CalendarIntegration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonCalendarAccess" ADD CONSTRAINT "PersonCalendarAccess_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonCalendarAccess" ADD CONSTRAINT "PersonCalendarAccess_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserOAuthCredential" ADD CONSTRAINT "UserOAuthCredential_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserOAuthCredential" ADD CONSTRAINT "UserOAuthCredential_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchChannel" ADD CONSTRAINT "WatchChannel_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchChannel" ADD CONSTRAINT "WatchChannel_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarSyncState" ADD CONSTRAINT "CalendarSyncState_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarSyncState" ADD CONSTRAINT "CalendarSyncState_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationTestRun" ADD CONSTRAINT "IntegrationTestRun_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationTestResult" ADD CONSTRAINT "IntegrationTestResult_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationTestResult" ADD CONSTRAINT "IntegrationTestResult_organizationId_runId_fkey" FOREIGN KEY ("organizationId", "runId") REFERENCES "IntegrationTestRun"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationTestResult" ADD CONSTRAINT "IntegrationTestResult_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_incidentId_fkey" FOREIGN KEY ("organizationId", "incidentId") REFERENCES "Incident"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminApiToken" ADD CONSTRAINT "AdminApiToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLogEntry" ADD CONSTRAINT "AuditLogEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot state (not introspected, so they cause no drift).
ALTER TABLE "Matching" ADD CONSTRAINT "Matching_distinct_people_check" CHECK ("mentorId" <> "menteeId");
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_distinct_people_check" CHECK ("organizerId" <> "attendeeId");
ALTER TABLE "MentoringSession" ADD CONSTRAINT "MentoringSession_time_order_check" CHECK ("startAt" < "endAt");
ALTER TABLE "WorkspaceDomain" ADD CONSTRAINT "WorkspaceDomain_lower_case_check" CHECK ("domain" = lower("domain"));
ALTER TABLE "Person" ADD CONSTRAINT "Person_email_lower_case_check" CHECK ("email" = lower("email"));
