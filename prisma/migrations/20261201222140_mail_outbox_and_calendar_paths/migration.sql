CREATE TYPE "CalendarPath" AS ENUM ('BOOKER_CALENDAR', 'MATCH_CALENDAR', 'EMAIL_INVITATION');

ALTER TYPE "NotificationKind" ADD VALUE 'SESSION_INVITATION';
ALTER TYPE "NotificationKind" ADD VALUE 'SESSION_CANCELLATION';
ALTER TYPE "NotificationKind" ADD VALUE 'CONNECT_LINK';

ALTER TYPE "NotificationStatus" ADD VALUE 'SENDING';

ALTER TABLE "MentoringSession" ADD COLUMN     "calendarPath" "CalendarPath" NOT NULL DEFAULT 'BOOKER_CALENDAR',
ADD COLUMN     "invitationSequence" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Notification" ADD COLUMN     "calendar" TEXT,
ADD COLUMN     "calendarMethod" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "messageKey" TEXT,
ADD COLUMN     "sessionId" UUID,
ALTER COLUMN "incidentId" DROP NOT NULL;

UPDATE "Notification" SET "messageKey" = 'notification.' || "id"::text;
ALTER TABLE "Notification" ALTER COLUMN "messageKey" SET NOT NULL;

CREATE UNIQUE INDEX "MentoringSession_organizationId_id_key" ON "MentoringSession"("organizationId", "id");

CREATE UNIQUE INDEX "Notification_messageKey_key" ON "Notification"("messageKey");

CREATE INDEX "Notification_organizationId_sessionId_idx" ON "Notification"("organizationId", "sessionId");

ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_sessionId_fkey" FOREIGN KEY ("organizationId", "sessionId") REFERENCES "MentoringSession"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
