-- CreateEnum
CREATE TYPE "MailTransport" AS ENUM ('SMTP', 'CAPTURE');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "text" TEXT,
ADD COLUMN     "transport" "MailTransport";
