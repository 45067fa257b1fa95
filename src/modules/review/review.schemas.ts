import { z } from 'zod';

export const callStageParams = z.object({ id: z.coerce.number().int().positive() });
export const stageQuery = z.object({ stage: z.coerce.number().int().min(1).max(2).default(1) });
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const assignmentParams = z.object({
  id: z.coerce.number().int().positive(),
  assignmentId: z.coerce.number().int().positive(),
});
export const manualAssignmentBody = z.object({
  projectId: z.number().int().positive(),
  reviewerId: z.number().int().positive(),
  stage: z.number().int().min(1).max(2).default(1),
});
export const scoresBody = z.object({
  scores: z.record(z.string(), z.number()),
  comment: z.string().max(20_000).nullish(),
  submit: z.boolean().default(false),
});
export const decisionBody = z.object({
  consensus: z.string().max(20_000).nullish(),
  decision: z.enum(['advance', 'reject', 'label']),
  justification: z.string().min(1).max(20_000),
});
export const projectStageParams = z.object({
  id: z.coerce.number().int().positive(),
  stage: z.coerce.number().int().min(1).max(2),
});
export const reviewerBody = z.object({
  name: z.string().min(1).max(300),
  email: z.string().max(300).nullish(),
  userId: z.number().int().positive().nullish(),
  organisationId: z.number().int().positive().nullish(),
  country: z.string().max(2).nullish(),
  expertise: z.array(z.string().min(1).max(100)).max(50),
  stages: z.array(z.number().int().min(1).max(2)).min(1).max(2).optional(),
  affiliations: z
    .array(
      z.object({
        organisationId: z.number().int().positive(),
        fromDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullish(),
        toDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullish(),
      }),
    )
    .max(50)
    .optional(),
});
export const conflictBody = z.object({
  projectId: z.number().int().positive().nullish(),
  organisationId: z.number().int().positive().nullish(),
  reason: z.string().min(1).max(2000),
});
