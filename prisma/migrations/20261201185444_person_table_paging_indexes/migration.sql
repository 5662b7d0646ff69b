-- CreateIndex
CREATE INDEX "IntegrationTestResult_runId_id_idx" ON "IntegrationTestResult"("runId", "id");

-- CreateIndex
CREATE INDEX "PersonCalendarAccess_organizationId_id_idx" ON "PersonCalendarAccess"("organizationId", "id");
