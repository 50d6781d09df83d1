import { type RfpStage, STAGE_INFO, stageBar } from "~/domain/workflow";

export function StageBar({ stage }: { stage: RfpStage }) {
  const steps = stageBar(stage);
  return (
    <nav aria-label="RFP stage">
      <ol className="stage-bar">
        {steps.map((step) => (
          <li
            key={step.stage}
            data-state={step.state}
            aria-current={step.state === "current" ? "step" : undefined}
            title={STAGE_INFO[step.stage].description}
          >
            {step.label}
          </li>
        ))}
      </ol>
    </nav>
  );
}
