-- CreateTable
CREATE TABLE "EvaluationVersion" (
    "rfpId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EvaluationVersion_pkey" PRIMARY KEY ("rfpId")
);

-- AddForeignKey
ALTER TABLE "EvaluationVersion" ADD CONSTRAINT "EvaluationVersion_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express triggers): every change to an input of an RFP's evaluation
-- frame (models/consensus-data.server.ts) adds one to its "EvaluationVersion". The triggers are
-- deferred to commit, so the version row is the last lock a transaction takes (no deadlock with the
-- rows it changed) and one commit's changes are one step. A restore sets shortlist.restoring and
-- keeps the versions of the backup. Draft score sheets and their scores never count: autosaves do
-- not touch the version.
CREATE FUNCTION "evaluation_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb := to_jsonb(COALESCE(NEW, OLD));
  rfps text[];
BEGIN
  IF current_setting('shortlist.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  CASE TG_ARGV[0]
    WHEN 'rfp' THEN rfps := ARRAY[changed->>'rfpId'];
    WHEN 'self' THEN rfps := ARRAY[changed->>'id'];
    WHEN 'member' THEN
      SELECT array_agg("rfpId") INTO rfps FROM "RfpMember" WHERE id = changed->>'memberId';
    WHEN 'consensus' THEN
      SELECT array_agg("rfpId") INTO rfps FROM "ConsensusScore" WHERE id = changed->>'consensusId';
    WHEN 'vendor' THEN
      SELECT array_agg(DISTINCT "rfpId") INTO rfps FROM "Invitation" WHERE "vendorId" = changed->>'id';
    WHEN 'user' THEN
      SELECT array_agg(DISTINCT named."rfpId") INTO rfps FROM (
        SELECT "rfpId" FROM "RfpMember" WHERE "userId" = changed->>'id'
        UNION SELECT "rfpId" FROM "ConsensusScore" WHERE "decidedById" = changed->>'id'
      ) named;
  END CASE;
  -- In id order: two transactions bumping the same RFPs lock them in the same order. An RFP
  -- deleted in this transaction has no row to count for.
  INSERT INTO "EvaluationVersion" AS counted ("rfpId", "version")
    SELECT id, 1 FROM "Rfp" WHERE id = ANY(rfps) ORDER BY id
    ON CONFLICT ("rfpId") DO UPDATE SET "version" = counted."version" + 1;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Rfp_evaluation" AFTER UPDATE ON "Rfp" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.stage IS DISTINCT FROM NEW.stage
    OR OLD."proposalsOpenedAt" IS DISTINCT FROM NEW."proposalsOpenedAt"
    OR OLD."consensusOpenedAt" IS DISTINCT FROM NEW."consensusOpenedAt"
    OR OLD."shortlistDecidedAt" IS DISTINCT FROM NEW."shortlistDecidedAt"
    OR OLD."shortlistSize" IS DISTINCT FROM NEW."shortlistSize")
  EXECUTE FUNCTION "evaluation_changed"('self');

CREATE CONSTRAINT TRIGGER "Criterion_evaluation" AFTER INSERT OR DELETE ON "Criterion" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "Criterion_evaluation_update" AFTER UPDATE ON "Criterion" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "Invitation_evaluation" AFTER INSERT OR DELETE ON "Invitation" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "Invitation_evaluation_update" AFTER UPDATE ON "Invitation" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."vendorId" IS DISTINCT FROM NEW."vendorId")
  EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "Proposal_evaluation" AFTER INSERT OR DELETE ON "Proposal" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "Proposal_evaluation_update" AFTER UPDATE ON "Proposal" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."invitationId" IS DISTINCT FROM NEW."invitationId")
  EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "Vendor_evaluation_update" AFTER UPDATE ON "Vendor" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION "evaluation_changed"('vendor');

CREATE CONSTRAINT TRIGGER "User_evaluation_update" AFTER UPDATE ON "User" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION "evaluation_changed"('user');

CREATE CONSTRAINT TRIGGER "RfpMember_evaluation" AFTER INSERT OR DELETE ON "RfpMember" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "RfpMember_evaluation_update" AFTER UPDATE ON "RfpMember" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD."userId" IS DISTINCT FROM NEW."userId"
    OR OLD."functionalGroup" IS DISTINCT FROM NEW."functionalGroup")
  EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "PanelAssignment_evaluation" AFTER INSERT OR UPDATE OR DELETE ON "PanelAssignment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('member');

CREATE CONSTRAINT TRIGGER "ConflictDeclaration_evaluation" AFTER INSERT OR DELETE ON "ConflictDeclaration"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "ConflictDeclaration_evaluation_update" AFTER UPDATE ON "ConflictDeclaration"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.decision IS DISTINCT FROM NEW.decision OR OLD."memberId" IS DISTINCT FROM NEW."memberId"
    OR OLD."invitationId" IS DISTINCT FROM NEW."invitationId")
  EXECUTE FUNCTION "evaluation_changed"('rfp');

-- A submitted sheet's scores change only by reopening it (it leaves the submitted set) and
-- submitting it again: its status moves both times.
CREATE CONSTRAINT TRIGGER "ScoreSheet_evaluation_insert" AFTER INSERT ON "ScoreSheet" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.status = 'SUBMITTED') EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "ScoreSheet_evaluation_delete" AFTER DELETE ON "ScoreSheet" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status = 'SUBMITTED') EXECUTE FUNCTION "evaluation_changed"('rfp');
CREATE CONSTRAINT TRIGGER "ScoreSheet_evaluation_update" AFTER UPDATE ON "ScoreSheet" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR NEW.status = 'SUBMITTED')
  EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "ConsensusScore_evaluation" AFTER INSERT OR UPDATE OR DELETE ON "ConsensusScore"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "MinorityOpinion_evaluation" AFTER INSERT OR UPDATE OR DELETE ON "MinorityOpinion"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('consensus');

CREATE CONSTRAINT TRIGGER "ShortlistDecision_evaluation" AFTER INSERT OR UPDATE OR DELETE ON "ShortlistDecision"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('rfp');
