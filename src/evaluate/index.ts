/** The evaluation design of `wardrank pilots` (see evaluationPlan.ts). */
export { evaluationPlan, type EvaluationPlan } from './evaluationPlan.ts';
export { evaluationPlanJson, evaluationPlanMarkdown, evaluationSummary, analysisSteps } from './evaluationFiles.ts';
