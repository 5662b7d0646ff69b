-- CreateEnum
CREATE TYPE "TestChunkStatus" AS ENUM ('PENDING', 'DONE');

-- CreateTable
CREATE TABLE "IntegrationTestChunk" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "fromPersonId" UUID,
    "toPersonId" UUID,
    "plannedPeople" INTEGER NOT NULL,
    "status" "TestChunkStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "IntegrationTestChunk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IntegrationTestChunk_runId_status_idx" ON "IntegrationTestChunk"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationTestChunk_runId_index_key" ON "IntegrationTestChunk"("runId", "index");

-- AddForeignKey
ALTER TABLE "IntegrationTestChunk" ADD CONSTRAINT "IntegrationTestChunk_organizationId_runId_fkey" FOREIGN KEY ("organizationId", "runId") REFERENCES "IntegrationTestRun"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
