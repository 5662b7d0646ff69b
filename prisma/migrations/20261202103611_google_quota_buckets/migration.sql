-- CreateTable
CREATE TABLE "GoogleQuotaBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "GoogleQuotaBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "GoogleQuotaBucket_refilledAt_idx" ON "GoogleQuotaBucket"("refilledAt");
