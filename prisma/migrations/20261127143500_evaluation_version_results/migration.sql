-- Hand-written (Prisma cannot express triggers): the evaluation state (migration
-- 20261127134518_evaluation_version) also counts what the results are computed from beyond the
-- consensus frame — the RFP's name, currency, budget, time zone and price settings, each
-- proposal's currency and term, and its price lines — so the results page can be cached by it too
-- (models/results.server.ts).
CREATE OR REPLACE FUNCTION "evaluation_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    WHEN 'proposal' THEN
      SELECT array_agg("rfpId") INTO rfps FROM "Proposal" WHERE id = changed->>'proposalId';
    WHEN 'vendor' THEN
      SELECT array_agg(DISTINCT "rfpId") INTO rfps FROM "Invitation" WHERE "vendorId" = changed->>'id';
    WHEN 'user' THEN
      SELECT array_agg(DISTINCT named."rfpId") INTO rfps FROM (
        SELECT "rfpId" FROM "RfpMember" WHERE "userId" = changed->>'id'
        UNION SELECT "rfpId" FROM "ConsensusScore" WHERE "decidedById" = changed->>'id'
      ) named;
  END CASE;
  INSERT INTO "EvaluationVersion" AS counted ("rfpId", "version")
    SELECT id, 1 FROM "Rfp" WHERE id = ANY(rfps) ORDER BY id
    ON CONFLICT ("rfpId") DO UPDATE SET "version" = counted."version" + 1;
  RETURN NULL;
END $$;

DROP TRIGGER "Rfp_evaluation" ON "Rfp";
CREATE CONSTRAINT TRIGGER "Rfp_evaluation" AFTER UPDATE ON "Rfp" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.stage IS DISTINCT FROM NEW.stage
    OR OLD."proposalsOpenedAt" IS DISTINCT FROM NEW."proposalsOpenedAt"
    OR OLD."consensusOpenedAt" IS DISTINCT FROM NEW."consensusOpenedAt"
    OR OLD."shortlistDecidedAt" IS DISTINCT FROM NEW."shortlistDecidedAt"
    OR OLD."shortlistSize" IS DISTINCT FROM NEW."shortlistSize"
    OR OLD.reference IS DISTINCT FROM NEW.reference
    OR OLD.title IS DISTINCT FROM NEW.title
    OR OLD.currency IS DISTINCT FROM NEW.currency
    OR OLD."budgetAmount" IS DISTINCT FROM NEW."budgetAmount"
    OR OLD."timeZone" IS DISTINCT FROM NEW."timeZone"
    OR OLD."priceFormula" IS DISTINCT FROM NEW."priceFormula"
    OR OLD."priceFormulaFixedAt" IS DISTINCT FROM NEW."priceFormulaFixedAt"
    OR OLD."pricesVisibleToPanel" IS DISTINCT FROM NEW."pricesVisibleToPanel")
  EXECUTE FUNCTION "evaluation_changed"('self');

DROP TRIGGER "Proposal_evaluation_update" ON "Proposal";
CREATE CONSTRAINT TRIGGER "Proposal_evaluation_update" AFTER UPDATE ON "Proposal" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."invitationId" IS DISTINCT FROM NEW."invitationId"
    OR OLD.currency IS DISTINCT FROM NEW.currency OR OLD."termMonths" IS DISTINCT FROM NEW."termMonths")
  EXECUTE FUNCTION "evaluation_changed"('rfp');

CREATE CONSTRAINT TRIGGER "PriceLine_evaluation" AFTER INSERT OR UPDATE OR DELETE ON "PriceLine"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "evaluation_changed"('proposal');
